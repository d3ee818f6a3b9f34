/**
 * Wraps a Plus-only (NGINX Gateway Fabric Enterprise) feature. On Plus it renders the feature;
 * otherwise (OSS, unknown, or edition unavailable) a greyed, focusable stand-in with the
 * tooltip and a trial link. The feature is a render function, so on OSS nothing inside it
 * mounts and none of its Plus-only API calls is made.
 */
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { ReactElement, ReactNode } from "react";

import { clusterQueries } from "../api/queries/clusterQueries";
import { useApi } from "../api/useApi";

export const ENTERPRISE_TOOLTIP =
  "Requires NGINX Gateway Fabric Enterprise. Contact F5 for a trial.";
export const TRIAL_URL = "https://www.f5.com/trials";

export interface EnterpriseGateProps {
  /** What the feature is, e.g. "WAF policy". */
  readonly feature: string;
  readonly children: () => ReactNode;
}

export function EnterpriseGate({ feature, children }: EnterpriseGateProps): ReactElement {
  const { client } = useApi();
  const tipId = useId();
  const edition = useQuery(clusterQueries.edition(client));
  if (edition.isPending) {
    return <p className="text-sm text-fg-muted">Checking the NGF edition…</p>;
  }
  if (edition.data?.edition === "plus") {
    return <>{children()}</>;
  }
  return (
    <div className="group relative max-w-xl rounded-lg border border-dashed border-purple-500/60 bg-surface p-4">
      <div className="flex items-center gap-3">
        <button
          type="button"
          aria-disabled="true"
          aria-describedby={tipId}
          className="cursor-not-allowed rounded-md border border-line px-3 py-1.5 text-sm text-fg-muted focus-ring"
          onClick={(e) => {
            e.preventDefault();
          }}
        >
          {feature}
        </button>
        <span className="rounded-full border border-purple-500 px-2 py-0.5 text-xs font-medium text-purple-700 dark:text-amber-300">
          Enterprise
        </span>
      </div>
      <p id={tipId} role="tooltip" className="mt-3 text-sm text-fg-muted">
        {ENTERPRISE_TOOLTIP}
      </p>
      <a
        href={TRIAL_URL}
        target="_blank"
        rel="noreferrer"
        className="mt-2 inline-block rounded text-sm font-medium text-sky-700 underline focus-ring dark:text-sky-300"
      >
        Start an F5 trial
      </a>
    </div>
  );
}
