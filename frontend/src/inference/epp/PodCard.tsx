/**
 * One model-server pod in the visualizer (spec §3.10.3): queue bar, KV-cache ring, prefix
 * indicator, GPU utilisation and memory, requests in flight, and what it has won.
 */
import type { ReactElement } from "react";

import { formatNumber } from "../dashboard/charts/chartScale";
import type { PodState } from "../dashboard/metricsTypes";
import type { PodTally } from "./eppFeed";
import { KvRing } from "./KvRing";
import { useFlash } from "./useFlash";

export interface PodCardProps {
  readonly pod: string;
  readonly state: PodState | undefined;
  readonly tally: PodTally | undefined;
  readonly gpuType: string;
  /** Changes whenever the pod wins a request in the latest batch (drives the highlight). */
  readonly winKey: string | null;
  readonly selected: boolean;
}

const QUEUE_SCALE = 10;

function queueColor(depth: number): string {
  if (depth <= 2) return "bg-emerald-500";
  if (depth <= 6) return "bg-amber-500";
  return "bg-red-500";
}

export function PodCard({
  pod,
  state,
  tally,
  gpuType,
  winKey,
  selected,
}: PodCardProps): ReactElement {
  const ref = useFlash<HTMLElement>(winKey, [
    { boxShadow: "0 0 0 3px rgb(14 165 233 / 0.9)" },
    { boxShadow: "0 0 0 0 rgb(14 165 233 / 0)" },
  ]);
  const queue = state?.queueDepth ?? null;
  const used = state?.gpuMemoryUsedMib ?? null;
  const free = state?.gpuMemoryFreeMib ?? null;
  const total = used !== null && free !== null ? used + free : null;
  const prefix = tally?.lastPrefixHit ?? null;
  return (
    <article
      ref={ref}
      aria-label={`Pod ${pod}`}
      className={`rounded-lg border bg-surface p-3 text-sm ${selected ? "border-sky-500" : "border-line"}`}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-mono text-xs font-semibold break-all">{pod}</h3>
          <p className="text-xs text-fg-muted">{gpuType || "GPU"}</p>
        </div>
        <KvRing usage={state?.kvCacheUsage ?? null} />
      </header>
      <div className="mt-2">
        <div className="flex justify-between text-xs text-fg-muted">
          <span>Queue</span>
          <span className="tabular-nums">
            {queue === null ? "—" : `${formatNumber(queue, 0)} waiting`}
          </span>
        </div>
        <div
          role="meter"
          aria-label={`Queue depth of ${pod}`}
          aria-valuemin={0}
          aria-valuemax={QUEUE_SCALE}
          aria-valuenow={Math.min(queue ?? 0, QUEUE_SCALE)}
          aria-valuetext={queue === null ? "unknown" : `${formatNumber(queue, 0)} waiting`}
          className="mt-1 h-2 rounded-full bg-surface-raised"
        >
          <div
            className={`h-2 rounded-full ${queueColor(queue ?? 0)}`}
            style={{ width: `${String(Math.min(100, ((queue ?? 0) / QUEUE_SCALE) * 100))}%` }}
          />
        </div>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
        <dt className="text-fg-muted">In flight</dt>
        <dd className="tabular-nums">{formatNumber(state?.running, 0)}</dd>
        <dt className="text-fg-muted">GPU util</dt>
        <dd className="tabular-nums">
          {state?.gpuUtilizationPct == null ? "—" : `${formatNumber(state.gpuUtilizationPct, 0)}%`}
        </dd>
        <dt className="text-fg-muted">GPU memory</dt>
        <dd className="tabular-nums">
          {used === null
            ? "—"
            : `${formatNumber(used / 1024)} / ${total === null ? "?" : formatNumber(total / 1024)} GiB`}
        </dd>
        <dt className="text-fg-muted">Prefix cache</dt>
        <dd>
          <span
            className={`mr-1 inline-block h-2 w-2 rounded-full ${prefix === true ? "bg-emerald-500" : prefix === false ? "bg-zinc-400" : "border border-zinc-400"}`}
            aria-hidden="true"
          />
          {prefix === null
            ? "no request yet"
            : prefix
              ? "hit on last request"
              : "miss on last request"}
        </dd>
        <dt className="text-fg-muted">Won</dt>
        <dd className="tabular-nums">
          {formatNumber(tally?.picked ?? 0, 0)}
          {tally !== undefined && tally.picked > 0
            ? ` (${formatNumber((tally.prefixHits / tally.picked) * 100, 0)}% prefix hits)`
            : ""}
        </dd>
      </dl>
    </article>
  );
}
