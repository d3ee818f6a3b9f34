/**
 * The gateway wizard as a user drives it: each step refuses to advance while a rule is broken
 * (with the message under the field); a port already used by another Gateway is named; the
 * YAML preview is exactly the body deployed; the review shows the server's dry-run refusals;
 * on OSS the WAF and Advanced steps are greyed and no WAF policy call is made, on Plus the
 * WAF form is there and reads the policies.
 */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { ENTERPRISE_TOOLTIP } from "../gate/EnterpriseGate";
import { MESSAGES } from "../inference/inferenceStackForm";
import { errorResponse, FakeApi, json, kubeObject, list } from "../test/FakeApi";
import { renderApp, type RenderedApp } from "../test/renderApp";

function heading(step: number, title: string): HTMLElement {
  return screen.getByRole("heading", { name: `Step ${String(step)} of 5: ${title}` });
}

async function next(app: RenderedApp): Promise<void> {
  await app.user.click(screen.getByRole("button", { name: "Next" }));
}

async function fillListeners(app: RenderedApp): Promise<void> {
  await next(app);
  await app.user.type(await screen.findByLabelText("Name"), "edge");
  await app.user.clear(screen.getByLabelText("Listener 1 port"));
  await app.user.type(screen.getByLabelText("Listener 1 port"), "8090");
  await app.user.click(screen.getByRole("button", { name: "Add listener" }));
  await app.user.clear(screen.getByLabelText("Listener 2 port"));
  await app.user.type(screen.getByLabelText("Listener 2 port"), "8091");
  await app.user.type(screen.getByLabelText("Listener 2 hostname"), "*.example.com");
}

async function toReview(app: RenderedApp): Promise<void> {
  await fillListeners(app);
  await next(app);
  await screen.findByRole("heading", { name: /Step 3 of 5/ });
  await next(app);
  await screen.findByRole("heading", { name: /Step 4 of 5/ });
  await next(app);
  await screen.findByRole("heading", { name: /Step 5 of 5/ });
}

function gatewaysApi(edition: "oss" | "plus" = "oss"): FakeApi {
  return new FakeApi(edition).on("GET", "/api/v1/gateways", () =>
    json(
      list([
        kubeObject("Gateway", "shared", {
          namespace: "infra",
          spec: { listeners: [{ name: "https", port: 8443 }] },
        }),
      ]),
    ),
  );
}

