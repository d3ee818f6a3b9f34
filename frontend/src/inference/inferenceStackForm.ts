/**
 * The InferenceStack wizard's form model: a Zod schema whose rules mirror the CRD's (OpenAPI
 * bounds and CEL rules in config/crd/bases), the mapping from form values to the InferenceStack
 * the API receives, and back from a stored stack for editing.
 */
import { z } from "zod";

import type { InferenceStack, InferenceStackCreate, InferenceStackSpec } from "../api/schemas";

export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DURATION = /^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$/;
export const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const MESSAGES = {
  name: "Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.",
  namespace: "Use lowercase letters, digits and '-', starting and ending with a letter or digit.",
  required: "Required.",
  number: "Enter a number.",
  integer: "Enter a whole number.",
  duration: "must be a duration such as 500ms, 5s, 1m or 1h30m",
  path: "Must start with '/'.",
  replicas: "pool.replicas must satisfy minReplicas <= replicas <= maxReplicas",
  minMax: "minReplicas must not exceed maxReplicas.",
  weights: "compositeWeights must sum to 1.0 (queueDepth + kvCache + prefixCache, ±0.001)",
  threshold: "threshold value must be greater than 0",
  percent: "A percentage: at most 100.",
  trigger:
    "autoscaling needs at least one of queueDepthThreshold, kvCacheThreshold or gpuUtilThreshold",
  gateway: "Choose the Gateway to attach to (exactly one of gatewayRef or createListener).",
  hostname: "A hostname such as api.example.com or *.example.com.",
} as const;

const int = (min: number, max: number) =>
  z
    .number({ error: MESSAGES.number })
    .int(MESSAGES.integer)
    .min(min, `At least ${String(min)}.`)
    .max(max, `At most ${String(max)}.`);

const duration = z.string().regex(DURATION, MESSAGES.duration).max(32);

const threshold = (percent: boolean) =>
  z
    .object({
      enabled: z.boolean(),
      value: z.number({ error: MESSAGES.number }),
      duration: z.string(),
    })
    .superRefine((t, ctx) => {
      if (!t.enabled) {
        return;
      }
      if (!(t.value > 0)) {
        ctx.addIssue({ code: "custom", path: ["value"], message: MESSAGES.threshold });
      } else if (percent && t.value > 100) {
        ctx.addIssue({ code: "custom", path: ["value"], message: MESSAGES.percent });
      }
      if (!DURATION.test(t.duration)) {
        ctx.addIssue({ code: "custom", path: ["duration"], message: MESSAGES.duration });
      }
    });

