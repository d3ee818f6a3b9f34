/**
 * One dashboard panel: a titled region that shows its chart, or says why it has none —
 * loading, the API's error, or what to do when the range holds no telemetry.
 */
import { useId } from "react";
import type { ReactElement, ReactNode } from "react";

import type { PanelState } from "./panelState";

export interface PanelProps {
  readonly title: string;
  readonly description?: string;
  readonly state: PanelState;
  readonly wide?: boolean;
  readonly children?: ReactNode;
}

export function Panel({ title, description, state, wide, children }: PanelProps): ReactElement {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      aria-busy={state.pending}
      className={`rounded-lg border border-line bg-surface p-4 ${wide === true ? "lg:col-span-2" : ""}`}
    >
      <h2 id={titleId} className="font-semibold">
        {title}
      </h2>
      {description !== undefined && <p className="mt-1 text-xs text-fg-muted">{description}</p>}
      <div className="mt-3">
        {state.pending && <div className="h-40 animate-pulse rounded-md bg-surface-raised" />}
        {!state.pending && state.error !== null && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Could not load: {state.error.message}
          </p>
        )}
        {!state.pending && state.error === null && state.empty !== null && (
          <p className="text-sm text-fg-muted">{state.empty}</p>
        )}
        {!state.pending && state.error === null && state.empty === null && children}
      </div>
    </section>
  );
}
