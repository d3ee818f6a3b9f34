/** Vertical bars in plain SVG (a histogram or any labelled counts), with a table fallback. */
import type { ReactElement } from "react";

import { ChartSvg, ValueGrid } from "./ChartSvg";
import { ChartTable } from "./ChartTable";
import { formatNumber, niceMax, seriesColor } from "./chartScale";

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export interface BarChartProps {
  readonly label: string;
  readonly bars: readonly Bar[];
  readonly valueName: string;
  readonly categoryName: string;
  readonly colorIndex?: number;
}

const W = 600;
const H = 180;
const PAD = { left: 44, right: 8, top: 8, bottom: 28 };

export function BarChart({
  label,
  bars,
  valueName,
  categoryName,
  colorIndex = 0,
}: BarChartProps): ReactElement {
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, bars.length);
  const y = (v: number): number => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const labelEvery = Math.max(1, Math.ceil(bars.length / 8));
  return (
    <figure>
      <ChartSvg label={label} width={W} height={H}>
        <ValueGrid
          top={top}
          y={y}
          left={PAD.left}
          right={W - PAD.right}
          format={(v) => formatNumber(v, 0)}
        />
        {bars.map((b, i) => (
          <g key={b.label}>
            <rect
              x={PAD.left + i * slot + slot * 0.1}
              y={y(b.value)}
              width={slot * 0.8}
              height={Math.max(0, H - PAD.bottom - y(b.value))}
              fill={seriesColor(colorIndex)}
            >
              <title>{`${b.label}: ${formatNumber(b.value, 0)}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text
                x={PAD.left + i * slot + slot / 2}
                y={H - 10}
                fontSize={9}
                textAnchor="middle"
                fill="currentColor"
              >
                {b.label}
              </text>
            )}
          </g>
        ))}
      </ChartSvg>
      <ChartTable
        caption={label}
        columns={[categoryName, valueName]}
        rows={bars.map((b) => [b.label, formatNumber(b.value, 1)])}
      />
    </figure>
  );
}
