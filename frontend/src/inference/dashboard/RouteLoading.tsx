import type { ReactElement } from "react";

/** Shown while a lazily loaded page (the dashboard, the EPP visualizer) and its charts load. */
export function RouteLoading(): ReactElement {
  return (
    <div role="status" aria-busy="true" className="p-6 text-sm text-fg-muted">
      Loading…
    </div>
  );
}