export const inferenceStackFormSchema = z
  .object({
    name: z.string().min(1, MESSAGES.required).max(253).regex(DNS_SUBDOMAIN, MESSAGES.name),
    namespace: z.string().min(1, MESSAGES.required).max(63).regex(DNS_LABEL, MESSAGES.namespace),
    model: z.object({
      backend: z.enum(["triton", "vllm", "tgi"]),
      name: z.string().min(1, MESSAGES.required).max(256),
      image: z.string().min(1, MESSAGES.required).max(512),
      gpuType: z.string().min(1, MESSAGES.required).max(63),
      gpusPerPod: int(0, 16),
    }),
    pool: z.object({
      replicas: int(0, 1000),
      minReplicas: int(0, 1000),
      maxReplicas: int(1, 1000),
      gpuNodeLabel: z.string().max(63),
    }),
    epp: z.object({
      scrapeInterval: duration,
      metricsPath: z.string().max(256).startsWith("/", MESSAGES.path),
      strategy: z.enum(["least_queue", "best_kv_cache", "prefix_affinity", "composite"]),
      weights: z.object({
        queueDepth: z.number({ error: MESSAGES.number }).min(0).max(1),
        kvCache: z.number({ error: MESSAGES.number }).min(0).max(1),
        prefixCache: z.number({ error: MESSAGES.number }).min(0).max(1),
      }),
      dcgmEnabled: z.boolean(),
    }),
    autoscaling: z.object({
      enabled: z.boolean(),
      backend: z.enum(["keda", "hpa"]),
      queueDepth: threshold(false),
      kvCache: threshold(true),
      gpuUtil: threshold(true),
      cooldownPeriod: z.string(),
    }),
    gateway: z.object({
      mode: z.enum(["existing", "create"]),
      gatewayName: z.string(),
      gatewayNamespace: z.string(),
      listenerPort: z.number({ error: MESSAGES.number }),
      listenerProtocol: z.enum(["HTTP", "HTTPS"]),
      listenerHostname: z.string(),
      pathPrefix: z.string().min(1, MESSAGES.required).max(1024).startsWith("/", MESSAGES.path),
      timeout: duration,
      streamingEnabled: z.boolean(),
    }),
  })
  .superRefine((v, ctx) => {
    const { replicas, minReplicas, maxReplicas } = v.pool;
    if (minReplicas > maxReplicas) {
      ctx.addIssue({ code: "custom", path: ["pool", "minReplicas"], message: MESSAGES.minMax });
    } else if (replicas < minReplicas || replicas > maxReplicas) {
      ctx.addIssue({ code: "custom", path: ["pool", "replicas"], message: MESSAGES.replicas });
    }
    if (v.epp.strategy === "composite") {
      const { queueDepth, kvCache, prefixCache } = v.epp.weights;
      const sum = queueDepth + kvCache + prefixCache;
      if (Math.abs(sum - 1) > 0.001 + 1e-9) {
        ctx.addIssue({ code: "custom", path: ["epp", "weights"], message: MESSAGES.weights });
      }
    }
    if (v.autoscaling.enabled) {
      const { queueDepth, kvCache, gpuUtil, cooldownPeriod } = v.autoscaling;
      if (!queueDepth.enabled && !kvCache.enabled && !gpuUtil.enabled) {
        ctx.addIssue({
          code: "custom",
          path: ["autoscaling", "enabled"],
          message: MESSAGES.trigger,
        });
      }
      if (!DURATION.test(cooldownPeriod)) {
        ctx.addIssue({
          code: "custom",
          path: ["autoscaling", "cooldownPeriod"],
          message: MESSAGES.duration,
        });
      }
    }
    if (v.gateway.mode === "existing") {
      if (!DNS_SUBDOMAIN.test(v.gateway.gatewayName)) {
        ctx.addIssue({
          code: "custom",
          path: ["gateway", "gatewayName"],
          message: MESSAGES.gateway,
        });
      }
    } else {
      const port = v.gateway.listenerPort;
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        ctx.addIssue({
          code: "custom",
          path: ["gateway", "listenerPort"],
          message: "A port from 1 to 65535.",
        });
      }
      const host = v.gateway.listenerHostname;
      if (host !== "" && !HOSTNAME.test(host)) {
        ctx.addIssue({
          code: "custom",
          path: ["gateway", "listenerHostname"],
          message: MESSAGES.hostname,
        });
      }
    }
  });

export type InferenceStackForm = z.infer<typeof inferenceStackFormSchema>;

export function defaultInferenceStackForm(namespace: string): InferenceStackForm {
  return {
    name: "",
    namespace: namespace === "" ? "default" : namespace,
    model: { backend: "triton", name: "", image: "", gpuType: "H100", gpusPerPod: 1 },
    pool: { replicas: 2, minReplicas: 1, maxReplicas: 4, gpuNodeLabel: "" },
    epp: {
      scrapeInterval: "5s",
      metricsPath: "/metrics",
      strategy: "least_queue",
      weights: { queueDepth: 0.4, kvCache: 0.3, prefixCache: 0.3 },
      dcgmEnabled: true,
    },
    autoscaling: {
      enabled: true,
      backend: "keda",
      queueDepth: { enabled: true, value: 5, duration: "60s" },
      kvCache: { enabled: false, value: 80, duration: "60s" },
      gpuUtil: { enabled: false, value: 90, duration: "120s" },
      cooldownPeriod: "300s",
    },
    gateway: {
      mode: "create",
      gatewayName: "",
      gatewayNamespace: "",
      listenerPort: 80,
      listenerProtocol: "HTTP",
      listenerHostname: "",
      pathPrefix: "/v1",
      timeout: "300s",
      streamingEnabled: true,
    },
  };
}

const GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";

