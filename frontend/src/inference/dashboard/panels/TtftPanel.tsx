import type { ReactElement } from "react";

import { BarChart } from "../charts/BarChart";
import { formatMs, formatNumber } from "../charts/chartScale";
import type { TtftReport } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_TELEMETRY, type PanelState } from "../panelState";

function bucketLabel(lower: number, upper: number | null): string {
  return upper === null
    ? `≥${formatNumber(lower, 0)}`
    : `${formatNumber(lower, 0)}–${formatNumber(upper, 0)}`;
}

/** TTFT distribution over the range with its percentiles (ClickHouse). */
export function TtftPanel({
  data,
  state,
}: {
  readonly data: TtftReport | undefined;
  readonly state: PanelState;
}): ReactElement {
  const total = data?.histogram.reduce((a, b) => a + b.count, 0) ?? 0;
  const last = data?.series.filter((p) => p.requests > 0);
  const weighted = (key: "p50" | "p95" | "p99"): number | null => {
    const points = (last ?? []).filter((p) => p[key] !== null);
    const n = points.reduce((a, p) => a + p.requests, 0);
    return n === 0 ? null : points.reduce((a, p) => a + (p[key] ?? 0) * p.requests, 0) / n;
  };
  return (
    <Panel
      title="Time to first token"
      description="How long requests waited for their first token, over the range (successful requests)."
      state={{
        ...state,
        empty: state.empty ?? (data !== undefined && total === 0 ? NO_TELEMETRY : null),
      }}
    >
      {data !== undefined && (
        <>
          <dl className="mb-2 flex gap-6 text-sm">
            {(["p50", "p95", "p99"] as const).map((k) => (
              <div key={k}>
                <dt className="text-xs text-fg-muted">{k} (mean of buckets)</dt>
                <dd className="font-semibold tabular-nums">{formatMs(weighted(k))}</dd>
              </div>
            ))}
            <div>
              <dt className="text-xs text-fg-muted">requests</dt>
              <dd className="font-semibold tabular-nums">{formatNumber(total, 0)}</dd>
            </div>
          </dl>
          <BarChart
            label="TTFT distribution (requests per latency bucket, ms)"
            categoryName="TTFT (ms)"
            valueName="Requests"
            bars={data.histogram.map((b) => ({
              label: bucketLabel(b.lowerMs, b.upperMs ?? null),
              value: b.count,
            }))}
          />
        </>
      )}
    </Panel>
  );
}
