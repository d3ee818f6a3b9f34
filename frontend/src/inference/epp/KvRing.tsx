import type { ReactElement } from "react";

import { heatColor } from "../dashboard/charts/chartScale";

/** KV-cache use as a ring (0–1); unknown renders an empty ring. */
export function KvRing({ usage }: { readonly usage: number | null }): ReactElement {
  const r = 16;
  const circumference = 2 * Math.PI * r;
  const filled = usage === null ? 0 : Math.min(1, Math.max(0, usage)) * circumference;
  const label =
    usage === null ? "KV-cache use unknown" : `KV-cache ${String(Math.round(usage * 100))}% used`;
  return (
    <svg
      viewBox="0 0 40 40"
      width={48}
      height={48}
      role="img"
      aria-label={label}
      className="text-fg-muted"
    >
      <circle
        cx={20}
        cy={20}
        r={r}
        fill="none"
        stroke="currentColor"
        strokeOpacity={0.25}
        strokeWidth={5}
      />
      <circle
        cx={20}
        cy={20}
        r={r}
        fill="none"
        stroke={heatColor(usage)}
        strokeWidth={5}
        strokeDasharray={`${filled.toFixed(2)} ${circumference.toFixed(2)}`}
        transform="rotate(-90 20 20)"
      />
      <text x={20} y={23.5} textAnchor="middle" fontSize={10} fill="currentColor">
        {usage === null ? "—" : `${String(Math.round(usage * 100))}%`}
      </text>
    </svg>
  );
}
