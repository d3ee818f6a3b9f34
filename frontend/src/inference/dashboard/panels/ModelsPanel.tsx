import type { ReactElement } from "react";

import { BarChart } from "../charts/BarChart";
import { formatMs, formatNumber, formatPct } from "../charts/chartScale";
import type { InferenceSummary } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_TELEMETRY, type PanelState } from "../panelState";

/** TTFT and throughput of each model over the range (ClickHouse). */
export function ModelsPanel({
  data,
  state,
}: {
  readonly data: InferenceSummary | undefined;
  readonly state: PanelState;
}): ReactElement {
  const models = (data?.models ?? []).filter((m) => m.requests > 0);
  return (
    <Panel
      title="Model comparison"
      description="Every model in the namespace over the range: latency and throughput side by side."
      state={{
        ...state,
        empty: state.empty ?? (data !== undefined && models.length === 0 ? NO_TELEMETRY : null),
      }}
      wide
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Model comparison</caption>
            <thead className="text-fg-muted">
              <tr>
                {[
                  "Model",
                  "Requests",
                  "Errors",
                  "TTFT p50",
                  "TTFT p95",
                  "Tokens/s",
                  "Decode tok/s",
                  "Prefix hits",
                ].map((h) => (
                  <th key={h} scope="col" className="pr-3 pb-1 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.model} className="border-t border-line tabular-nums">
                  <th scope="row" className="pr-3 font-medium">
                    {m.model}
                  </th>
                  <td className="pr-3">{formatNumber(m.requests, 0)}</td>
                  <td className="pr-3">{formatNumber(m.errors, 0)}</td>
                  <td className="pr-3">{formatMs(m.ttftP50Ms)}</td>
                  <td className="pr-3">{formatMs(m.ttftP95Ms)}</td>
                  <td className="pr-3">{formatNumber(m.tokensPerSecond)}</td>
                  <td className="pr-3">{formatNumber(m.avgDecodeTokensPerSecond)}</td>
                  <td className="pr-3">{formatPct(m.prefixHitRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <BarChart
          label="TTFT p95 per model (ms)"
          categoryName="Model"
          valueName="TTFT p95 (ms)"
          colorIndex={1}
          bars={models.map((m) => ({ label: m.model, value: m.ttftP95Ms ?? 0 }))}
        />
      </div>
    </Panel>
  );
}
