import type { ReactElement } from "react";

import { BarChart } from "../charts/BarChart";
import { formatMs, formatNumber } from "../charts/chartScale";
import type { ModelFigures, TtftReport } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_TELEMETRY, type PanelState } from "../panelState";

function bucketLabel(lower: number, upper: number | null): string {
  return upper === null
    ? `≥${formatNumber(lower, 0)}`
    : `${formatNumber(lower, 0)}–${formatNumber(upper, 0)}`;
}

/**
 * TTFT distribution over the range (ClickHouse): the histogram, the range's p50/p95 (the
 * pool's `overall`, over every request) and the worst bucket's p99.
 */
export function TtftPanel({
  data,
  overall,
  state,
}: {
  readonly data: TtftReport | undefined;
  readonly overall: ModelFigures | undefined;
  readonly state: PanelState;
}): ReactElement {
  const total = data?.histogram.reduce((a, b) => a + b.count, 0) ?? 0;
  const p99s = (data?.series ?? []).flatMap((p) => (p.p99 == null ? [] : [p.p99]));
  const figures: [string, string][] = [
    ["p50", formatMs(overall?.ttftP50Ms)],
    ["p95", formatMs(overall?.ttftP95Ms)],
    ["p99 (worst bucket)", formatMs(p99s.length === 0 ? null : Math.max(...p99s))],
    ["requests", formatNumber(total, 0)],
  ];
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
            {figures.map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs text-fg-muted">{k}</dt>
                <dd className="font-semibold tabular-nums">{v}</dd>
              </div>
            ))}
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
