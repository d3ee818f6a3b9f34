/**
 * One InferenceStack: spec summary, children with status and messages, conditions, drift and
 * other events, live over the WebSocket; edit and delete (with a confirmation listing what the
 * operator will remove).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ReactElement } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { unwrap } from "../api/ApiError";
import { inferenceQueries } from "../api/queries/inferenceQueries";
import type { InferenceStack } from "../api/schemas";
import { useApi } from "../api/useApi";
import { ChildrenTable } from "../components/ChildrenTable";
import { ConditionsTable } from "../components/ConditionsTable";
import { PageHeader } from "../components/PageHeader";
import { PhaseBadge } from "../components/PhaseBadge";
import { ResourceEvents } from "../components/ResourceEvents";
import { childRows } from "../inference/childRows";
import { useCrdStatus } from "../inference/useCrdStatus";
import { useToastStore } from "../toast/toastStore";

function Summary({ stack }: { stack: InferenceStack }): ReactElement {
  const { spec } = stack;
  const gw = spec.gateway;
  const rows: [string, string][] = [
    ["Model", `${spec.model.name} (${spec.model.backend})`],
    ["Image", spec.model.image],
    ["GPUs", `${spec.model.gpuType} × ${String(spec.model.gpusPerPod)} per pod`],
    [
      "Replicas",
      `${String(stack.status?.currentReplicas ?? 0)} running, ${String(spec.pool.replicas)} initial (${String(spec.pool.minReplicas)}–${String(spec.pool.maxReplicas)})`,
    ],
    ["Routing strategy", spec.epp.strategy],
    [
      "Autoscaling",
      spec.autoscaling
        ? `${spec.autoscaling.backend}, cool-down ${spec.autoscaling.cooldownPeriod}`
        : "off",
    ],
    [
      "Gateway",
      gw.gatewayRef
        ? `${gw.gatewayRef.namespace ?? stack.metadata?.namespace ?? ""}/${gw.gatewayRef.name}`
        : `new listener on port ${String(gw.createListener?.port ?? "")}`,
    ],
    ["Path prefix", gw.route.pathPrefix],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-fg-muted">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function DeleteDialog({
  stack,
  onCancel,
  onConfirm,
  pending,
}: {
  stack: InferenceStack;
  onCancel: () => void;
  onConfirm: () => void;
  pending: boolean;
}): ReactElement {
  const rows = childRows(stack.status?.children);
  return (
    <div
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="delete-title"
      aria-describedby="delete-desc"
      className="mt-4 max-w-xl rounded-lg border border-red-600 bg-surface p-4"
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <h2 id="delete-title" className="font-semibold">
        Delete {stack.metadata?.name}?
      </h2>
      <div id="delete-desc" className="mt-2 text-sm">
        <p>The operator will remove the InferenceStack and everything it created:</p>
        <ul className="mt-2 list-disc pl-5">
          {rows.length === 0 && <li>its children (none reported yet)</li>}
          {rows.map((r) => (
            <li key={r.kind}>
              {r.kind} {r.child?.name ?? ""}
            </li>
          ))}
        </ul>
      </div>
      <div className="mt-4 flex gap-3">
        <button
          type="button"
          autoFocus
          onClick={onCancel}
          className="rounded-md border border-line px-4 py-2 text-sm focus-ring"
        >
          Keep it
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onConfirm}
          className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white focus-ring"
        >
          Delete {stack.metadata?.name}
        </button>
      </div>
    </div>
  );
}

export function InferencePoolDetailPage(): ReactElement {
  const { namespace = "", name = "" } = useParams();
  const { client } = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const pushToast = useToastStore((s) => s.push);
  const query = inferenceQueries.stack(client, namespace, name);
  const { data, isError, error } = useQuery(query);
  const live = useCrdStatus("InferenceStack", namespace, name, query.queryKey, data !== undefined);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: async () => {
      unwrap(
        await client.DELETE("/api/v1/inferencestacks/{namespace}/{name}", {
          params: { path: { namespace, name } },
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["inference"] });
      pushToast("success", `Deleted InferenceStack ${namespace}/${name}.`);
      void navigate("/inference/pools");
    },
    onError: (e) => {
      pushToast("error", `Could not delete ${namespace}/${name}: ${e.message}`);
    },
  });

  return (
    <>
      <PageHeader title={name} description={`InferenceStack in ${namespace}`} />
      {isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load {namespace}/{name}: {error.message}
        </p>
      )}
      {data === undefined && !isError && <p className="text-fg-muted">Loading…</p>}
      {data !== undefined && (
        <div className="flex max-w-5xl flex-col gap-8">
          <div className="flex flex-wrap items-center gap-3">
            <span className="flex items-center gap-2 text-sm" role="status">
              Phase <PhaseBadge phase={data.status?.phase} />
            </span>
            <span className="text-xs text-fg-muted">{live.connected ? "Live" : "Not live"}</span>
            <Link
              to="edit"
              className="rounded-md border border-line px-3 py-1.5 text-sm focus-ring"
            >
              Edit
            </Link>
            <Link to="epp" className="rounded-md border border-line px-3 py-1.5 text-sm focus-ring">
              Live EPP decisions
            </Link>
            <Link
              to={`/inference?pool=${namespace}/${name}`}
              className="rounded-md border border-line px-3 py-1.5 text-sm focus-ring"
            >
              Dashboard
            </Link>
            <button
              type="button"
              onClick={() => {
                setConfirming(true);
              }}
              className="rounded-md border border-red-600 px-3 py-1.5 text-sm focus-ring"
            >
              Delete
            </button>
          </div>
          {confirming && (
            <DeleteDialog
              stack={data}
              pending={remove.isPending}
              onCancel={() => {
                setConfirming(false);
              }}
              onConfirm={() => {
                remove.mutate();
              }}
            />
          )}
          <section aria-labelledby="spec-h">
            <h2 id="spec-h" className="mb-3 text-lg font-semibold">
              Spec
            </h2>
            <Summary stack={data} />
          </section>
          <section aria-labelledby="children-h">
            <h2 id="children-h" className="mb-3 text-lg font-semibold">
              Children
            </h2>
            <ChildrenTable rows={childRows(data.status?.children)} />
          </section>
          <section aria-labelledby="conditions-h">
            <h2 id="conditions-h" className="mb-3 text-lg font-semibold">
              Conditions
            </h2>
            <ConditionsTable conditions={data.status?.conditions} />
          </section>
          <section aria-labelledby="events-h">
            <h2 id="events-h" className="mb-3 text-lg font-semibold">
              Drift and events
            </h2>
            <ResourceEvents namespace={namespace} kind="InferenceStack" name={name} />
          </section>
        </div>
      )}
    </>
  );
}