/** The spec the form describes; also used (on unvalidated values) for the live YAML preview. */
export function toInferenceStackSpec(v: InferenceStackForm): InferenceStackSpec {
  const a = v.autoscaling;
  const t = (x: InferenceStackForm["autoscaling"]["queueDepth"]) =>
    x.enabled ? { value: x.value, duration: x.duration } : null;
  const spec: InferenceStackSpec = {
    model: { ...v.model },
    pool: {
      replicas: v.pool.replicas,
      minReplicas: v.pool.minReplicas,
      maxReplicas: v.pool.maxReplicas,
      ...(v.pool.gpuNodeLabel === ""
        ? {}
        : { nodeSelector: { [GPU_PRODUCT_LABEL]: v.pool.gpuNodeLabel } }),
    },
    epp: {
      scrapeInterval: v.epp.scrapeInterval,
      metricsPath: v.epp.metricsPath,
      strategy: v.epp.strategy,
      dcgmEnabled: v.epp.dcgmEnabled,
      ...(v.epp.strategy === "composite" ? { compositeWeights: { ...v.epp.weights } } : {}),
    },
    gateway: {
      ...(v.gateway.mode === "existing"
        ? {
            gatewayRef: {
              name: v.gateway.gatewayName,
              ...(v.gateway.gatewayNamespace === ""
                ? {}
                : { namespace: v.gateway.gatewayNamespace }),
            },
          }
        : {
            createListener: {
              port: v.gateway.listenerPort,
              protocol: v.gateway.listenerProtocol,
              ...(v.gateway.listenerHostname === ""
                ? {}
                : { hostname: v.gateway.listenerHostname }),
            },
          }),
      route: {
        pathPrefix: v.gateway.pathPrefix,
        timeout: v.gateway.timeout,
        streamingEnabled: v.gateway.streamingEnabled,
      },
    },
  };
  if (a.enabled) {
    const queue = t(a.queueDepth);
    const kv = t(a.kvCache);
    const gpu = t(a.gpuUtil);
    spec.autoscaling = {
      backend: a.backend,
      cooldownPeriod: a.cooldownPeriod,
      ...(queue === null ? {} : { queueDepthThreshold: queue }),
      ...(kv === null ? {} : { kvCacheThreshold: kv }),
      ...(gpu === null ? {} : { gpuUtilThreshold: gpu }),
    };
  }
  return spec;
}

export function toInferenceStackCreate(v: InferenceStackForm): InferenceStackCreate {
  return {
    apiVersion: "ngf-console.f5.com/v1alpha1",
    kind: "InferenceStack",
    metadata: { name: v.name, namespace: v.namespace },
    spec: toInferenceStackSpec(v),
  };
}

/** The form values of a stored stack, for the edit wizard. */
export function fromInferenceStack(stack: InferenceStack): InferenceStackForm {
  const base = defaultInferenceStackForm(stack.metadata?.namespace ?? "default");
  const { spec } = stack;
  const a = spec.autoscaling;
  const th = (
    x: { value: number; duration: string } | null | undefined,
    fallback: InferenceStackForm["autoscaling"]["queueDepth"],
  ) =>
    x ? { enabled: true, value: x.value, duration: x.duration } : { ...fallback, enabled: false };
  const gw = spec.gateway;
  return {
    name: stack.metadata?.name ?? "",
    namespace: stack.metadata?.namespace ?? base.namespace,
    model: { ...spec.model },
    pool: {
      replicas: spec.pool.replicas,
      minReplicas: spec.pool.minReplicas,
      maxReplicas: spec.pool.maxReplicas,
      gpuNodeLabel: spec.pool.nodeSelector?.[GPU_PRODUCT_LABEL] ?? "",
    },
    epp: {
      scrapeInterval: spec.epp.scrapeInterval,
      metricsPath: spec.epp.metricsPath,
      strategy: spec.epp.strategy,
      weights: spec.epp.compositeWeights ?? base.epp.weights,
      dcgmEnabled: spec.epp.dcgmEnabled,
    },
    autoscaling: a
      ? {
          enabled: true,
          backend: a.backend,
          queueDepth: th(a.queueDepthThreshold, base.autoscaling.queueDepth),
          kvCache: th(a.kvCacheThreshold, base.autoscaling.kvCache),
          gpuUtil: th(a.gpuUtilThreshold, base.autoscaling.gpuUtil),
          cooldownPeriod: a.cooldownPeriod,
        }
      : { ...base.autoscaling, enabled: false },
    gateway: {
      mode: gw.gatewayRef ? "existing" : "create",
      gatewayName: gw.gatewayRef?.name ?? "",
      gatewayNamespace: gw.gatewayRef?.namespace ?? "",
      listenerPort: gw.createListener?.port ?? 80,
      listenerProtocol: gw.createListener?.protocol ?? "HTTP",
      listenerHostname: gw.createListener?.hostname ?? "",
      pathPrefix: gw.route.pathPrefix,
      timeout: gw.route.timeout,
      streamingEnabled: gw.route.streamingEnabled,
    },
  };
}
