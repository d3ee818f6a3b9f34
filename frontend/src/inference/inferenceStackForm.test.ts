/**
 * The wizard's Zod schema against the CRD rules, one case per rule: name and namespace
 * patterns, replica bounds (min <= replicas <= max, 0..1000, max >= 1), GPUs 0..16, durations,
 * paths starting with '/', composite weights summing to 1.0 ±0.001, at least one autoscaling
 * trigger, percentages <= 100, thresholds > 0, exactly one of gatewayRef/createListener,
 * listener port and wildcard hostname; and the mapping to the InferenceStack body.
 */
import { describe, expect, it } from "vitest";

import {
  defaultInferenceStackForm,
  fromInferenceStack,
  inferenceStackFormSchema,
  MESSAGES,
  toInferenceStackCreate,
  type InferenceStackForm,
} from "./inferenceStackForm";

function valid(): InferenceStackForm {
  const v = defaultInferenceStackForm("team-a");
  v.name = "llama3";
  v.model.name = "llama-3-8b";
  v.model.image = "vllm/vllm-openai:v0.6.3";
  return v;
}

function issues(v: InferenceStackForm): Record<string, string[]> {
  const result = inferenceStackFormSchema.safeParse(v);
  const out: Record<string, string[]> = {};
  for (const issue of result.success ? [] : result.error.issues) {
    (out[issue.path.join(".")] ??= []).push(issue.message);
  }
  return out;
}

const cases: [string, (v: InferenceStackForm) => void, string, string][] = [
  [
    "name pattern",
    (v) => {
      v.name = "Llama_3";
    },
    "name",
    MESSAGES.name,
  ],
  [
    "namespace pattern",
    (v) => {
      v.namespace = "team.a";
    },
    "namespace",
    MESSAGES.namespace,
  ],
  [
    "model name required",
    (v) => {
      v.model.name = "";
    },
    "model.name",
    MESSAGES.required,
  ],
  [
    "gpus per pod at most 16",
    (v) => {
      v.model.gpusPerPod = 17;
    },
    "model.gpusPerPod",
    "At most 16.",
  ],
  [
    "replicas within min and max",
    (v) => {
      v.pool.replicas = 9;
    },
    "pool.replicas",
    MESSAGES.replicas,
  ],
  [
    "replicas below min",
    (v) => {
      v.pool.minReplicas = 3;
    },
    "pool.replicas",
    MESSAGES.replicas,
  ],
  [
    "min not above max",
    (v) => {
      v.pool.minReplicas = 5;
      v.pool.maxReplicas = 4;
    },
    "pool.minReplicas",
    MESSAGES.minMax,
  ],
  [
    "max at least 1",
    (v) => {
      v.pool.maxReplicas = 0;
      v.pool.minReplicas = 0;
      v.pool.replicas = 0;
    },
    "pool.maxReplicas",
    "At least 1.",
  ],
  [
    "replicas at most 1000",
    (v) => {
      v.pool.replicas = 1001;
    },
    "pool.replicas",
    "At most 1000.",
  ],
  [
    "replicas a number",
    (v) => {
      v.pool.replicas = Number.NaN;
    },
    "pool.replicas",
    MESSAGES.number,
  ],
  [
    "scrape interval duration",
    (v) => {
      v.epp.scrapeInterval = "5 seconds";
    },
    "epp.scrapeInterval",
    MESSAGES.duration,
  ],
  [
    "metrics path starts with /",
    (v) => {
      v.epp.metricsPath = "metrics";
    },
    "epp.metricsPath",
    MESSAGES.path,
  ],
  [
    "composite weights sum to 1",
    (v) => {
      v.epp.strategy = "composite";
      v.epp.weights.kvCache = 0.5;
    },
    "epp.weights",
    MESSAGES.weights,
  ],
  [
    "at least one trigger",
    (v) => {
      v.autoscaling.queueDepth.enabled = false;
    },
    "autoscaling.enabled",
    MESSAGES.trigger,
  ],
  [
    "threshold above 0",
    (v) => {
      v.autoscaling.queueDepth.value = 0;
    },
    "autoscaling.queueDepth.value",
    MESSAGES.threshold,
  ],
  [
    "kv-cache percent at most 100",
    (v) => {
      v.autoscaling.kvCache = { enabled: true, value: 120, duration: "60s" };
    },
    "autoscaling.kvCache.value",
    MESSAGES.percent,
  ],
  [
    "threshold duration",
    (v) => {
      v.autoscaling.queueDepth.duration = "1 min";
    },
    "autoscaling.queueDepth.duration",
    MESSAGES.duration,
  ],
  [
    "cool-down duration",
    (v) => {
      v.autoscaling.cooldownPeriod = "5";
    },
    "autoscaling.cooldownPeriod",
    MESSAGES.duration,
  ],
  [
    "existing gateway chosen",
    (v) => {
      v.gateway.mode = "existing";
    },
    "gateway.gatewayName",
    MESSAGES.gateway,
  ],
  [
    "listener port range",
    (v) => {
      v.gateway.listenerPort = 70000;
    },
    "gateway.listenerPort",
    "A port from 1 to 65535.",
  ],
  [
    "listener hostname",
    (v) => {
      v.gateway.listenerHostname = "*.*.example.com";
    },
    "gateway.listenerHostname",
    MESSAGES.hostname,
  ],
  [
    "path prefix starts with /",
    (v) => {
      v.gateway.pathPrefix = "v1";
    },
    "gateway.pathPrefix",
    MESSAGES.path,
  ],
  [
    "timeout duration",
    (v) => {
      v.gateway.timeout = "300";
    },
    "gateway.timeout",
    MESSAGES.duration,
  ],
];

