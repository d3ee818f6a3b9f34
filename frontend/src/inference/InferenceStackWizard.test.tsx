/**
 * The inference pool wizard as a user drives it: each step refuses to advance while a rule is
 * broken and says why next to the field; the YAML preview is exactly the body that is
 * submitted; the review step shows the server's dry-run refusals beside the fields; deploy
 * follows the stack over the WebSocket until Ready; editing shows the diff and applies a PUT.
 */
import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { errorResponse, FakeApi, json } from "../test/FakeApi";
import { FakeSocket } from "../test/FakeSocket";
import { inferenceStack } from "../test/builders";
import { renderApp, TEST_TOKEN, type RenderedApp } from "../test/renderApp";
import { MESSAGES } from "./inferenceStackForm";

function heading(step: number, title: string): HTMLElement {
  return screen.getByRole("heading", { name: `Step ${String(step)} of 6: ${title}` });
}

async function next(app: RenderedApp): Promise<void> {
  await app.user.click(screen.getByRole("button", { name: "Next" }));
}

async function fillToReview(app: RenderedApp): Promise<void> {
  await app.user.type(screen.getByLabelText("Model name"), "llama-3-8b");
  await app.user.type(screen.getByLabelText("Container image"), "vllm/vllm-openai:v0.6.3");
  await app.user.selectOptions(screen.getByLabelText("Serving backend"), "vllm");
  await next(app);
  await app.user.type(await screen.findByLabelText("Name"), "llama3");
  await next(app);
  await screen.findByRole("heading", { name: /Step 3 of 6/ });
  await next(app);
  await screen.findByRole("heading", { name: /Step 4 of 6/ });
  await next(app);
  await screen.findByRole("heading", { name: /Step 5 of 6/ });
  await next(app);
  await screen.findByRole("heading", { name: /Step 6 of 6/ });
}

function previewBody(): unknown {
  const pre = screen.getByLabelText("InferenceStack YAML (read-only)");
  return parse(pre.textContent);
}

beforeEach(() => {
  FakeSocket.opened.length = 0;
});

