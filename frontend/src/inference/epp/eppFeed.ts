/**
 * The visualizer's model of the decision stream: the newest decisions first (bounded), what
 * each pod has won, and the latest batch (which the request flow animates). Pure, so tests
 * apply batches directly.
 */
import type { EppDecision } from "../dashboard/metricsTypes";

export const KEEP = 200;

export interface PodTally {
  readonly picked: number;
  readonly prefixHits: number;
  readonly lastPrefixHit: boolean | null;
}

export interface EppFeedState {
  /** Newest first, at most KEEP. */
  readonly decisions: readonly EppDecision[];
  readonly tally: Readonly<Record<string, PodTally>>;
  /** Request ids of the latest batch (animated as they arrive). */
  readonly fresh: ReadonlySet<string>;
  readonly received: number;
  /** Server send time of the latest batch, Unix seconds. */
  readonly lastSentAt: number | null;
}

export const EMPTY_FEED: EppFeedState = {
  decisions: [],
  tally: {},
  fresh: new Set(),
  received: 0,
  lastSentAt: null,
};

const byTime = (a: EppDecision, b: EppDecision): number =>
  Date.parse(b.timestamp) - Date.parse(a.timestamp);

/** `state` with `batch` applied (decisions already held, by request id, are ignored). */
export function applyBatch(
  state: EppFeedState,
  batch: readonly EppDecision[],
  sentAt: number | null = null,
  animate = true,
): EppFeedState {
  const known = new Set(state.decisions.map((d) => d.requestId));
  const added = batch.filter((d) => !known.has(d.requestId));
  if (added.length === 0) return sentAt === null ? state : { ...state, lastSentAt: sentAt };
  const tally: Record<string, PodTally> = { ...state.tally };
  for (const d of [...added].sort(byTime).reverse()) {
    const t = tally[d.pickedPod] ?? { picked: 0, prefixHits: 0, lastPrefixHit: null };
    tally[d.pickedPod] = {
      picked: t.picked + 1,
      prefixHits: t.prefixHits + (d.prefixHit ? 1 : 0),
      lastPrefixHit: d.prefixHit,
    };
  }
  return {
    decisions: [...added, ...state.decisions].sort(byTime).slice(0, KEEP),
    tally,
    fresh: animate ? new Set(added.map((d) => d.requestId)) : new Set(),
    received: state.received + added.length,
    lastSentAt: sentAt ?? state.lastSentAt,
  };
}

export interface DecisionsMessage {
  readonly type: "decisions";
  readonly sentAt: number;
  readonly decisions: readonly EppDecision[];
}

export interface SubscribedMessage {
  readonly type: "subscribed";
  readonly intervalSeconds: number;
}

export type FeedMessage = DecisionsMessage | SubscribedMessage | { readonly type: "other" };

export function parseMessage(text: string): FeedMessage {
  const value = JSON.parse(text) as { type?: unknown };
  if (value.type === "decisions" || value.type === "subscribed") return value as FeedMessage;
  return { type: "other" };
}
