/**
 * Why the endpoint picker chose a pod for one request: the server's one-line reason, each
 * scorer's weight, raw and weighted score for the winner, and every candidate's total.
 * The API stores per-scorer scores for the winner only; other candidates show their totals.
 */
import { useId } from "react";
import type { ReactElement } from "react";

import { formatNumber } from "../dashboard/charts/chartScale";
import type { EppDecision } from "../dashboard/metricsTypes";
import { rawScore, SCORERS, type ScorerWeights } from "./scorerWeights";

function score(value: number | null): string {
  return value === null ? "—" : value.toFixed(3);
}

export function WhyPanel({
  decision,
  weights,
}: {
  readonly decision: EppDecision | null;
  readonly weights: ScorerWeights | null;
}): ReactElement {
  const titleId = useId();
  if (decision === null) {
    return (
      <section
        aria-labelledby={titleId}
        className="rounded-lg border border-dashed border-line p-4 text-sm"
      >
        <h2 id={titleId} className="font-semibold">
          Why this pod?
        </h2>
        <p className="mt-1 text-fg-muted">
          Choose a request in the flow (click it, or focus it and press Enter) to see why its pod
          won.
        </p>
      </section>
    );
  }
  const d = decision;
  const weighted = { queue: d.scores.queue, kvCache: d.scores.kvCache, prefix: d.scores.prefix };
  const best = d.candidates[0]?.score ?? d.scores.total;
  return (
    <section
      aria-labelledby={titleId}
      className="rounded-lg border border-sky-500 bg-surface p-4 text-sm"
    >
      <h2 id={titleId} className="font-semibold">
        Why {d.pickedPod} won {d.requestId.slice(0, 10)}
      </h2>
      <p className="mt-1">{d.summary}</p>
      <p className="mt-1 text-xs text-fg-muted">
        {`${new Date(d.timestamp).toLocaleTimeString()} · model ${d.model} · ${String(d.candidateCount)} candidates, ${String(d.tiedCount)} tied at the top · decided in ${formatNumber(d.latencyUs)} µs · queue ${String(d.queueDepth)}, KV-cache ${formatNumber(d.kvCachePct, 0)}%, prefix ${d.prefixHit ? `hit (${String(d.prefixMatchedBlocks)}/${String(d.prefixTotalBlocks)} blocks)` : "miss"}`}
      </p>
      <table className="mt-3 w-full text-left text-xs">
        <caption className="text-left font-medium">Scores of {d.pickedPod} (the winner)</caption>
        <thead className="text-fg-muted">
          <tr>
            {["Scorer", "What it rewards", "Weight", "Raw score", "Weighted score"].map((h) => (
              <th key={h} scope="col" className="pr-3 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SCORERS.map((s) => {
            const weight = weights?.[s.key] ?? null;
            return (
              <tr key={s.key} className="border-t border-line tabular-nums">
                <th scope="row" className="pr-3 font-mono font-normal">
                  {s.name}
                </th>
                <td className="pr-3">{s.what}</td>
                <td className="pr-3">{weight === null ? "—" : formatNumber(weight, 2)}</td>
                <td className="pr-3">
                  {score(weight === null ? null : rawScore(weighted[s.key], weight))}
                </td>
                <td className="pr-3">{score(weighted[s.key])}</td>
              </tr>
            );
          })}
          <tr className="border-t border-line font-semibold tabular-nums">
            <th scope="row" className="pr-3">
              Total
            </th>
            <td colSpan={3} />
            <td>{score(d.scores.total)}</td>
          </tr>
        </tbody>
      </table>
      <table className="mt-3 w-full text-left text-xs">
        <caption className="text-left font-medium">Every candidate, best first</caption>
        <thead className="text-fg-muted">
          <tr>
            {["Rank", "Pod", "Total score", "Behind the best"].map((h) => (
              <th key={h} scope="col" className="pr-3 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.candidates.map((c, i) => (
            <tr
              key={c.pod}
              className={`border-t border-line tabular-nums ${c.pod === d.pickedPod ? "font-semibold" : ""}`}
            >
              <td className="pr-3">{i + 1}</td>
              <th scope="row" className="pr-3 font-normal">
                {c.pod}
                {c.pod === d.pickedPod ? " (picked)" : ""}
              </th>
              <td className="pr-3">{score(c.score)}</td>
              <td className="pr-3">
                {c.score === best ? "tied for best" : `−${(best - c.score).toFixed(3)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