describe("InferenceStackWizard", { timeout: 60_000 }, () => {
  it("validates each step before moving on and shows the errors next to the fields", async () => {
    const app = renderApp("/inference/pools/create");

    await next(app);
    expect(heading(1, "Model backend")).toBeInTheDocument();
    expect(screen.getByLabelText("Model name")).toHaveAccessibleDescription(/Required\./);
    expect(screen.getByLabelText("Model name")).toHaveAttribute("aria-invalid", "true");

    await app.user.type(screen.getByLabelText("Model name"), "llama-3-8b");
    await app.user.type(screen.getByLabelText("Container image"), "img");
    await next(app);
    expect(heading(2, "Pool")).toBeInTheDocument();

    await app.user.type(screen.getByLabelText("Name"), "llama3");
    await app.user.clear(screen.getByLabelText("Replicas"));
    await app.user.type(screen.getByLabelText("Replicas"), "9");
    await next(app);
    expect(heading(2, "Pool")).toBeInTheDocument();
    expect(screen.getByLabelText("Replicas")).toHaveAccessibleDescription(
      new RegExp(MESSAGES.replicas),
    );

    await app.user.clear(screen.getByLabelText("Replicas"));
    await app.user.type(screen.getByLabelText("Replicas"), "2");
    await next(app);
    expect(heading(3, "Endpoint picker")).toBeInTheDocument();

    await app.user.click(screen.getByRole("radio", { name: /Composite/ }));
    await app.user.clear(screen.getByLabelText("KV-cache weight"));
    await app.user.type(screen.getByLabelText("KV-cache weight"), "0.5");
    await next(app);
    expect(screen.getByRole("alert")).toHaveTextContent(MESSAGES.weights);
    expect(heading(3, "Endpoint picker")).toBeInTheDocument();

    await app.user.clear(screen.getByLabelText("KV-cache weight"));
    await app.user.type(screen.getByLabelText("KV-cache weight"), "0.3");
    await next(app);
    expect(heading(4, "Autoscaling")).toBeInTheDocument();

    await app.user.click(screen.getByRole("checkbox", { name: "Scale up on queue depth" }));
    await next(app);
    expect(screen.getByRole("alert")).toHaveTextContent(MESSAGES.trigger);
    await app.user.click(screen.getByRole("checkbox", { name: "Scale up on gpu utilisation" }));
    await next(app);
    expect(heading(5, "Gateway")).toBeInTheDocument();

    await app.user.click(screen.getByRole("radio", { name: "An existing Gateway" }));
    await next(app);
    expect(screen.getByLabelText("Gateway")).toHaveAccessibleDescription(MESSAGES.gateway);
    await app.user.click(screen.getByRole("radio", { name: /A new Gateway listener/ }));
    await app.user.type(screen.getByLabelText("Hostname (optional)"), "bad host");
    await next(app);
    expect(screen.getByLabelText("Hostname (optional)")).toHaveAccessibleDescription(
      new RegExp(MESSAGES.hostname.replace(/[.*]/g, "\\$&")),
    );
  });

  it("submits exactly the YAML it previews and follows the deploy live until Ready", async () => {
    const api = new FakeApi();
    let stored: unknown = null;
    api.on("POST", "/api/v1/inferencestacks", (req) => {
      if (req.query.get("dryRun") === "true") return json(req.body, 201);
      stored = req.body;
      return json({ ...(req.body as object), status: { phase: "Provisioning" } }, 201);
    });
    const app = renderApp("/inference/pools/create", { api });
    await fillToReview(app);

    expect(
      await screen.findByText("The API server accepts this InferenceStack."),
    ).toBeInTheDocument();
    const previewed = previewBody();
    expect(previewed).toMatchObject({
      kind: "InferenceStack",
      metadata: { name: "llama3", namespace: "default" },
      spec: { model: { backend: "vllm" } },
    });

    await app.user.click(screen.getByRole("button", { name: "Deploy" }));

    expect(
      await screen.findByRole("heading", { name: "Deploying default/llama3" }),
    ).toBeInTheDocument();
    expect(stored).toEqual(previewed);
    expect(api.calls("/api/v1/inferencestacks", "POST").map((r) => r.query.get("dryRun"))).toEqual([
      "true",
      null,
    ]);

    const socket = FakeSocket.opened.at(-1);
    expect(socket?.url).toBe(
      `ws://${window.location.host}/api/v1/ws/crd-status/default/llama3?kind=InferenceStack`,
    );
    expect(socket?.protocols[0]).toBe(
      `base64url.bearer.authorization.k8s.io.${btoa(TEST_TOKEN).replace(/=+$/, "")}`,
    );
    const progress = screen.getByRole("status");
    expect(progress).toHaveTextContent("Provisioning");

    socket?.serverSends({
      type: "status",
      kind: "InferenceStack",
      namespace: "default",
      name: "llama3",
      status: {
        phase: "Ready",
        children: {
          inferencePool: { name: "llama3", ready: true },
          epp: { name: "llama3-epp", ready: true },
        },
      },
    });

    expect(await screen.findByText("The stack is ready.")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Child resources" });
    expect(within(table).getByRole("rowheader", { name: "Endpoint Picker" })).toBeInTheDocument();
    expect(socket?.closed).toBe(true);
  });

  it("shows the server's dry-run refusals next to the fields they concern", async () => {
    const api = new FakeApi().on("POST", "/api/v1/inferencestacks", () =>
      errorResponse(422, "InferenceStack is invalid", [
        {
          field: "spec.gateway.route.pathPrefix",
          message: "path /v1 is already routed by team-b/mixtral",
        },
      ]),
    );
    const app = renderApp("/inference/pools/create", { api });
    await fillToReview(app);

    const dryRun = await screen.findByRole("region", { name: "Server dry run" });
    await within(dryRun).findByText(/path \/v1 is already routed by team-b\/mixtral/);
    expect(dryRun).toHaveTextContent("spec.gateway.route.pathPrefix (Gateway step)");

    await app.user.click(screen.getByRole("button", { name: "5. Gateway" }));
    expect(screen.getByLabelText("Path prefix")).toHaveAccessibleDescription(
      /Server: path \/v1 is already routed by team-b\/mixtral/,
    );
  });

  it("edits a stack: pre-filled, shows the diff against the current spec, applies with PUT", async () => {
    const stack = inferenceStack("team-a", "llama3", { phase: "Ready" });
    let put: unknown = null;
    const api = new FakeApi()
      .on("GET", "/api/v1/inferencestacks/{namespace}/{name}", () => json(stack))
      .on("PUT", "/api/v1/inferencestacks/{namespace}/{name}", (req) => {
        if (req.query.get("dryRun") !== "true") put = req.body;
        return json(stack);
      });
    const app = renderApp("/inference/pools/team-a/llama3/edit", { api });

    expect(await screen.findByLabelText("Model name")).toHaveValue("llama-3-8b");
    await next(app);
    expect(screen.getByLabelText("Name")).toBeDisabled();
    await next(app);
    await app.user.click(await screen.findByRole("radio", { name: /Prefix cache affinity/ }));
    await next(app);
    await next(app);
    await next(app);

    const diff = await screen.findByRole("region", { name: "Changes against the current spec" });
    expect(diff).toHaveTextContent("removed: strategy: least_queue");
    expect(diff).toHaveTextContent("added: strategy: prefix_affinity");
    await app.user.click(screen.getByRole("button", { name: "Apply changes" }));

    await screen.findByRole("heading", { name: "Deploying team-a/llama3" });
    expect(put).toMatchObject({
      metadata: { resourceVersion: "7" },
      spec: { epp: { strategy: "prefix_affinity" } },
    });
  });
});
