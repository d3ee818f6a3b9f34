import type { ReactElement } from "react";

import { formatNumber } from "../charts/chartScale";
import { Heatmap } from "../charts/Heatmap";
import { toSeries } from "../charts/toSeries";
import type { GpuHeatmap, SeriesByPod } from "../metricsTypes";
import { Panel } from "../Panel";
import { NO_PROMETHEUS, type PanelState } from "../panelState";

/** Only the rows of `pods` (`namespace/pod`), unless none of them has a row. */
function ofPods(rows: readonly SeriesByPod[], pods: ReadonlySet<string>): readonly SeriesByPod[] {
  const mine = rows.filter((r) => pods.has(r.pod));
  return mine.length > 0 ? mine : rows;
}

/** GPU utilisation and framebuffer use per pod over the range (DCGM via Prometheus). */
export function GpuPanel({
  data,
  state,
  pods,
}: {
  readonly data: GpuHeatmap | undefined;
  readonly state: PanelState;
  /** The selected pool's pods as `namespace/pod`; other pods are left out when any matches. */
  readonly pods: ReadonlySet<string>;
}): ReactElement {
  const util = ofPods(data?.utilization ?? [], pods);
  const memory = ofPods(data?.memoryUsed ?? [], pods);
  const maxMemory = Math.max(1, ...memory.flatMap((r) => r.points.map((p) => p.value ?? 0)));
  let empty: string | null = null;
  if (data !== undefined && !data.available) empty = NO_PROMETHEUS;
  else if (data !== undefined && util.length === 0)
    empty = "No GPU series in this range: no DCGM exporter is being scraped for these pods.";
  return (
    <Panel
      title="GPU utilisation and memory"
      description="Each pod's GPU from DCGM: utilisation (%) and framebuffer used (MiB); hot memory rows are close to OOM."
      state={{ ...state, empty: state.empty ?? empty }}
      wide
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <Heatmap
          label="GPU utilisation per pod over time (%)"
          rows={toSeries(util)}
          max={100}
          format={(v) => (v === null ? "—" : `${formatNumber(v, 0)}%`)}
        />
        <Heatmap
          label="GPU memory used per pod over time (MiB)"
          rows={toSeries(memory)}
          max={maxMemory}
          format={(v) => (v === null ? "—" : `${formatNumber(v, 0)} MiB`)}
        />
      </div>
    </Panel>
  );
}