describe("GatewayBundleWizard", { timeout: 60_000 }, () => {
  it("validates each step, names port conflicts and checks hostnames", async () => {
    const app = renderApp("/gateways/create", { api: gatewaysApi() });
    expect(await screen.findByLabelText("GatewayClass")).toHaveValue("nginx");
    await next(app);
    expect(heading(2, "Gateway and listeners")).toBeInTheDocument();

    await next(app);
    expect(heading(2, "Gateway and listeners")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription(MESSAGES.required);

    await app.user.type(screen.getByLabelText("Name"), "edge");
    await app.user.clear(screen.getByLabelText("Listener 1 port"));
    await app.user.type(screen.getByLabelText("Listener 1 port"), "8443");
    expect(screen.getByLabelText("Listener 1 port")).toHaveAccessibleDescription(
      "Port 8443 is already used by Gateway infra/shared.",
    );
    await app.user.clear(screen.getByLabelText("Listener 1 port"));
    await app.user.type(screen.getByLabelText("Listener 1 port"), "8090");
    expect(screen.getByLabelText("Listener 1 port")).not.toHaveAccessibleDescription(/already/);

    await app.user.type(screen.getByLabelText("Listener 1 hostname"), "api.*.example.com");
    await next(app);
    expect(heading(2, "Gateway and listeners")).toBeInTheDocument();
    expect(screen.getByLabelText("Listener 1 hostname")).toHaveAccessibleDescription(
      new RegExp(MESSAGES.hostname.replace(/[.*]/g, "\\$&")),
    );
    await app.user.clear(screen.getByLabelText("Listener 1 hostname"));
    await app.user.type(screen.getByLabelText("Listener 1 hostname"), "*.example.com");

    await app.user.click(screen.getByRole("button", { name: "Add listener" }));
    await app.user.clear(screen.getByLabelText("Listener 2 port"));
    await app.user.type(screen.getByLabelText("Listener 2 port"), "8090");
    await app.user.type(screen.getByLabelText("Listener 2 hostname"), "*.example.com");
    await next(app);
    expect(screen.getByLabelText("Listener 2 port")).toHaveAccessibleDescription(
      "listeners must differ in port, protocol or hostname",
    );

    await app.user.selectOptions(screen.getByLabelText("Listener 2 protocol"), "HTTPS");
    await next(app);
    expect(screen.getByLabelText("Listener 2 certificate")).toHaveAccessibleDescription(
      "Choose the certificate Secret to terminate TLS with.",
    );
    await app.user.click(screen.getByRole("button", { name: "Remove listener 2" }));
    await next(app);
    expect(heading(3, "WAF policy")).toBeInTheDocument();
  });

  it("deploys exactly the YAML it previews, after the server's dry run accepts it", async () => {
    let stored: unknown = null;
    const api = gatewaysApi().on("POST", "/api/v1/gatewaybundles", (req) => {
      if (req.query.get("dryRun") !== "true") stored = req.body;
      return json(req.body, 201);
    });
    const app = renderApp("/gateways/create", { api });
    await toReview(app);

    expect(
      await screen.findByText("The API server accepts this GatewayBundle."),
    ).toBeInTheDocument();
    const previewed: unknown = parse(
      screen.getByLabelText("GatewayBundle YAML (read-only)").textContent,
    );
    expect(previewed).toMatchObject({
      kind: "GatewayBundle",
      metadata: { name: "edge", namespace: "default" },
      spec: {
        listeners: [
          { name: "http", port: 8090, protocol: "HTTP" },
          { name: "listener-2", port: 8091, protocol: "HTTP", hostname: "*.example.com" },
        ],
      },
    });

    await app.user.click(screen.getByRole("button", { name: "Deploy" }));
    expect(await screen.findByRole("link", { name: "Open default/edge" })).toBeInTheDocument();
    expect(stored).toEqual(previewed);
    expect(api.calls("/api/v1/gatewaybundles", "POST").map((r) => r.query.get("dryRun"))).toEqual([
      "true",
      null,
    ]);
  });

  it("shows the server's dry-run refusals on the review step", async () => {
    const api = gatewaysApi().on("POST", "/api/v1/gatewaybundles", () =>
      errorResponse(422, "GatewayBundle is invalid", [
        { field: "spec.listeners[1].hostname", message: "hostname is taken by team-b/web" },
      ]),
    );
    const app = renderApp("/gateways/create", { api });
    await toReview(app);
    const dryRun = await screen.findByRole("region", { name: "Server dry run" });
    expect(
      await within(dryRun).findByText(
        "spec.listeners[1].hostname: hostname is taken by team-b/web",
      ),
    ).toBeInTheDocument();
  });

  it("greys the WAF and Advanced steps on OSS and never asks for WAF policies", async () => {
    const api = gatewaysApi("oss");
    const app = renderApp("/gateways/create", { api });
    await fillListeners(app);
    await next(app);
    expect(heading(3, "WAF policy")).toBeInTheDocument();
    const waf = screen.getByRole("button", { name: "WAF policy" });
    expect(waf).toHaveAttribute("aria-disabled", "true");
    expect(waf).toHaveAccessibleDescription(ENTERPRISE_TOOLTIP);
    expect(screen.queryByLabelText("WAF mode")).not.toBeInTheDocument();
    await next(app);
    expect(screen.getByRole("button", { name: "NginxProxy tuning" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    expect(screen.queryByLabelText("NGINX worker processes")).not.toBeInTheDocument();
    expect(api.calls("/api/v1/policies/waf")).toEqual([]);
  });

  it("offers the WAF policies on Plus", async () => {
    const api = gatewaysApi("plus").on("GET", "/api/v1/policies/waf", () =>
      json(list([kubeObject("WAFPolicy", "strict", { namespace: "default" })])),
    );
    const app = renderApp("/gateways/create", { api });
    await fillListeners(app);
    await next(app);
    const policy = await screen.findByLabelText("WAF policy");
    expect(await within(policy).findByRole("option", { name: "strict" })).toBeInTheDocument();
    expect(screen.getByLabelText("WAF mode")).toHaveValue("enforce");
    expect(api.calls("/api/v1/policies/waf").length).toBeGreaterThan(0);
  });
});
