import type { ReactElement } from "react";

import { formatPct } from "../charts/chartScale";
import { LineChart } from "../charts/LineChart";
import type { PoolMetrics } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_TELEMETRY, type PanelState } from "../panelState";

/** Prefix-cache effectiveness over the range (ClickHouse). */
export function PrefixPanel({
  data,
  state,
}: {
  readonly data: PoolMetrics | undefined;
  readonly state: PanelState;
}): ReactElement {
  const points = data?.prefixCache ?? [];
  const empty = data !== undefined && points.every((p) => p.requests === 0);
  return (
    <Panel
      title="Prefix-cache hit rate"
      description={`Share of requests the endpoint picker sent to a pod holding their prefix, and share of prompt tokens served from cache. Over the range: ${formatPct(data?.overall.prefixHitRate)}.`}
      state={{ ...state, empty: state.empty ?? (empty ? NO_TELEMETRY : null) }}
    >
      <LineChart
        label="Prefix-cache hit rate over time"
        max={1}
        format={formatPct}
        series={[
          {
            name: "Routed to a pod holding the prefix",
            points: points.map((p) => ({ t: p.t, value: p.eppHitRate ?? null })),
          },
          {
            name: "Prompt tokens from cache",
            points: points.map((p) => ({ t: p.t, value: p.cachedTokenRatio ?? null })),
          },
        ]}
      />
    </Panel>
  );
}
