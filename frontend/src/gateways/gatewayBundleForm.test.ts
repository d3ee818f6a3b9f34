/**
 * The gateway wizard's Zod schema, one case per rule: bundle name and namespace patterns,
 * a GatewayClass, at least one listener, listener name pattern, port 1..65535 and whole,
 * hostname with an optional leading `*.` only, unique listener names, listeners differing in
 * port/protocol/hostname, HTTPS only with Terminate, a certificate to terminate TLS, worker
 * processes 1..1024; port conflicts against other Gateways; and the mapping to the body
 * (TLS only for HTTPS/TLS, WAF and NginxProxy only on Plus).
 */
import { describe, expect, it } from "vitest";

import { kubeObject } from "../test/FakeApi";
import { MESSAGES } from "../inference/inferenceStackForm";
import {
  defaultGatewayBundleForm,
  gatewayBundleFormSchema,
  newListener,
  portConflicts,
  toGatewayBundleCreate,
  type GatewayBundleForm,
  type ListenerForm,
} from "./gatewayBundleForm";

function valid(): GatewayBundleForm {
  const v = defaultGatewayBundleForm("team-a");
  v.name = "edge";
  return v;
}

function issues(v: GatewayBundleForm): Record<string, string[]> {
  const result = gatewayBundleFormSchema.safeParse(v);
  const out: Record<string, string[]> = {};
  for (const issue of result.success ? [] : result.error.issues) {
    (out[issue.path.join(".")] ??= []).push(issue.message);
  }
  return out;
}

function first(v: GatewayBundleForm): ListenerForm {
  const l = v.listeners[0];
  if (l === undefined) throw new Error("the form has no listener");
  return l;
}

function second(v: GatewayBundleForm): ListenerForm {
  const l = newListener(1);
  v.listeners.push(l);
  return l;
}

const cases: [string, (v: GatewayBundleForm) => void, string, string][] = [
  ["name required", (v) => (v.name = ""), "name", MESSAGES.required],
  ["name pattern", (v) => (v.name = "Edge_1"), "name", MESSAGES.name],
  ["namespace pattern", (v) => (v.namespace = "team.a"), "namespace", MESSAGES.namespace],
  ["GatewayClass", (v) => (v.gatewayClassName = ""), "gatewayClassName", "Choose a GatewayClass."],
  ["a listener", (v) => (v.listeners = []), "listeners", "Add at least one listener."],
  ["listener name", (v) => (first(v).name = "HTTP"), "listeners.0.name", MESSAGES.name],
  ["port 0", (v) => (first(v).port = 0), "listeners.0.port", "A port from 1 to 65535."],
  ["port 65536", (v) => (first(v).port = 65536), "listeners.0.port", "A port from 1 to 65535."],
  ["port whole", (v) => (first(v).port = 80.5), "listeners.0.port", MESSAGES.integer],
  ["port empty", (v) => (first(v).port = NaN), "listeners.0.port", MESSAGES.number],
  [
    "wildcard only leading",
    (v) => (first(v).hostname = "api.*.example.com"),
    "listeners.0.hostname",
    MESSAGES.hostname,
  ],
  [
    "hostname lowercase",
    (v) => (first(v).hostname = "API.example.com"),
    "listeners.0.hostname",
    MESSAGES.hostname,
  ],
  [
    "unique listener names",
    (v) => {
      Object.assign(second(v), { name: "http", port: 8080 });
    },
    "listeners.1.name",
    "listener names must be unique",
  ],
  [
    "listeners differ",
    (v) => {
      second(v).port = 80;
    },
    "listeners.1.port",
    "listeners must differ in port, protocol or hostname",
  ],
  [
    "HTTPS terminates",
    (v) => {
      Object.assign(first(v), { protocol: "HTTPS", tlsMode: "Passthrough" });
    },
    "listeners.0.tlsMode",
    "an HTTPS listener must use tls.mode Terminate (use protocol TLS for Passthrough)",
  ],
  [
    "certificate to terminate",
    (v) => {
      Object.assign(first(v), { protocol: "TLS", tlsMode: "Terminate", certificate: "" });
    },
    "listeners.0.certificate",
    "Choose the certificate Secret to terminate TLS with.",
  ],
  [
    "worker processes",
    (v) => (v.workerProcesses = "0"),
    "workerProcesses",
    "Worker processes: a whole number from 1 to 1024.",
  ],
];

