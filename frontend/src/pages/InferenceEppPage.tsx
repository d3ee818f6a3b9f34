/**
 * The live EPP decision visualizer (spec §3.10.3): a card per model-server pod, the requests
 * flowing through the endpoint picker as it routes them (1 s batches over a WebSocket), and,
 * for any request, why its pod won — every scorer's score for every candidate, read from the
 * decision endpoint when the request is chosen (the feed leaves candidates out). Loaded
 * lazily (see `app/routes.ts`).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ReactElement } from "react";
import { Link, useParams } from "react-router";

import { inferenceQueries } from "../api/queries/inferenceQueries";
import { useApi } from "../api/useApi";
import { PageHeader } from "../components/PageHeader";
import { dashboardQueries } from "../inference/dashboard/dashboardQueries";
import type { EppDecision, PodState } from "../inference/dashboard/metricsTypes";
import { eppDecisionQuery } from "../inference/epp/eppDecisionQuery";
import { PodCard } from "../inference/epp/PodCard";
import { RequestFlow } from "../inference/epp/RequestFlow";
import { weightsOf } from "../inference/epp/scorerWeights";
import { useEppFeed, type Connection } from "../inference/epp/useEppFeed";
import { WhyPanel } from "../inference/epp/WhyPanel";

const SEED = 50;
const PODS_REFRESH_MS = 5_000;

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: "Connecting to the decision stream…",
  live: "Live",
  reconnecting: "Disconnected; reconnecting…",
};

export function InferenceEppPage(): ReactElement {
  const { namespace = "", name = "" } = useParams();
  const { client } = useApi();
  const stack = useQuery(inferenceQueries.stack(client, namespace, name));
  const pods = useQuery(dashboardQueries.pods(client, namespace, name, PODS_REFRESH_MS));
  const seed = useQuery(dashboardQueries.decisions(client, namespace, name, SEED));
  const { state, connection } = useEppFeed(namespace, name, seed.data?.items);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = state.decisions.find((d) => d.requestId === selectedId) ?? null;
  const weights = weightsOf(stack.data);
  // the feed's decisions have no candidates: read the selected one in full
  const detail = useQuery(eppDecisionQuery(client, namespace, name, selected));

  const states = new Map<string, PodState>((pods.data?.pods ?? []).map((p) => [p.pod, p]));
  const names = [...new Set([...states.keys(), ...Object.keys(state.tally)])].sort();
  const winKeys = new Map<string, string>();
  for (const d of state.decisions) {
    if (state.fresh.has(d.requestId) && !winKeys.has(d.pickedPod))
      winKeys.set(d.pickedPod, d.requestId);
  }

  function select(d: EppDecision): void {
    setSelectedId(d.requestId);
  }

  return (
    <>
      <PageHeader
        title={`EPP decisions: ${namespace}/${name}`}
        description="Each request the endpoint picker routes, live, and the state of every pod it chooses from. Pick a request to see why its pod won."
      />
      <div className="mb-4 flex flex-wrap items-center gap-4 text-sm">
        <Link to={`/inference/pools/${namespace}/${name}`} className="underline focus-ring">
          Pool details
        </Link>
        <Link to={`/inference?pool=${namespace}/${name}`} className="underline focus-ring">
          Dashboard
        </Link>
        <span role="status" className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className={`inline-block h-2 w-2 rounded-full ${connection === "live" ? "bg-emerald-500" : "bg-amber-500"}`}
          />
          {CONNECTION_TEXT[connection]}
        </span>
        <span className="text-fg-muted">
          {`${String(state.received)} decisions received`}
          {weights !== null && stack.data !== undefined
            ? ` · strategy ${stack.data.spec.epp.strategy}`
            : ""}
        </span>
      </div>
      {stack.isError && (
        <p role="alert" className="mb-4 text-red-700 dark:text-red-400">
          Could not load the InferenceStack: {stack.error.message}
        </p>
      )}
      {pods.data !== undefined && !pods.data.available && (
        <p className="mb-4 text-sm text-fg-muted">
          No Prometheus is configured for the API server, so pod queue, KV-cache and GPU figures are
          unavailable.
        </p>
      )}
      <section aria-label="Pods" className="mb-6">
        {names.length === 0 ? (
          <p className="text-sm text-fg-muted">
            {pods.isPending
              ? "Loading pods…"
              : "No pods report metrics yet: the pool has no running model server, or it is not scraped."}
          </p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
            {names.map((pod) => (
              <PodCard
                key={pod}
                pod={pod}
                state={states.get(pod)}
                tally={state.tally[pod]}
                gpuType={stack.data?.spec.model.gpuType ?? ""}
                winKey={winKeys.get(pod) ?? null}
                selected={selected?.pickedPod === pod}
              />
            ))}
          </div>
        )}
      </section>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section
          aria-labelledby="flow-title"
          className="rounded-lg border border-line bg-surface p-4"
        >
          <h2 id="flow-title" className="mb-2 font-semibold">
            Request flow
          </h2>
          {state.decisions.length === 0 ? (
            <p className="text-sm text-fg-muted">
              No decisions yet: requests routed through this pool appear here within a second or
              two.
            </p>
          ) : (
            <RequestFlow
              decisions={state.decisions}
              fresh={state.fresh}
              selectedId={selectedId}
              onSelect={select}
            />
          )}
        </section>
        <div className="self-start lg:sticky lg:top-4">
          <WhyPanel
            decision={selected}
            stackWeights={weights}
            detail={{
              data: detail.data,
              loading: detail.isFetching,
              error: detail.error,
              retry: () => void detail.refetch(),
            }}
          />
        </div>
      </div>
    </>
  );
}
