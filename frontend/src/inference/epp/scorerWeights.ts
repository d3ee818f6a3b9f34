/**
 * The three scorers as the why panel shows them (name, what each rewards, its colour in the
 * stacked bars — one hue per scorer that reads on both themes), and the weight of each scorer
 * in a stack's scheduling profile (mirrors `inference/profile.py`): a single-scorer strategy
 * weighs its scorer 1; composite uses the stack's weights, else the spec's 0.4 / 0.3 / 0.3.
 * Decisions now carry their profile's weights; the stack's are the fallback for decisions
 * recorded without them, whose raw score is then weighted / weight.
 */
import type { InferenceStack } from "../../api/schemas";

export interface ScorerWeights {
  readonly queue: number;
  readonly kvCache: number;
  readonly prefix: number;
}

export const SCORERS = [
  {
    key: "queue",
    name: "queue-scorer",
    short: "queue",
    what: "shortest waiting queue (min-max over candidates)",
    color: "bg-sky-500",
  },
  {
    key: "kvCache",
    name: "kv-cache-utilization-scorer",
    short: "KV-cache",
    what: "most free KV-cache (1 − usage)",
    color: "bg-amber-500",
  },
  {
    key: "prefix",
    name: "prefix-cache-scorer",
    short: "prefix",
    what: "matched / total prefix blocks",
    color: "bg-fuchsia-500",
  },
] as const;

export type ScorerKey = (typeof SCORERS)[number]["key"];

/** A profile's weights as a decision records them: null for a scorer the profile does not run. */
export type ProfileWeights = Readonly<Record<ScorerKey, number | null>>;

/** The best total a candidate can reach: every scorer at 1, i.e. the sum of the weights. */
export function maxTotal(weights: ProfileWeights | ScorerWeights | null): number {
  if (weights === null) return 0;
  return SCORERS.reduce((sum, s) => sum + (weights[s.key] ?? 0), 0);
}

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
