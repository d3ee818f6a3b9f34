/** Vertical bars in plain SVG (a histogram or any labelled counts), with a table fallback. */
import { useId } from "react";
import type { ReactElement } from "react";

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
  const titleId = useId();
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, bars.length);
  const y = (v: number): number => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const labelEvery = Math.max(1, Math.ceil(bars.length / 8));
  return (
    <figure>
      <svg
        viewBox={`0 0 ${String(W)} ${String(H)}`}
        role="img"
        aria-labelledby={titleId}
        className="h-auto w-full text-fg-muted"
      >
        <title id={titleId}>{label}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(top * f)}
              y2={y(top * f)}
              stroke="currentColor"
              strokeOpacity={0.25}
            />
            <text
              x={PAD.left - 4}
              y={y(top * f) + 4}
              textAnchor="end"
              fontSize={10}
              fill="currentColor"
            >
              {formatNumber(top * f, 0)}
            </text>
          </g>
        ))}
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
      </svg>
      <ChartTable
        caption={label}
        columns={[categoryName, valueName]}
        rows={bars.map((b) => [b.label, formatNumber(b.value, 1)])}
      />
    </figure>
  );
}
