/**
 * Every candidate of one EPP decision, best first (the winner first among equals): a small
 * stacked bar of each scorer's weighted contribution to the candidate's total, on a scale of
 * the best total the profile allows (the sum of its weights), and the numbers behind it —
 * each scorer's raw score × weight = contribution, and the candidate's queue, KV-cache and
 * matched prefix blocks. The top `TOP` show at first; a button shows them all. Every figure
 * is text, so nothing needs a pointer; the bar's text alternative repeats the sum.
 */
import { useId, useState } from "react";
import type { ReactElement } from "react";

import { formatNumber } from "../dashboard/charts/chartScale";
import type { EppDecision } from "../dashboard/metricsTypes";
import { maxTotal, SCORERS, type ProfileWeights } from "./scorerWeights";

export const TOP = 8;

type Candidate = EppDecision["candidates"][number];

function score(value: number): string {
  return value.toFixed(3);
}

/** Best total first; among equal totals the picked pod first (it won the tie-break). */
function ranked(candidates: readonly Candidate[], picked: string): Candidate[] {
  return [...candidates].sort(
    (a, b) => b.score - a.score || Number(b.pod === picked) - Number(a.pod === picked),
  );
}

function inputs(c: Candidate, prefixTotal: number): string {
  const parts = [
    c.queueDepth === null ? null : `queue ${String(c.queueDepth)}`,
    c.kvCachePct === null ? null : `KV-cache ${formatNumber(c.kvCachePct, 0)}%`,
    c.prefixMatchedBlocks === null
      ? null
      : `prefix ${String(c.prefixMatchedBlocks)}/${String(prefixTotal)} blocks`,
  ];
  return parts.filter((p) => p !== null).join(" · ");
}

function StackedBar({
  candidate,
  scale,
}: {
  readonly candidate: Candidate;
  readonly scale: number;
}): ReactElement {
  const s = candidate.scores;
  const parts = SCORERS.flatMap((m) => {
    const part = s?.[m.key] ?? null;
    return part === null ? [] : [{ ...m, weighted: part.weighted }];
  });
  const label =
    parts.length === 0
      ? `total ${score(candidate.score)}; per-scorer scores were not recorded`
      : `${parts.map((p) => `${p.short} ${score(p.weighted)}`).join(" + ")} = ${score(candidate.score)} of at most ${score(scale)}`;
  const width = (v: number): string => `${String(Math.max(0, Math.min(100, (v / scale) * 100)))}%`;
  return (
    <div
      role="img"
      aria-label={label}
      className="mt-1 flex h-2.5 w-full overflow-hidden rounded-full bg-surface-raised"
    >
      {parts.length === 0 ? (
        <div className="h-full bg-zinc-400" style={{ width: width(candidate.score) }} />
      ) : (
        parts.map((p) => (
          <div key={p.key} className={`h-full ${p.color}`} style={{ width: width(p.weighted) }} />
        ))
      )}
    </div>
  );
}

function ScorerNumbers({
  candidate,
  weights,
}: {
  readonly candidate: Candidate;
  readonly weights: ProfileWeights | null;
}): ReactElement | null {
  const s = candidate.scores;
  if (s === null) return null;
  return (
    <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs tabular-nums">
      {SCORERS.map((m) => {
        const part = s[m.key];
        const weight = weights?.[m.key] ?? null;
        return (
          <div key={m.key} className="flex items-center gap-1.5 whitespace-nowrap">
            <dt className="flex items-center gap-1 text-fg-muted">
              <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-sm ${m.color}`} />
              {m.name}
            </dt>
            <dd>
              {part === null || weight === null
                ? "not in the profile"
                : `${score(part.raw)} × ${formatNumber(weight, 2)} = ${score(part.weighted)}`}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function CandidateScores({
  decision,
  weights,
}: {
  readonly decision: EppDecision;
  readonly weights: ProfileWeights | null;
}): ReactElement {
  const titleId = useId();
  const listId = useId();
  const [all, setAll] = useState(false);
  const sorted = ranked(decision.candidates, decision.pickedPod);
  const shown = all ? sorted : sorted.slice(0, TOP);
  const best = sorted[0]?.score ?? 0;
  const weightSum = maxTotal(weights);
  const scale = weightSum > 0 ? weightSum : Math.max(best, 1);
  const recorded = sorted.some((c) => c.scores !== null);
  return (
    <section aria-labelledby={titleId} className="mt-3">
      <h3 id={titleId} className="text-xs font-medium">
        Every candidate, best first
      </h3>
      <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-fg-muted">
        {recorded ? (
          <>
            {SCORERS.map((m) => (
              <span key={m.key} className="flex items-center gap-1">
                <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-sm ${m.color}`} />
                {m.short}
              </span>
            ))}
            <span>{`bars: weighted contributions, full width = ${score(scale)} (every scorer's best)`}</span>
          </>
        ) : (
          "This decision was recorded with each candidate's total only."
        )}
      </p>
      <ol id={listId} aria-labelledby={titleId} className="mt-2 space-y-2">
        {shown.map((c, i) => {
          const picked = c.pod === decision.pickedPod;
          const behind =
            c.score === best ? "tied for best" : `−${(best - c.score).toFixed(3)} behind`;
          return (
            <li
              key={c.pod}
              aria-label={`${c.pod}${picked ? " (picked)" : ""}`}
              className={`rounded border p-2 ${picked ? "border-sky-500" : "border-line"}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-x-2 text-xs tabular-nums">
                <span className={picked ? "font-semibold" : ""}>
                  {`${String(i + 1)}. `}
                  <span className="font-mono break-all">{c.pod}</span>
                  {picked ? " (picked)" : ""}
                </span>
                <span>
                  <span className="font-semibold">{`total ${score(c.score)}`}</span>
                  <span className="text-fg-muted">{` · ${behind}`}</span>
                </span>
              </div>
              <StackedBar candidate={c} scale={scale} />
              <ScorerNumbers candidate={c} weights={weights} />
              {inputs(c, decision.prefixTotalBlocks) !== "" && (
                <p className="mt-0.5 text-xs text-fg-muted">
                  {inputs(c, decision.prefixTotalBlocks)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {sorted.length > TOP && (
        <button
          type="button"
          aria-expanded={all}
          aria-controls={listId}
          onClick={() => {
            setAll(!all);
          }}
          className="mt-2 rounded border border-line px-2 py-1 text-xs focus-ring"
        >
          {all ? `Show the top ${String(TOP)}` : `Show all ${String(sorted.length)} candidates`}
        </button>
      )}
    </section>
  );
}
