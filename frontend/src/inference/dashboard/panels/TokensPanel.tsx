import type { ReactElement } from "react";

import { formatNumber } from "../charts/chartScale";
import { LineChart, type Series } from "../charts/LineChart";
import type { PoolMetrics } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_TELEMETRY, type PanelState } from "../panelState";

/** Output tokens/s of each pod and of the pool (ClickHouse). */
export function TokensPanel({
  data,
  state,
}: {
  readonly data: PoolMetrics | undefined;
  readonly state: PanelState;
}): ReactElement {
  const byPod = new Map<string, { t: number; value: number }[]>();
  for (const p of data?.tokensPerSecondByPod ?? []) {
    const points = byPod.get(p.pod) ?? [];
    points.push({ t: p.t, value: p.tokensPerSecond });
    byPod.set(p.pod, points);
  }
  const series: Series[] = [
    {
      name: "Total",
      points: (data?.tokensPerSecondTotal ?? []).map((p) => ({ t: p.t, value: p.value ?? null })),
    },
    ...[...byPod.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, points]) => ({ name, points })),
  ];
  const empty = data?.tokensPerSecondTotal.every((p) => (p.value ?? 0) === 0) === true;
  return (
    <Panel
      title="Tokens per second"
      description={`Output tokens per second, per pod and in total. Over the range: ${formatNumber(data?.overall.tokensPerSecond)} tok/s.`}
      state={{ ...state, empty: state.empty ?? (empty ? NO_TELEMETRY : null) }}
    >
      <LineChart label="Output tokens per second, total and per pod" series={series} unit="tok/s" />
    </Panel>
  );
}
