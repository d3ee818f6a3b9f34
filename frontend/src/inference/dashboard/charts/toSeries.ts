import type { SeriesByPod } from "../metricsTypes";
import type { Series } from "./LineChart";

/** The API's per-pod series as chart series (one per pod). */
export function toSeries(rows: readonly SeriesByPod[]): Series[] {
  return rows.map((r) => ({
    name: r.pod,
    points: r.points.map((p) => ({ t: p.t, value: p.value ?? null })),
  }));
}
