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

type Candidate = EppDecision["candidates"][number];

const WEIGHTS = { queue: 0.4, kvCache: 0.3, prefix: 0.3 } as const;

/** A candidate of the composite profile (weights 0.4 / 0.3 / 0.3) from its raw scores. */
export function candidate(
  pod: string,
  raw: { readonly queue: number; readonly kvCache: number; readonly prefix: number },
  inputs: { readonly queueDepth: number; readonly kvCachePct: number; readonly matched: number },
): Candidate {
  const part = (key: keyof typeof WEIGHTS): { raw: number; weighted: number } => ({
    raw: raw[key],
    weighted: Math.round(Math.min(Math.max(raw[key], 0), 1) * WEIGHTS[key] * 1e6) / 1e6,
  });
  const scores = { queue: part("queue"), kvCache: part("kvCache"), prefix: part("prefix") };
  const total = scores.queue.weighted + scores.kvCache.weighted + scores.prefix.weighted;
  return {
    pod,
    score: Math.round(total * 1e6) / 1e6,
    scores,
    queueDepth: inputs.queueDepth,
    kvCachePct: inputs.kvCachePct,
    prefixMatchedBlocks: inputs.matched,
  };
}

/**
 * A composite decision in full (as the decision endpoint answers): the winner scores 0.590
 * (queue 0.5 → 0.200, KV-cache 0.55 → 0.165, prefix 0.75 → 0.225), the runner-up 0.410, the
 * third 0.300. `live()` strips the candidates, as the WebSocket feed sends it.
 */
export function decision(requestId: string, pickedPod: string, second = 0): EppDecision {
  const [second1 = "llama-model-1", third = "llama-model-2"] = PODS.filter((p) => p !== pickedPod);
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
    weights: { ...WEIGHTS },
    candidates: [
      candidate(
        pickedPod,
        { queue: 0.5, kvCache: 0.55, prefix: 0.75 },
        { queueDepth: 2, kvCachePct: 45, matched: 6 },
      ),
      candidate(
        second1,
        { queue: 0.25, kvCache: 0.7, prefix: 1 / 3 },
        { queueDepth: 3, kvCachePct: 30, matched: 2 },
      ),
      candidate(
        third,
        { queue: 0, kvCache: 1, prefix: 0 },
        { queueDepth: 4, kvCachePct: 0, matched: 0 },
      ),
    ],
    summary: `Selected ${pickedPod} of 3: queue_depth=2, kv_cache=45%, prefix_hit=true (6/8 blocks); score 0.590, +0.180 over ${second1} — the cached prefix decided`,
  };
}

/** `d` as the live feed sends it: no candidates (`candidateCount` still counts them). */
export function live(d: EppDecision): EppDecision {
  return { ...d, candidates: [] };
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
