/**
 * A GatewayBundle's detail page: its listeners with the routes attached to each (from the
 * Gateway's status), the children the operator reports with their status and messages, the
 * conditions, and drift events emphasised among the others.
 */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { GatewayBundle } from "../api/schemas";
import {
  defaultGatewayBundleForm,
  newListener,
  toGatewayBundleCreate,
} from "../gateways/gatewayBundleForm";
import { FakeApi, json, kubeObject, list } from "../test/FakeApi";
import { renderApp } from "../test/renderApp";

function bundle(): GatewayBundle {
  const form = defaultGatewayBundleForm("team-a");
  form.name = "edge";
  form.listeners.push({ ...newListener(1), name: "web", port: 8091, hostname: "*.example.com" });
  const body = toGatewayBundleCreate(form, false);
  return {
    apiVersion: "ngf-console.f5.com/v1alpha1",
    kind: "GatewayBundle",
    spec: body.spec,
    metadata: { ...body.metadata, resourceVersion: "3" },
    status: {
      phase: "Degraded",
      children: {
        gateway: { name: "edge", ready: false, message: "Listener web: hostname conflict" },
        nginxProxy: { name: "edge-proxy", ready: true },
      },
      conditions: [
        {
          type: "Ready",
          status: "False",
          reason: "ChildNotReady",
          message: "Gateway edge is not programmed",
          lastTransitionTime: "2026-01-01T00:00:00Z",
        },
      ],
    },
  };
}

function api(): FakeApi {
  return new FakeApi()
    .on("GET", "/api/v1/gatewaybundles/{namespace}/{name}", () => json(bundle()))
    .on("GET", "/api/v1/gateways", () =>
      json(
        list([
          kubeObject("Gateway", "edge", {
            namespace: "team-a",
            status: {
              listeners: [
                { name: "http", attachedRoutes: 2 },
                { name: "web", attachedRoutes: 1 },
              ],
            },
          }),
        ]),
      ),
    )
    .on("GET", "/api/v1/events", (req) =>
      req.query.get("kind") === "GatewayBundle" && req.query.get("name") === "edge"
        ? json(
            list([
              kubeObject("Event", "e1", {
                reason: "DriftCorrected",
                type: "Normal",
                message: "Gateway edge was changed outside the operator; restored",
              }),
              kubeObject("Event", "e2", {
                reason: "Reconciled",
                type: "Normal",
                message: "applied 2 children",
              }),
            ]),
          )
        : json(list([])),
    );
}

describe("GatewayDetailPage", () => {
  it("shows listeners with attached routes, children, conditions and drift events", async () => {
    renderApp("/gateways/team-a/edge", { api: api() });
    expect(await screen.findByRole("heading", { level: 1, name: "edge" })).toBeInTheDocument();
    expect(await screen.findByRole("status")).toHaveTextContent("Degraded");

    const listeners = screen.getByRole("region", { name: "Listeners" });
    expect(listeners).toHaveTextContent("http: HTTP port 80 — 2 attached routes");
    expect(listeners).toHaveTextContent("web: HTTP port 8091 for *.example.com — 1 attached route");

    const children = screen.getByRole("table", { name: "Child resources" });
    const gatewayRow = within(children).getByRole("row", { name: /^Gateway/ });
    expect(gatewayRow).toHaveTextContent("Not ready");
    expect(gatewayRow).toHaveTextContent("Listener web: hostname conflict");
    expect(within(children).getByRole("row", { name: /^NginxProxy/ })).toHaveTextContent("Ready");

    const conditions = screen.getByRole("table", { name: "Conditions" });
    expect(within(conditions).getByRole("row", { name: /^Ready/ })).toHaveTextContent(
      "ChildNotReady",
    );

    const events = screen.getByRole("region", { name: "Drift and events" });
    const drift = await within(events).findByText(/DriftCorrected/);
    expect(drift).toHaveTextContent("Gateway edge was changed outside the operator; restored");
    expect(drift).toHaveClass("font-medium");
    expect(within(events).getByText(/Reconciled/)).not.toHaveClass("font-medium");
  });
});
