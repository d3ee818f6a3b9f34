/**
 * A time-series line chart in plain SVG: one line per series, gaps where a bucket has no
 * value, the y axis from 0 to a round maximum. The SVG is an image with a title; the figures
 * are in the table below it.
 */
import type { ReactElement } from "react";

import { ChartSvg, ValueGrid } from "./ChartSvg";
import { ChartTable } from "./ChartTable";
import { formatCompact, formatNumber, formatTime, niceMax, seriesColor } from "./chartScale";
import { Legend } from "./Legend";

export interface Point {
  readonly t: number;
  readonly value: number | null;
}

export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
}

export interface LineChartProps {
  /** What the chart shows, e.g. "Queue depth per pod" (the image's accessible name). */
  readonly label: string;
  readonly series: readonly Series[];
  /** Unit after each value in the axis and the table, e.g. "tok/s". */
  readonly unit?: string;
  /** Fixed upper bound of the y axis (e.g. 1 for ratios). */
  readonly max?: number;
  readonly format?: (value: number | null) => string;
}

const W = 600;
const H = 180;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

/** The SVG path of a series; it lifts the pen at null values and at gaps wider than
 * 1.5 buckets (missing buckets have no point at all), so no line bridges missing data. */
function paths(
  points: readonly Point[],
  x: (t: number) => number,
  y: (v: number) => number,
  step: number,
): string {
  let d = "";
  let last: number | null = null;
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) {
      last = null;
      continue;
    }
    const pen = last !== null && p.t - last <= step * 1.5;
    d += `${pen ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`;
    last = p.t;
  }
  return d;
}

/** The bucket width: the smallest distance between two consecutive times. */
function stepOf(times: readonly number[]): number {
  let step = Infinity;
  for (let i = 1; i < times.length; i++)
    step = Math.min(step, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return Number.isFinite(step) ? step : 1;
}

export function LineChart({ label, series, unit = "", max, format }: LineChartProps): ReactElement {
  const fmt =
    format ??
    ((v: number | null) => (v === null ? "—" : `${formatNumber(v)}${unit ? ` ${unit}` : ""}`));
  const tick = format ?? ((v: number) => `${formatCompact(v)}${unit ? ` ${unit}` : ""}`);
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const values = series.flatMap((s) => s.points.map((p) => p.value ?? 0));
  const top = max ?? niceMax(Math.max(0, ...values));
  const t0 = times[0] ?? 0;
  const t1 = times[times.length - 1] ?? t0 + 1;
  const span = t1 - t0 || 1;
  const step = stepOf(times);
  const x = (t: number): number => PAD.left + ((t - t0) / span) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const byTime = (s: Series): Map<number, number | null> =>
    new Map(s.points.map((p) => [p.t, p.value]));
  const lookups = series.map(byTime);
  return (
    <figure>
      <ChartSvg label={label} width={W} height={H}>
        <ValueGrid top={top} y={y} left={PAD.left} right={W - PAD.right} format={tick} />
        {times.length > 0 && (
          <>
            <text x={PAD.left} y={H - 4} fontSize={10} fill="currentColor">
              {formatTime(t0)}
            </text>
            <text x={W - PAD.right} y={H - 4} fontSize={10} textAnchor="end" fill="currentColor">
              {formatTime(t1)}
            </text>
          </>
        )}
        {series.map((s, i) => (
          <path
            key={s.name}
            d={paths(s.points, x, y, step)}
            fill="none"
            stroke={seriesColor(i)}
            strokeWidth={1.75}
            strokeLinejoin="round"
          />
        ))}
      </ChartSvg>
      {series.length > 1 && <Legend names={series.map((s) => s.name)} />}
      <ChartTable
        caption={label}
        columns={["Time", ...series.map((s) => s.name)]}
        rows={times.map((t) => [formatTime(t, true), ...lookups.map((m) => fmt(m.get(t) ?? null))])}
      />
    </figure>
  );
}
