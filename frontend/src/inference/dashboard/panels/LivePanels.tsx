/** Queue depth and KV-cache use per pod over the range (model-server metrics via Prometheus). */
import type { ReactElement } from "react";

import { formatNumber, formatPct } from "../charts/chartScale";
import { Heatmap } from "../charts/Heatmap";
import { LineChart } from "../charts/LineChart";
import { toSeries } from "../charts/toSeries";
import type { PoolMetrics, SeriesByPod } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_PROMETHEUS, type PanelState } from "../panelState";

function liveEmpty(
  data: PoolMetrics | undefined,
  rows: readonly SeriesByPod[] | undefined,
): string | null {
  if (data === undefined) return null;
  if (data.live == null) return NO_PROMETHEUS;
  return rows === undefined || rows.length === 0
    ? "No model-server series in this range: the pool's pods are not being scraped yet."
    : null;
}

export function KvCachePanel({
  data,
  state,
}: {
  readonly data: PoolMetrics | undefined;
  readonly state: PanelState;
}): ReactElement {
  const rows = data?.live?.kvCacheSeries;
  return (
    <Panel
      title="KV-cache heatmap"
      description={`KV-cache use of each pod over time; hot rows are pods close to evicting. Pool mean now: ${formatPct(data?.live?.kvCacheUsage)}.`}
      state={{ ...state, empty: state.empty ?? liveEmpty(data, rows) }}
    >
      <Heatmap
        label="KV-cache utilisation per pod over time"
        rows={toSeries(rows ?? [])}
        max={1}
        format={formatPct}
      />
    </Panel>
  );
}

export function QueuePanel({
  data,
  state,
}: {
  readonly data: PoolMetrics | undefined;
  readonly state: PanelState;
}): ReactElement {
  const rows = data?.live?.queueDepthSeries;
  return (
    <Panel
      title="Queue depth over time"
      description={`Requests waiting at each pod. Now: ${formatNumber(data?.live?.queueDepth, 0)} waiting, ${formatNumber(data?.live?.running, 0)} running.`}
      state={{ ...state, empty: state.empty ?? liveEmpty(data, rows) }}
    >
      <LineChart
        label="Requests waiting per pod over time"
        series={toSeries(rows ?? [])}
        unit="req"
      />
    </Panel>
  );
}
