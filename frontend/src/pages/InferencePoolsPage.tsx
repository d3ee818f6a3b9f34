/** InferencePool list: every InferenceStack joined with its pool, in the selected namespace. */
import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Link } from "react-router";

import { inferenceQueries } from "../api/queries/inferenceQueries";
import { useApi } from "../api/useApi";
import { EmptyState } from "../components/EmptyState";
import { formatAge } from "../components/formatAge";
import { PageHeader } from "../components/PageHeader";
import { PhaseBadge } from "../components/PhaseBadge";
import { childHealth } from "../inference/childRows";
import { useUiStore } from "../state/uiStore";

const CREATE_LINK =
  "focus-ring inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-white";

export function InferencePoolsPage(): ReactElement {
  const { client } = useApi();
  const namespace = useUiStore((s) => s.namespace);
  const { data, isPending, isError, error } = useQuery(inferenceQueries.pools(client, namespace));

  return (
    <>
      <PageHeader
        title="Inference pools"
        description="Model servers grouped behind an endpoint picker that sends each request to the best-placed replica."
      />
      <div className="mb-6">
        <Link to="/inference/pools/create" className={CREATE_LINK}>
          Create inference pool
        </Link>
      </div>
      {isPending && (
        <div aria-busy="true" aria-label="Loading inference pools" className="flex flex-col gap-2">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-10 animate-pulse rounded-md bg-surface-raised" />
          ))}
        </div>
      )}
      {isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load inference pools: {error.message}
        </p>
      )}
      {data?.items.length === 0 && (
        <EmptyState title="No inference pools yet">
          <p>
            {namespace === ""
              ? "There is no InferenceStack in any namespace."
              : `The namespace ${namespace} has no InferenceStack.`}{" "}
            Use “Create inference pool” to deploy a model server pool with an endpoint picker, route
            and autoscaler in one step.
          </p>
        </EmptyState>
      )}
      {data !== undefined && data.items.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Inference pools</caption>
            <thead className="text-fg-muted">
              <tr>
                {[
                  "Name",
                  "Namespace",
                  "Phase",
                  "Model",
                  "Backend",
                  "GPU",
                  "Replicas",
                  "Children",
                  "Age",
                ].map((h) => (
                  <th key={h} scope="col" className="py-2 pr-4 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((pool) => (
                <tr key={`${pool.namespace}/${pool.name}`} className="border-t border-line">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link
                      to={`/inference/pools/${pool.namespace}/${pool.name}`}
                      className="rounded underline focus-ring"
                    >
                      {pool.name}
                    </Link>
                  </th>
                  <td className="py-2 pr-4">{pool.namespace}</td>
                  <td className="py-2 pr-4">
                    <PhaseBadge phase={pool.phase} />
                  </td>
                  <td className="py-2 pr-4">{pool.model}</td>
                  <td className="py-2 pr-4">{pool.backend}</td>
                  <td className="py-2 pr-4">
                    {pool.stack.spec.model.gpuType} × {pool.stack.spec.model.gpusPerPod}
                  </td>
                  <td className="py-2 pr-4">
                    {pool.currentReplicas ?? 0}/
                    {pool.desiredReplicas ?? pool.stack.spec.pool.replicas}
                  </td>
                  <td className="py-2 pr-4">{childHealth(pool.children)}</td>
                  <td className="py-2 pr-4">
                    {formatAge(pool.stack.metadata?.["creationTimestamp"] as string | undefined)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
