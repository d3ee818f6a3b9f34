/** The frame every dashboard chart draws in: a titled SVG and its horizontal value grid. */
import { useId } from "react";
import type { ReactElement, ReactNode } from "react";

export interface ChartSvgProps {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly children: ReactNode;
}

/** An `img`-role SVG named by its `<title>` (what screen readers announce). */
export function ChartSvg({ label, width, height, children }: ChartSvgProps): ReactElement {
  const titleId = useId();
  return (
    <svg
      viewBox={`0 0 ${String(width)} ${String(height)}`}
      role="img"
      aria-labelledby={titleId}
      className="h-auto w-full text-fg-muted"
    >
      <title id={titleId}>{label}</title>
      {children}
    </svg>
  );
}

export interface ValueGridProps {
  /** The value at the top of the plot. */
  readonly top: number;
  /** Value → y coordinate. */
  readonly y: (value: number) => number;
  /** x of the plot's left edge (labels end there) and right edge. */
  readonly left: number;
  readonly right: number;
  readonly format: (value: number) => string;
}

/** Grid lines with labels at 0, half and the top of the value axis. */
export function ValueGrid({ top, y, left, right, format }: ValueGridProps): ReactElement {
  return (
    <>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line
            x1={left}
            x2={right}
            y1={y(top * f)}
            y2={y(top * f)}
            stroke="currentColor"
            strokeOpacity={0.25}
          />
          <text x={left - 4} y={y(top * f) + 4} textAnchor="end" fontSize={10} fill="currentColor">
            {format(top * f)}
          </text>
        </g>
      ))}
    </>
  );
}
