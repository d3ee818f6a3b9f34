/**
 * The inference dashboard (spec §3.10.3): one pool's TTFT, throughput, KV-cache, queue,
 * prefix-cache and latency panels, the namespace's GPUs, models and cost, over a time range
 * that auto-refreshes until paused. Pool and range live in the URL (`?pool=ns/name&range=1h`)
 * so a view can be shared. Loaded lazily with its charts (see `app/routes.ts`).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ReactElement } from "react";
import { Link, useSearchParams } from "react-router";

import { inferenceQueries } from "../api/queries/inferenceQueries";
import { useApi } from "../api/useApi";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { DashboardToolbar } from "../inference/dashboard/DashboardToolbar";
import { dashboardQueries } from "../inference/dashboard/dashboardQueries";
import { HeadlineStats } from "../inference/dashboard/HeadlineStats";
import { panelState } from "../inference/dashboard/panelState";
import { CostPanel } from "../inference/dashboard/panels/CostPanel";
import { GpuPanel } from "../inference/dashboard/panels/GpuPanel";
import { LatencyPanel } from "../inference/dashboard/panels/LatencyPanel";
import { KvCachePanel, QueuePanel } from "../inference/dashboard/panels/LivePanels";
import { ModelsPanel } from "../inference/dashboard/panels/ModelsPanel";
import { PrefixPanel } from "../inference/dashboard/panels/PrefixPanel";
import { TokensPanel } from "../inference/dashboard/panels/TokensPanel";
import { TtftPanel } from "../inference/dashboard/panels/TtftPanel";
import { DEFAULT_RANGE, presetOf } from "../inference/dashboard/timeRange";
import { useUiStore } from "../state/uiStore";

const none = (): null => null;

export function InferenceDashboardPage(): ReactElement {
  const { client } = useApi();
  const namespace = useUiStore((s) => s.namespace);
  const [params, setParams] = useSearchParams();
  const [autoRefresh, setAutoRefresh] = useState(true);
  const range = presetOf(params.get("range") ?? DEFAULT_RANGE).id;
  const refresh = autoRefresh ? presetOf(range).refreshMs : false;

  const pools = useQuery(inferenceQueries.pools(client, namespace));
  const items = pools.data?.items ?? [];
  const wanted = params.get("pool");
  const selected = items.find((p) => `${p.namespace}/${p.name}` === wanted) ?? items[0] ?? null;
  const ns = selected?.namespace ?? "";
  const name = selected?.name ?? "";
  const enabled = selected !== null;

  const pool = useQuery({ ...dashboardQueries.pool(client, ns, name, range, refresh), enabled });
  const ttft = useQuery({ ...dashboardQueries.ttft(client, ns, name, range, refresh), enabled });
  const pods = useQuery({ ...dashboardQueries.pods(client, ns, name, refresh), enabled });
  const summary = useQuery({
    ...dashboardQueries.summary(client, namespace, range, refresh),
    enabled,
  });
  const gpu = useQuery({ ...dashboardQueries.gpu(client, namespace, range, refresh), enabled });
  const cost = useQuery({ ...dashboardQueries.cost(client, namespace, range, refresh), enabled });
  const poolPods = new Set((pods.data?.pods ?? []).map((p) => `${ns}/${p.pod}`));
  const refreshing = [pool, ttft, summary, gpu, cost].some((q) => q.isFetching && !q.isPending);

  function update(key: string, value: string): void {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader
        title="Inference dashboard"
        description="Time to first token, throughput, KV-cache, queues, prefix-cache hits, GPUs, latency and cost of your inference pools."
      />
      {pools.isPending && (
        <div
          aria-busy="true"
          aria-label="Loading inference pools"
          className="h-10 animate-pulse rounded-md bg-surface-raised"
        />
      )}
      {pools.isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load inference pools: {pools.error.message}
        </p>
      )}
      {pools.data !== undefined && items.length === 0 && (
        <EmptyState title="No InferenceStacks yet">
          <p>
            {namespace === ""
              ? "No namespace has an InferenceStack"
              : `The namespace ${namespace} has no InferenceStack`}
            , so there is nothing to chart.{" "}
            <Link to="/inference/pools/create" className="text-fg underline focus-ring">
              Create one
            </Link>{" "}
            to deploy a model server pool with an endpoint picker; its telemetry appears here within
            a minute.
          </p>
        </EmptyState>
      )}
      {selected !== null && (
        <>
          <DashboardToolbar
            pools={items}
            pool={`${ns}/${name}`}
            range={range}
            autoRefresh={autoRefresh}
            refreshing={refreshing}
            onPool={(p) => {
              update("pool", p);
            }}
            onRange={(r) => {
              update("range", r);
            }}
            onAutoRefresh={setAutoRefresh}
          />
          <HeadlineStats data={pool.data} />
          <div className="grid gap-4 lg:grid-cols-2">
            <TtftPanel
              data={ttft.data}
              overall={pool.data?.overall}
              state={panelState(ttft, none)}
            />
            <TokensPanel data={pool.data} state={panelState(pool, none)} />
            <KvCachePanel data={pool.data} state={panelState(pool, none)} />
            <QueuePanel data={pool.data} state={panelState(pool, none)} />
            <PrefixPanel data={pool.data} state={panelState(pool, none)} />
            <LatencyPanel data={pool.data} state={panelState(pool, none)} />
            <GpuPanel data={gpu.data} state={panelState(gpu, none)} pods={poolPods} />
            <ModelsPanel data={summary.data} state={panelState(summary, none)} />
            <CostPanel data={cost.data} state={panelState(cost, none)} />
          </div>
        </>
      )}
    </>
  );
}
