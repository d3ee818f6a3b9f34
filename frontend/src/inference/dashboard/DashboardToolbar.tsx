import type { ReactElement } from "react";
import { Link } from "react-router";

import type { InferencePoolSummary } from "../../api/schemas";
import { RANGE_PRESETS } from "./timeRange";

export interface DashboardToolbarProps {
  readonly pools: readonly InferencePoolSummary[];
  /** `namespace/name` of the selected pool. */
  readonly pool: string;
  readonly range: string;
  readonly autoRefresh: boolean;
  readonly refreshing: boolean;
  readonly onPool: (pool: string) => void;
  readonly onRange: (range: string) => void;
  readonly onAutoRefresh: (on: boolean) => void;
}

const CONTROL = "focus-ring rounded-md border border-line bg-surface px-2 py-1 text-sm";

/** Pool, time range and auto-refresh of the dashboard, and the way to the live EPP view. */
export function DashboardToolbar(props: DashboardToolbarProps): ReactElement {
  const { pools, pool, range, autoRefresh, refreshing } = props;
  return (
    <div className="mb-6 flex flex-wrap items-end gap-4">
      <label className="flex flex-col gap-1 text-xs text-fg-muted">
        Pool
        <select
          className={CONTROL}
          value={pool}
          onChange={(e) => {
            props.onPool(e.target.value);
          }}
        >
          {pools.map((p) => (
            <option key={`${p.namespace}/${p.name}`} value={`${p.namespace}/${p.name}`}>
              {`${p.namespace}/${p.name} (${p.model})`}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-fg-muted">
        Time range
        <select
          className={CONTROL}
          value={range}
          onChange={(e) => {
            props.onRange(e.target.value);
          }}
        >
          {RANGE_PRESETS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-pressed={autoRefresh}
        onClick={() => {
          props.onAutoRefresh(!autoRefresh);
        }}
        className={`${CONTROL} ${autoRefresh ? "text-fg" : "text-fg-muted"}`}
      >
        {autoRefresh ? "Auto-refresh on" : "Auto-refresh paused"}
      </button>
      <span aria-live="polite" className="text-xs text-fg-muted">
        {refreshing ? "Refreshing…" : ""}
      </span>
      {pool !== "" && (
        <Link
          to={`/inference/pools/${pool}/epp`}
          className="ml-auto rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white focus-ring"
        >
          Live EPP decisions
        </Link>
      )}
    </div>
  );
}
