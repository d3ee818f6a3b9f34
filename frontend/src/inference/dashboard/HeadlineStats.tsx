import type { ReactElement } from "react";

import { formatMs, formatNumber, formatPct } from "./charts/chartScale";
import type { PoolMetrics } from "./metricsTypes";

/** The pool's headline figures over the range. */
export function HeadlineStats({ data }: { readonly data: PoolMetrics | undefined }): ReactElement {
  const o = data?.overall;
  const stats: [string, string][] = [
    ["Requests", formatNumber(o?.requests, 0)],
    ["Errors", formatNumber(o?.errors, 0)],
    ["TTFT p50", formatMs(o?.ttftP50Ms)],
    ["TTFT p95", formatMs(o?.ttftP95Ms)],
    ["Tokens/s", formatNumber(o?.tokensPerSecond)],
    ["Prefix hits", formatPct(o?.prefixHitRate)],
    ["EPP decisions", formatNumber(data?.decisions.total, 0)],
    [
      "EPP latency",
      data?.decisions.avgLatencyUs == null
        ? "—"
        : `${formatNumber(data.decisions.avgLatencyUs)} µs`,
    ],
  ];
  return (
    <dl
      aria-label="Pool figures over the range"
      className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8"
    >
      {stats.map(([k, v]) => (
        <div key={k} className="rounded-lg border border-line bg-surface px-3 py-2">
          <dt className="text-xs text-fg-muted">{k}</dt>
          <dd className="text-lg font-semibold tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