describe("gatewayBundleFormSchema", () => {
  it("accepts the defaults with a name", () => {
    expect(issues(valid())).toEqual({});
  });

  it.each(cases)("refuses: %s", (_id, breakIt, path, message) => {
    const v = valid();
    breakIt(v);
    expect(issues(v)[path]).toContain(message);
  });

  it.each([
    ["*.example.com wildcard", (v: GatewayBundleForm) => (first(v).hostname = "*.example.com")],
    [
      "TLS passthrough without a certificate",
      (v: GatewayBundleForm) => {
        Object.assign(first(v), { protocol: "TLS", tlsMode: "Passthrough" });
      },
    ],
    [
      "same port, other hostname",
      (v: GatewayBundleForm) => {
        second(v).hostname = "api.example.com";
      },
    ],
    ["1024 worker processes", (v: GatewayBundleForm) => (v.workerProcesses = "1024")],
  ])("accepts: %s", (_id, change) => {
    const v = valid();
    change(v);
    expect(issues(v)).toEqual({});
  });
});

describe("portConflicts", () => {
  const gateways = [
    kubeObject("Gateway", "shared", { namespace: "infra", spec: { listeners: [{ port: 443 }] } }),
    kubeObject("Gateway", "edge", { namespace: "team-a", spec: { listeners: [{ port: 80 }] } }),
  ];

  it("names the Gateway that already uses a port", () => {
    const v = valid();
    first(v).port = 443;
    expect(portConflicts(v.listeners, gateways, "team-a/edge")).toEqual([
      { port: 443, gateway: "infra/shared" },
    ]);
  });

  it("ignores the bundle's own Gateway (editing keeps its ports)", () => {
    expect(portConflicts(valid().listeners, gateways, "team-a/edge")).toEqual([]);
    expect(portConflicts(valid().listeners, gateways, "team-a/other")).toEqual([
      { port: 80, gateway: "team-a/edge" },
    ]);
  });
});

describe("toGatewayBundleCreate", () => {
  it("maps listeners, TLS only where the protocol needs it, and allowed routes", () => {
    const v = valid();
    v.allowedRoutes = "All";
    Object.assign(second(v), {
      protocol: "HTTPS",
      port: 443,
      hostname: "*.example.com",
      certificate: "edge-tls",
    });
    const body = toGatewayBundleCreate(v, false);
    expect(body).toEqual({
      apiVersion: "ngf-console.f5.com/v1alpha1",
      kind: "GatewayBundle",
      metadata: { name: "edge", namespace: "team-a" },
      spec: {
        gatewayClassName: "nginx",
        listeners: [
          { name: "http", port: 80, protocol: "HTTP" },
          {
            name: "listener-2",
            port: 443,
            protocol: "HTTPS",
            hostname: "*.example.com",
            tls: { mode: "Terminate", certificateRef: { name: "edge-tls" } },
          },
        ],
        allowedRoutes: { namespaces: "All" },
      },
    });
  });

  it("sends WAF and NginxProxy options only on Plus", () => {
    const v = valid();
    v.waf = { enabled: true, mode: "log-only", policyRef: "strict" };
    v.workerProcesses = "4";
    expect(toGatewayBundleCreate(v, false).spec).not.toHaveProperty("waf");
    expect(toGatewayBundleCreate(v, false).spec).not.toHaveProperty("nginxProxy");
    const plus = toGatewayBundleCreate(v, true).spec;
    expect(plus.waf).toEqual({ mode: "log-only", botDefense: false, policyRef: "strict" });
    expect(plus.nginxProxy).toEqual({ workerProcesses: 4 });
  });
});
