import type { ReactElement } from "react";

import { formatMs } from "../charts/chartScale";
import { StackedBars } from "../charts/StackedBars";
import type { PoolMetrics } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_TELEMETRY, type PanelState } from "../panelState";

const PARTS = ["Queue wait", "Prefill", "Decode"] as const;

/** Mean queue wait → prefill → decode per bucket (ClickHouse). */
export function LatencyPanel({
  data,
  state,
}: {
  readonly data: PoolMetrics | undefined;
  readonly state: PanelState;
}): ReactElement {
  const points = (data?.latency ?? []).filter((p) => p.requests > 0);
  const empty = data !== undefined && points.length === 0;
  return (
    <Panel
      title="Latency breakdown"
      description={`Where a request's time goes: waiting in the server's queue, prefill up to the first token, then decoding. Mean end to end: ${formatMs(data?.overall.totalMsAvg)}.`}
      state={{ ...state, empty: state.empty ?? (empty ? NO_TELEMETRY : null) }}
    >
      <StackedBars
        label="Mean latency per bucket: queue wait, prefill, decode (ms)"
        parts={PARTS}
        unit="ms"
        stacks={points.map((p) => ({
          t: p.t,
          values: [p.queueMs ?? null, p.prefillMs ?? null, p.decodeMs ?? null],
        }))}
      />
    </Panel>
  );
}
