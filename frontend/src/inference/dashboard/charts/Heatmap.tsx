/**
 * A heatmap in plain SVG: one row per pod, one column per time bucket, colour by value over
 * `max` (cool → hot). Rows are labelled; each cell has a tooltip title; the table holds every
 * figure.
 */
import { useId } from "react";
import type { ReactElement } from "react";

import { ChartTable } from "./ChartTable";
import { formatTime, heatColor } from "./chartScale";
import type { Series } from "./LineChart";

export interface HeatmapProps {
  readonly label: string;
  readonly rows: readonly Series[];
  /** The value that renders hottest (e.g. 1 for a ratio, 100 for a percentage). */
  readonly max: number;
  readonly format: (value: number | null) => string;
}

const W = 600;
const ROW = 18;
const LABEL = 150;

export function Heatmap({ label, rows, max, format }: HeatmapProps): ReactElement {
  const titleId = useId();
  const times = [...new Set(rows.flatMap((r) => r.points.map((p) => p.t)))].sort((a, b) => a - b);
  const column = new Map(times.map((t, i) => [t, i]));
  const cell = (W - LABEL) / Math.max(1, times.length);
  const height = rows.length * ROW + 16;
  const lookups = rows.map((r) => new Map(r.points.map((p) => [p.t, p.value])));
  const t0 = times[0];
  const t1 = times[times.length - 1];
  return (
    <figure>
      <svg
        viewBox={`0 0 ${String(W)} ${String(height)}`}
        role="img"
        aria-labelledby={titleId}
        className="h-auto w-full text-fg-muted"
      >
        <title id={titleId}>{label}</title>
        {rows.map((r, i) => (
          <g key={r.name}>
            <text x={LABEL - 6} y={i * ROW + 13} fontSize={10} textAnchor="end" fill="currentColor">
              {r.name.length > 26 ? `…${r.name.slice(-25)}` : r.name}
            </text>
            {r.points.map((p) => (
              <rect
                key={p.t}
                x={LABEL + (column.get(p.t) ?? 0) * cell}
                y={i * ROW + 1}
                width={Math.max(1, cell - 0.5)}
                height={ROW - 2}
                fill={heatColor(p.value === null ? null : p.value / max)}
              >
                <title>{`${r.name} ${formatTime(p.t, true)}: ${format(p.value)}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {t0 !== undefined && t1 !== undefined && (
          <>
            <text x={LABEL} y={height - 3} fontSize={10} fill="currentColor">
              {formatTime(t0)}
            </text>
            <text x={W} y={height - 3} fontSize={10} textAnchor="end" fill="currentColor">
              {formatTime(t1)}
            </text>
          </>
        )}
      </svg>
      <div className="mt-1 flex items-center gap-2 text-xs text-fg-muted" aria-hidden="true">
        <span>{format(0)}</span>
        <span
          className="inline-block h-2 w-24 rounded-sm"
          style={{
            background: `linear-gradient(to right, ${heatColor(0)}, ${heatColor(0.5)}, ${heatColor(1)})`,
          }}
        />
        <span>{format(max)}</span>
      </div>
      <ChartTable
        caption={label}
        columns={["Time", ...rows.map((r) => r.name)]}
        rows={times.map((t) => [
          formatTime(t, true),
          ...lookups.map((m) => format(m.get(t) ?? null)),
        ])}
      />
    </figure>
  );
}
