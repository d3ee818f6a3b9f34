import type { ReactElement } from "react";

import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";

function PoolIcon(): ReactElement {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      className="size-10"
    >
      <rect x="3" y="4" width="18" height="5" rx="1.5" />
      <rect x="3" y="15" width="18" height="5" rx="1.5" />
      <path d="M7 6.5h.01M7 17.5h.01M12 9v6" />
    </svg>
  );
}

/** InferencePool list. Until the API server is connected there is nothing to list. */
export function InferencePoolsPage(): ReactElement {
  return (
    <>
      <PageHeader
        title="Inference pools"
        description="Model servers grouped behind an endpoint picker that sends each request to the best-placed replica."
      />
      <EmptyState title="No inference pools to show" icon={<PoolIcon />}>
        <p>
          Inference pools appear here once the NGF Console API server is connected. The console then
          lists every InferencePool in your cluster with its model servers and status.
        </p>
      </EmptyState>
    </>
  );
}