describe("inferenceStackFormSchema", () => {
  it("accepts the defaults once the model is named", () => {
    expect(issues(valid())).toEqual({});
  });

  it.each(cases)("refuses: %s", (_name, mutate, path, message) => {
    const v = valid();
    mutate(v);
    expect(issues(v)[path]).toContain(message);
  });

  it.each([
    ["exactly 1.0", 0.4, 0.3, 0.3],
    ["within +0.001", 0.4, 0.3, 0.301],
    ["within -0.001", 0.4, 0.3, 0.299],
  ])("accepts composite weights %s", (_name, q, k, p) => {
    const v = valid();
    v.epp.strategy = "composite";
    v.epp.weights = { queueDepth: q, kvCache: k, prefixCache: p };
    expect(issues(v)).toEqual({});
  });

  it("accepts a wildcard hostname and ignores disabled autoscaling triggers", () => {
    const v = valid();
    v.gateway.listenerHostname = "*.example.com";
    v.autoscaling.enabled = false;
    v.autoscaling.queueDepth.enabled = false;
    expect(issues(v)).toEqual({});
  });
});

describe("toInferenceStackCreate", () => {
  it("sets exactly one of gatewayRef and createListener", () => {
    const v = valid();
    expect(toInferenceStackCreate(v).spec.gateway).toMatchObject({
      createListener: { port: 80, protocol: "HTTP" },
    });
    expect(toInferenceStackCreate(v).spec.gateway.gatewayRef).toBeUndefined();
    v.gateway.mode = "existing";
    v.gateway.gatewayName = "shared";
    v.gateway.gatewayNamespace = "infra";
    expect(toInferenceStackCreate(v).spec.gateway.gatewayRef).toEqual({
      name: "shared",
      namespace: "infra",
    });
    expect(toInferenceStackCreate(v).spec.gateway.createListener).toBeUndefined();
  });

  it("sends composite weights only with the composite strategy, and only enabled triggers", () => {
    const v = valid();
    expect(toInferenceStackCreate(v).spec.epp.compositeWeights).toBeUndefined();
    v.epp.strategy = "composite";
    expect(toInferenceStackCreate(v).spec.epp.compositeWeights).toEqual({
      queueDepth: 0.4,
      kvCache: 0.3,
      prefixCache: 0.3,
    });
    expect(toInferenceStackCreate(v).spec.autoscaling).toEqual({
      backend: "keda",
      cooldownPeriod: "300s",
      queueDepthThreshold: { value: 5, duration: "60s" },
    });
  });

  it("round-trips through a stored stack", () => {
    const v = valid();
    v.epp.strategy = "composite";
    v.gateway.listenerHostname = "llm.example.com";
    const body = toInferenceStackCreate(v);
    expect(
      fromInferenceStack({
        metadata: body.metadata,
        spec: body.spec,
        apiVersion: "ngf-console.f5.com/v1alpha1",
        kind: "InferenceStack",
        status: null,
      }),
    ).toEqual(v);
  });
});
