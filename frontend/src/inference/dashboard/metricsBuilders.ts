/**
 * Builders of inference metrics API answers for tests: a small, known dataset (three pods,
 * ten one-minute buckets from T0) whose figures the tests can assert on the screen.
 */
import type {
  CostEstimate,
  DecisionList,
  EppDecision,
  GpuHeatmap,
  InferenceSummary,
  ModelFigures,
  PoolMetrics,
  PoolPods,
  TtftReport,
} from "./metricsTypes";

export const T0 = 1_780_000_000;
export const PODS = ["llama-model-0", "llama-model-1", "llama-model-2"] as const;
const TIMES = Array.from({ length: 10 }, (_, i) => T0 + i * 60);
const WINDOW = { start: "2026-06-01T00:00:00Z", end: "2026-06-01T00:10:00Z", step: 60 };

export function figures(model: string, requests = 600): ModelFigures {
  return {
    model,
    requests,
    errors: 3,
    ttftP50Ms: 182,
    ttftP95Ms: 431,
    ttftAvgMs: 205,
    tokensPerSecond: 912.5,
    avgDecodeTokensPerSecond: 48.2,
    totalMsAvg: 2150,
    prefixHitRate: 0.62,
  };
}

export function poolMetrics(namespace: string, name: string, requests = 600): PoolMetrics {
  const live = requests > 0;
  return {
    namespace,
    name,
    pool: name,
    window: WINDOW,
    overall: figures("", requests),
    ttft: TIMES.map((t) => ({
      t,
      requests: live ? 60 : 0,
      p50: 180,
      p90: 350,
      p95: 430,
      p99: 610,
      avg: 200,
      max: 900,
    })),
    tokensPerSecondByPod: PODS.flatMap((pod, i) =>
      TIMES.map((t) => ({ t, pod, tokensPerSecond: live ? 300 + i * 10 : 0 })),
    ),
    tokensPerSecondTotal: TIMES.map((t) => ({ t, value: live ? 930 : 0 })),
    latency: TIMES.map((t) => ({
      t,
      requests: live ? 60 : 0,
      queueMs: 40,
      prefillMs: 160,
      decodeMs: 1950,
      totalMs: 2150,
    })),
    prefixCache: TIMES.map((t) => ({
      t,
      requests: live ? 60 : 0,
      eppHitRate: 0.6,
      cachedTokenRatio: 0.45,
    })),
    requests: TIMES.map((t) => ({ t, requests: live ? 60 : 0, clientErrors: 0, serverErrors: 0 })),
    decisions: {
      total: requests,
      byPod: { [PODS[0]]: requests },
      byReason: { prefix_hit: requests },
      avgLatencyUs: 85.5,
    },
    live: {
      queueDepth: 7,
      running: 12,
      kvCacheUsage: 0.41,
      queueDepthSeries: PODS.map((pod, i) => ({
        pod,
        points: TIMES.map((t) => ({ t, value: i + 1 })),
      })),
      kvCacheSeries: PODS.map((pod, i) => ({
        pod,
        points: TIMES.map((t) => ({ t, value: 0.2 + i * 0.2 })),
      })),
    },
  };
}

export function ttftReport(namespace: string, name: string, count = 600): TtftReport {
  return {
    namespace,
    name,
    pool: name,
    window: WINDOW,
    series: poolMetrics(namespace, name, count).ttft,
    histogram: [
      { lowerMs: 0, upperMs: 100, count: count / 4 },
      { lowerMs: 100, upperMs: 250, count: count / 2 },
      { lowerMs: 250, upperMs: 500, count: count / 4 },
      { lowerMs: 500, upperMs: null, count: 0 },
    ],
  };
}

export function poolPods(namespace: string, name: string): PoolPods {
  return {
    namespace,
    name,
    pool: name,
    available: true,
    pods: PODS.map((pod, i) => ({
      pod,
      queueDepth: i * 3,
      running: 4 + i,
      kvCacheUsage: 0.25 * (i + 1),
      gpuUtilizationPct: 70 + i,
      gpuMemoryUsedMib: 61_440,
      gpuMemoryFreeMib: 20_480,
      gpuTemperatureC: 66,
      gpuPowerW: 540,
    })),
  };
}

export function gpuHeatmap(namespace: string): GpuHeatmap {
  return {
    window: WINDOW,
    available: true,
    utilization: PODS.map((pod) => ({
      pod: `${namespace}/${pod}`,
      points: TIMES.map((t) => ({ t, value: 72 })),
    })),
    memoryUsed: PODS.map((pod) => ({
      pod: `${namespace}/${pod}`,
      points: TIMES.map((t) => ({ t, value: 61_440 })),
    })),
  };
}

export function summary(namespace: string | null): InferenceSummary {
  return {
    window: WINDOW,
    namespace,
    overall: figures(""),
    models: [figures("llama-3-8b"), { ...figures("mistral-7b", 300), ttftP95Ms: 512 }],
    decisions: { total: 900, byPod: {}, byReason: {}, avgLatencyUs: 80 },
  };
}

export function costEstimate(namespace: string, name: string): CostEstimate {
  return {
    window: WINDOW,
    currency: "USD",
    pools: [
      {
        namespace,
        name,
        gpuType: "H100",
        gpusPerReplica: 1,
        replicas: 3,
        pricePerGpuHour: 8.1,
        hourly: 24.3,
        daily: 583.2,
        rangeCost: 4.05,
      },
    ],
    hourly: 24.3,
    daily: 583.2,
    rangeCost: 4.05,
    unpricedGpuTypes: [],
  };
}

export function decision(requestId: string, pickedPod: string, second = 0): EppDecision {
  return {
    timestamp: new Date((T0 + second) * 1000).toISOString(),
    requestId,
    traceId: "",
    namespace: "demo",
    pool: "llama",
    model: "llama-3-8b",
    pickedPod,
    reason: "prefix_hit",
    latencyUs: 42.5,
    candidateCount: 3,
    tiedCount: 1,
    queueDepth: 2,
    kvCachePct: 45,
    prefixHit: true,
    prefixMatchedBlocks: 6,
    prefixTotalBlocks: 8,
    scores: { queue: 0.2, kvCache: 0.165, prefix: 0.225, total: 0.59 },
    candidates: [
      { pod: pickedPod, score: 0.59 },
      { pod: "llama-model-1", score: 0.41 },
      { pod: "llama-model-2", score: 0.3 },
    ].filter((c, i) => i === 0 || c.pod !== pickedPod),
    summary: `Selected ${pickedPod} of 3: queue_depth=2, kv_cache=45%, prefix_hit=true (6/8 blocks); score 0.590, +0.180 over llama-model-1 — the cached prefix decided`,
  };
}

export function decisionList(items: EppDecision[]): DecisionList {
  return {
    namespace: "demo",
    name: "llama",
    pool: "llama",
    window: WINDOW,
    totals: { total: items.length, byPod: {}, byReason: {}, avgLatencyUs: 42.5 },
    items,
    nextCursor: null,
  };
}
