/**
 * The weight of each scorer in a stack's scheduling profile (mirrors `inference/profile.py`):
 * a single-scorer strategy weighs its scorer 1; composite uses the stack's weights, else the
 * spec's 0.4 / 0.3 / 0.3. A decision stores weighted scores, so raw = weighted / weight.
 */
import type { InferenceStack } from "../../api/schemas";

export interface ScorerWeights {
  readonly queue: number;
  readonly kvCache: number;
  readonly prefix: number;
}

export const SCORERS = [
  { key: "queue", name: "queue-scorer", what: "shortest waiting queue (min-max over candidates)" },
  { key: "kvCache", name: "kv-cache-utilization-scorer", what: "most free KV-cache (1 − usage)" },
  { key: "prefix", name: "prefix-cache-scorer", what: "matched / total prefix blocks" },
] as const;

export function weightsOf(stack: InferenceStack | undefined): ScorerWeights | null {
  if (stack === undefined) return null;
  const { strategy, compositeWeights } = stack.spec.epp;
  switch (strategy) {
    case "least_queue":
      return { queue: 1, kvCache: 0, prefix: 0 };
    case "best_kv_cache":
      return { queue: 0, kvCache: 1, prefix: 0 };
    case "prefix_affinity":
      return { queue: 0, kvCache: 0, prefix: 1 };
    default:
      return compositeWeights
        ? {
            queue: compositeWeights.queueDepth,
            kvCache: compositeWeights.kvCache,
            prefix: compositeWeights.prefixCache,
          }
        : { queue: 0.4, kvCache: 0.3, prefix: 0.3 };
  }
}

/** The raw (unweighted, 0–1) score behind a weighted one; null when the scorer is off. */
export function rawScore(weighted: number, weight: number): number | null {
  return weight > 0 ? weighted / weight : null;
}
