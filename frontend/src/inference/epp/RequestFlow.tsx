/**
 * Requests flowing through the endpoint picker, newest first: each one names the pod that
 * won it. Arrivals of the latest batch slide in (not under reduced motion). Every request is a
 * button: click or Enter shows why its pod won.
 */
import type { ReactElement } from "react";

import type { EppDecision } from "../dashboard/metricsTypes";
import { useFlash } from "./useFlash";

export const FLOW_LENGTH = 30;

const REASONS: Record<string, string> = {
  least_queue: "shortest queue",
  kv_available: "free KV-cache",
  prefix_hit: "prefix hit",
  composite: "composite",
};

function FlowItem({
  decision,
  fresh,
  selected,
  onSelect,
}: {
  readonly decision: EppDecision;
  readonly fresh: boolean;
  readonly selected: boolean;
  readonly onSelect: (d: EppDecision) => void;
}): ReactElement {
  const ref = useFlash<HTMLButtonElement>(fresh ? decision.requestId : null, [
    { transform: "translateX(-24px)", opacity: 0 },
    { transform: "translateX(0)", opacity: 1 },
  ]);
  return (
    <li>
      <button
        ref={ref}
        type="button"
        aria-pressed={selected}
        onClick={() => {
          onSelect(decision);
        }}
        className={`flex w-full items-center gap-2 rounded-md border px-2 py-1 text-left text-xs focus-ring ${selected ? "border-sky-500 bg-surface-raised" : "border-line"}`}
      >
        <span className="shrink-0 font-mono whitespace-nowrap text-fg-muted">
          {decision.requestId.slice(0, 10)}
        </span>
        <span aria-hidden="true">→</span>
        <span className="min-w-0 font-medium break-all">{decision.pickedPod}</span>
        <span className="ml-auto shrink-0 whitespace-nowrap text-fg-muted">
          {REASONS[decision.reason] ?? decision.reason}
        </span>
        <span className="sr-only">{`, model ${decision.model}. Show why.`}</span>
      </button>
    </li>
  );
}

export function RequestFlow({
  decisions,
  fresh,
  selectedId,
  onSelect,
}: {
  readonly decisions: readonly EppDecision[];
  readonly fresh: ReadonlySet<string>;
  readonly selectedId: string | null;
  readonly onSelect: (d: EppDecision) => void;
}): ReactElement {
  return (
    <ol aria-label="Request flow, newest first" className="flex flex-col gap-1">
      {decisions.slice(0, FLOW_LENGTH).map((d) => (
        <FlowItem
          key={d.requestId}
          decision={d}
          fresh={fresh.has(d.requestId)}
          selected={d.requestId === selectedId}
          onSelect={onSelect}
        />
      ))}
    </ol>
  );
}
