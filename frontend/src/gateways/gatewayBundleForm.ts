/**
 * The GatewayBundle wizard's form model: Zod rules mirroring the CRD (listener names unique,
 * listeners differ in port/protocol/hostname, hostnames with an optional leading wildcard, TLS
 * required exactly for HTTPS/TLS), port conflicts against existing Gateways, and the mapping
 * to the GatewayBundle body.
 */
import { z } from "zod";

import type { GatewayBundleCreate, GatewayBundleSpec, KubeObject } from "../api/schemas";
import { DNS_LABEL, DNS_SUBDOMAIN, HOSTNAME, MESSAGES } from "../inference/inferenceStackForm";

export const listenerSchema = z.object({
  name: z.string().regex(DNS_SUBDOMAIN, MESSAGES.name),
  port: z
    .number({ error: MESSAGES.number })
    .int(MESSAGES.integer)
    .min(1, "A port from 1 to 65535.")
    .max(65535, "A port from 1 to 65535."),
  protocol: z.enum(["HTTP", "HTTPS", "TLS", "TCP", "UDP"]),
  hostname: z.string().refine((h) => h === "" || HOSTNAME.test(h), MESSAGES.hostname),
  tlsMode: z.enum(["Terminate", "Passthrough"]),
  certificate: z.string(),
});

export const gatewayBundleFormSchema = z
  .object({
    name: z.string().min(1, MESSAGES.required).regex(DNS_SUBDOMAIN, MESSAGES.name),
    namespace: z.string().min(1, MESSAGES.required).regex(DNS_LABEL, MESSAGES.namespace),
    gatewayClassName: z.string().min(1, "Choose a GatewayClass."),
    listeners: z.array(listenerSchema).min(1, "Add at least one listener.").max(64),
    allowedRoutes: z.enum(["Same", "All"]),
    waf: z.object({
      enabled: z.boolean(),
      mode: z.enum(["enforce", "log-only"]),
      policyRef: z.string(),
    }),
    workerProcesses: z.string(),
  })
  .superRefine((v, ctx) => {
    const names = new Set<string>();
    const keys = new Set<string>();
    v.listeners.forEach((l, i) => {
      if (names.has(l.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["listeners", i, "name"],
          message: "listener names must be unique",
        });
      }
      names.add(l.name);
      const key = `${String(l.port)}/${l.protocol}/${l.hostname}`;
      if (keys.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["listeners", i, "port"],
          message: "listeners must differ in port, protocol or hostname",
        });
      }
      keys.add(key);
      const tls = l.protocol === "HTTPS" || l.protocol === "TLS";
      if (tls && l.protocol === "HTTPS" && l.tlsMode !== "Terminate") {
        ctx.addIssue({
          code: "custom",
          path: ["listeners", i, "tlsMode"],
          message:
            "an HTTPS listener must use tls.mode Terminate (use protocol TLS for Passthrough)",
        });
      }
      if (tls && l.tlsMode === "Terminate" && l.certificate === "") {
        ctx.addIssue({
          code: "custom",
          path: ["listeners", i, "certificate"],
          message: "Choose the certificate Secret to terminate TLS with.",
        });
      }
    });
    if (v.workerProcesses !== "" && !/^[1-9][0-9]{0,3}$/.test(v.workerProcesses)) {
      ctx.addIssue({
        code: "custom",
        path: ["workerProcesses"],
        message: "Worker processes: a whole number from 1 to 1024.",
      });
    }
  });

export type GatewayBundleForm = z.infer<typeof gatewayBundleFormSchema>;
export type ListenerForm = z.infer<typeof listenerSchema>;

export function newListener(index: number): ListenerForm {
  return {
    name: index === 0 ? "http" : `listener-${String(index + 1)}`,
    port: 80,
    protocol: "HTTP",
    hostname: "",
    tlsMode: "Terminate",
    certificate: "",
  };
}

export function defaultGatewayBundleForm(namespace: string): GatewayBundleForm {
  return {
    name: "",
    namespace: namespace === "" ? "default" : namespace,
    gatewayClassName: "nginx",
    listeners: [newListener(0)],
    allowedRoutes: "Same",
    waf: { enabled: false, mode: "enforce", policyRef: "" },
    workerProcesses: "",
  };
}

export interface PortConflict {
  readonly port: number;
  readonly gateway: string;
}

/** Ports of the listeners that existing Gateways (other than this bundle's own) already use. */
export function portConflicts(
  listeners: readonly ListenerForm[],
  gateways: readonly KubeObject[],
  self: string,
): PortConflict[] {
  const used = new Map<number, string>();
  for (const g of gateways) {
    const id = `${g.metadata.namespace ?? ""}/${g.metadata.name ?? ""}`;
    if (id === self) continue;
    const spec = g["spec"] as { listeners?: { port?: number }[] } | undefined;
    for (const l of spec?.listeners ?? []) {
      if (typeof l.port === "number") used.set(l.port, id);
    }
  }
  return listeners.flatMap((l) => {
    const gateway = used.get(l.port);
    return gateway === undefined ? [] : [{ port: l.port, gateway }];
  });
}

export function toGatewayBundleCreate(v: GatewayBundleForm, plus: boolean): GatewayBundleCreate {
  const spec: GatewayBundleSpec = {
    gatewayClassName: v.gatewayClassName,
    listeners: v.listeners.map((l) => {
      const tls = l.protocol === "HTTPS" || l.protocol === "TLS";
      return {
        name: l.name,
        port: l.port,
        protocol: l.protocol,
        ...(l.hostname === "" ? {} : { hostname: l.hostname }),
        ...(tls
          ? {
              tls:
                l.tlsMode === "Terminate"
                  ? { mode: "Terminate" as const, certificateRef: { name: l.certificate } }
                  : { mode: "Passthrough" as const },
            }
          : {}),
      };
    }),
    allowedRoutes: { namespaces: v.allowedRoutes },
  };
  if (plus && v.waf.enabled) {
    spec.waf = {
      mode: v.waf.mode,
      botDefense: false,
      ...(v.waf.policyRef === "" ? {} : { policyRef: v.waf.policyRef }),
    };
  }
  if (plus && v.workerProcesses !== "") {
    spec.nginxProxy = { workerProcesses: Number(v.workerProcesses) };
  }
  return {
    apiVersion: "ngf-console.f5.com/v1alpha1",
    kind: "GatewayBundle",
    metadata: { name: v.name, namespace: v.namespace },
    spec,
  };
}
