/**
 * Query-option factories for the inference dashboard and the EPP visualizer. Keys carry the
 * range preset, not timestamps: a refetch recomputes the window so it always ends now.
 */
import { queryOptions } from "@tanstack/react-query";

import { unwrap } from "../../api/ApiError";
import type { ApiClient } from "../../api/createApiClient";
import type { QueryDef } from "../../api/queries/QueryDef";
import type {
  CostEstimate,
  DecisionList,
  GpuHeatmap,
  InferenceSummary,
  PoolMetrics,
  PoolPods,
  TtftReport,
} from "./metricsTypes";
import { rangeParams } from "./timeRange";

/** Refresh cadence: a number of ms, or false while auto-refresh is paused. */
export type Refresh = number | false;

function scoped(namespace: string): { namespace?: string } {
  return namespace === "" ? {} : { namespace };
}

export const dashboardQueries = {
  summary: (
    client: ApiClient,
    namespace: string,
    range: string,
    refresh: Refresh,
  ): QueryDef<InferenceSummary> =>
    queryOptions<InferenceSummary>({
      queryKey: ["inference-metrics", "summary", namespace, range],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/metrics/summary", {
            params: { query: { ...scoped(namespace), ...rangeParams(range) } },
          }),
        ),
      refetchInterval: refresh,
    }),
  pool: (
    client: ApiClient,
    namespace: string,
    name: string,
    range: string,
    refresh: Refresh,
  ): QueryDef<PoolMetrics> =>
    queryOptions<PoolMetrics>({
      queryKey: ["inference-metrics", "pool", namespace, name, range],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/metrics/pool/{namespace}/{name}", {
            params: { path: { namespace, name }, query: rangeParams(range) },
          }),
        ),
      refetchInterval: refresh,
    }),
  ttft: (
    client: ApiClient,
    namespace: string,
    name: string,
    range: string,
    refresh: Refresh,
  ): QueryDef<TtftReport> =>
    queryOptions<TtftReport>({
      queryKey: ["inference-metrics", "ttft", namespace, name, range],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/metrics/ttft/{namespace}/{name}", {
            params: { path: { namespace, name }, query: rangeParams(range) },
          }),
        ),
      refetchInterval: refresh,
    }),
  pods: (
    client: ApiClient,
    namespace: string,
    name: string,
    refresh: Refresh,
  ): QueryDef<PoolPods> =>
    queryOptions<PoolPods>({
      queryKey: ["inference-metrics", "pods", namespace, name],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/metrics/pool/{namespace}/{name}/pods", {
            params: { path: { namespace, name } },
          }),
        ),
      refetchInterval: refresh,
    }),
  gpu: (
    client: ApiClient,
    namespace: string,
    range: string,
    refresh: Refresh,
  ): QueryDef<GpuHeatmap> =>
    queryOptions<GpuHeatmap>({
      queryKey: ["inference-metrics", "gpu", namespace, range],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/metrics/gpu", {
            params: { query: { ...scoped(namespace), ...rangeParams(range) } },
          }),
        ),
      refetchInterval: refresh,
    }),
  cost: (
    client: ApiClient,
    namespace: string,
    range: string,
    refresh: Refresh,
  ): QueryDef<CostEstimate> =>
    queryOptions<CostEstimate>({
      queryKey: ["inference-metrics", "cost", namespace, range],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/metrics/cost", {
            params: { query: { ...scoped(namespace), ...rangeParams(range) } },
          }),
        ),
      refetchInterval: refresh,
    }),
  decisions: (
    client: ApiClient,
    namespace: string,
    name: string,
    limit: number,
  ): QueryDef<DecisionList> =>
    queryOptions<DecisionList>({
      queryKey: ["inference-metrics", "decisions", namespace, name, limit],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/metrics/epp/{namespace}/{name}", {
            params: { path: { namespace, name }, query: { limit, ...rangeParams("15m") } },
          }),
        ),
      staleTime: Infinity,
    }),
};
