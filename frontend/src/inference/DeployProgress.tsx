/**
 * After deploy: the stack's phase and children, live over the WebSocket, until the operator
 * reports Ready (or Degraded/Error, which it explains in the children's messages).
 */
import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Link } from "react-router";

import { inferenceQueries } from "../api/queries/inferenceQueries";
import { useApi } from "../api/useApi";
import { ChildrenTable } from "../components/ChildrenTable";
import { PhaseBadge } from "../components/PhaseBadge";
import { childRows } from "./childRows";
import { useCrdStatus } from "./useCrdStatus";

const FINAL = new Set(["Ready", "Degraded", "Error"]);

export function DeployProgress({
  namespace,
  name,
}: {
  namespace: string;
  name: string;
}): ReactElement {
  const { client } = useApi();
  const query = inferenceQueries.stack(client, namespace, name);
  const { data } = useQuery(query);
  const phase = data?.status?.phase ?? "Pending";
  const done = FINAL.has(phase);
  const live = useCrdStatus("InferenceStack", namespace, name, query.queryKey, !done);
  return (
    <section
      aria-labelledby="deploy-progress"
      className="max-w-3xl rounded-lg border border-line bg-surface p-6"
    >
      <h2 id="deploy-progress" className="text-lg font-semibold">
        Deploying {namespace}/{name}
      </h2>
      <p className="mt-2 flex items-center gap-2 text-sm" role="status">
        Phase: <PhaseBadge phase={phase} />
        {!done && (
          <span className="text-fg-muted">
            {live.connected ? "watching live status…" : "connecting to live status…"}
          </span>
        )}
        {phase === "Ready" && <span>The stack is ready.</span>}
        {(phase === "Degraded" || phase === "Error") && (
          <span>The operator reports a problem; see the children below.</span>
        )}
      </p>
      <div className="mt-4">
        <ChildrenTable rows={childRows(data?.status?.children)} />
      </div>
      <Link
        to={`/inference/pools/${namespace}/${name}`}
        className="mt-6 inline-block rounded-md border border-line px-4 py-2 text-sm focus-ring"
      >
        Open {name}
      </Link>
    </section>
  );
}
