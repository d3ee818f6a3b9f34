/**
 * Why the endpoint picker chose a pod for one request: the server's one-line reason, each
 * scorer's weight, raw and weighted score for the winner, and every candidate's scores as
 * stacked bars with the numbers (`CandidateScores`).
 *
 * The live feed sends a decision without its candidates, so the page reads the full decision
 * when the panel opens (`eppDecisionQuery`): the panel shows the feed's summary at once, says
 * it is loading the scores, and on failure says why and offers to try again. A decision
 * recorded without per-candidate scores falls back to the stack's weights for the winner
 * (raw = weighted / weight) and shows the other candidates' totals.
 */
import { useId } from "react";
import type { ReactElement } from "react";

import { ApiError } from "../../api/ApiError";
import { formatNumber } from "../dashboard/charts/chartScale";
import type { EppDecision } from "../dashboard/metricsTypes";
import { CandidateScores } from "./CandidateScores";
import { rawScore, SCORERS, type ProfileWeights, type ScorerWeights } from "./scorerWeights";

export interface DecisionDetail {
  /** The decision in full; undefined while loading or after a failure. */
  readonly data: EppDecision | undefined;
  readonly loading: boolean;
  readonly error: Error | null;
  readonly retry: () => void;
}

function score(value: number | null): string {
  return value === null ? "—" : value.toFixed(3);
}

function nextStep(error: Error): string {
  if (error instanceof ApiError && error.status === 404)
    return "Try again in a few seconds, or pick a more recent request.";
  if (error instanceof ApiError && error.status === 403)
    return "Ask for read access to this InferenceStack's metrics.";
  return "Check that the API server is reachable, then try again.";
}

interface WinnerRow {
  readonly weight: number | null;
  readonly raw: number | null;
  readonly weighted: number | null;
}

/** The winner's row per scorer: from its own recorded scores, else derived (see top). */
function winnerRows(d: EppDecision, weights: ProfileWeights | null): Record<string, WinnerRow> {
  const own = d.candidates.find((c) => c.pod === d.pickedPod)?.scores ?? null;
  const rows: Record<string, WinnerRow> = {};
  for (const s of SCORERS) {
    const weight = weights?.[s.key] ?? null;
    if (own !== null) {
      const part = own[s.key];
      rows[s.key] = { weight, raw: part?.raw ?? null, weighted: part?.weighted ?? null };
    } else {
      const weighted = d.scores[s.key];
      rows[s.key] = { weight, raw: weight === null ? null : rawScore(weighted, weight), weighted };
    }
  }
  return rows;
}

function Placeholder({ titleId }: { readonly titleId: string }): ReactElement {
  return (
    <section
      aria-labelledby={titleId}
      className="rounded-lg border border-dashed border-line p-4 text-sm"
    >
      <h2 id={titleId} className="font-semibold">
        Why this pod?
      </h2>
      <p className="mt-1 text-fg-muted">
        Choose a request in the flow (click it, or focus it and press Enter) to see why its pod won.
      </p>
    </section>
  );
}

export function WhyPanel({
  decision,
  detail,
  stackWeights,
}: {
  readonly decision: EppDecision | null;
  readonly detail: DecisionDetail;
  readonly stackWeights: ScorerWeights | null;
}): ReactElement {
  const titleId = useId();
  if (decision === null) return <Placeholder titleId={titleId} />;
  const full = detail.data?.requestId === decision.requestId ? detail.data : undefined;
  const d = full ?? decision;
  const weights: ProfileWeights | null = full?.weights ?? stackWeights;
  const rows = winnerRows(d, weights);
  return (
    <section
      aria-labelledby={titleId}
      aria-busy={full === undefined && detail.loading}
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
            const row = rows[s.key];
            return (
              <tr key={s.key} className="border-t border-line tabular-nums">
                <th scope="row" className="pr-3 font-mono font-normal">
                  <span
                    aria-hidden="true"
                    className={`mr-1 inline-block h-2 w-2 rounded-sm ${s.color}`}
                  />
                  {s.name}
                </th>
                <td className="pr-3">{s.what}</td>
                <td className="pr-3">{row?.weight == null ? "—" : formatNumber(row.weight, 2)}</td>
                <td className="pr-3">{score(row?.raw ?? null)}</td>
                <td className="pr-3">{score(row?.weighted ?? null)}</td>
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
      {full !== undefined ? (
        <CandidateScores decision={full} weights={weights} />
      ) : detail.error !== null ? (
        <div role="alert" className="mt-3 text-xs text-red-700 dark:text-red-400">
          <p>
            {`Could not load every candidate's scores: ${detail.error.message}. ${nextStep(detail.error)}`}
          </p>
          <button
            type="button"
            onClick={detail.retry}
            className="mt-2 rounded border border-line px-2 py-1 text-fg focus-ring"
          >
            Try again
          </button>
        </div>
      ) : (
        <p aria-live="polite" className="mt-3 text-xs text-fg-muted">
          {`Loading the scores of all ${String(d.candidateCount)} candidates…`}
        </p>
      )}
    </section>
  );
}
