/** Stacked bars over time in plain SVG (e.g. queue → prefill → decode per bucket). */
import type { ReactElement } from "react";

import { ChartSvg, ValueGrid } from "./ChartSvg";
import { ChartTable } from "./ChartTable";
import { formatCompact, formatNumber, formatTime, niceMax, seriesColor } from "./chartScale";
import { Legend } from "./Legend";

export interface Stack {
  readonly t: number;
  /** One value per part, in `parts` order; null counts as 0. */
  readonly values: readonly (number | null)[];
}

export interface StackedBarsProps {
  readonly label: string;
  readonly parts: readonly string[];
  readonly stacks: readonly Stack[];
  readonly unit: string;
}

const W = 600;
const H = 180;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

export function StackedBars({ label, parts, stacks, unit }: StackedBarsProps): ReactElement {
  const sum = (s: Stack): number => s.values.reduce<number>((a, v) => a + (v ?? 0), 0);
  const top = niceMax(Math.max(0, ...stacks.map(sum)));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, stacks.length);
  const scale = (v: number): number => (v / top) * (H - PAD.top - PAD.bottom);
  const first = stacks[0];
  const last = stacks[stacks.length - 1];
  return (
    <figure>
      <ChartSvg label={label} width={W} height={H}>
        <ValueGrid
          top={top}
          y={(v) => H - PAD.bottom - scale(v)}
          left={PAD.left}
          right={W - PAD.right}
          format={(v) => `${formatCompact(v)} ${unit}`}
        />
        {stacks.map((s, i) => {
          let base = H - PAD.bottom;
          return (
            <g key={s.t}>
              {s.values.map((v, j) => {
                const h = scale(v ?? 0);
                base -= h;
                return (
                  <rect
                    key={parts[j] ?? j}
                    x={PAD.left + i * slot + slot * 0.1}
                    y={base}
                    width={slot * 0.8}
                    height={h}
                    fill={seriesColor(j)}
                  >
                    <title>{`${formatTime(s.t)} ${parts[j] ?? ""}: ${formatNumber(v)} ${unit}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        {first !== undefined && last !== undefined && (
          <>
            <text x={PAD.left} y={H - 4} fontSize={10} fill="currentColor">
              {formatTime(first.t)}
            </text>
            <text x={W - PAD.right} y={H - 4} fontSize={10} textAnchor="end" fill="currentColor">
              {formatTime(last.t)}
            </text>
          </>
        )}
      </ChartSvg>
      <Legend names={parts} />
      <ChartTable
        caption={label}
        columns={["Time", ...parts.map((p) => `${p} (${unit})`)]}
        rows={stacks.map((s) => [formatTime(s.t, true), ...s.values.map((v) => formatNumber(v))])}
      />
    </figure>
  );
}
