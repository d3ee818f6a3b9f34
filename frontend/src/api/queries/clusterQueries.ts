/** Query-option factories for read-only cluster data: edition, namespaces, Gateways, classes, events. */
import { queryOptions } from "@tanstack/react-query";

import type { QueryDef } from "./QueryDef";

import type { ApiClient } from "../createApiClient";
import { unwrap } from "../ApiError";
import type { EditionInfo, KubeObjectList } from "../schemas";

/** The `namespace` query parameter: absent ("every namespace") for "". */
function scope(namespace: string): { namespace?: string } {
  return namespace === "" ? {} : { namespace };
}

export const clusterQueries = {
  edition: (client: ApiClient): QueryDef<EditionInfo> =>
    queryOptions<EditionInfo>({
      queryKey: ["edition"],
      queryFn: async () => unwrap(await client.GET("/api/v1/edition")),
      staleTime: 5 * 60_000,
    }),
  namespaces: (client: ApiClient): QueryDef<KubeObjectList> =>
    queryOptions<KubeObjectList>({
      queryKey: ["namespaces"],
      queryFn: async () => unwrap(await client.GET("/api/v1/namespaces")),
      staleTime: 60_000,
    }),
  gateways: (client: ApiClient, namespace: string): QueryDef<KubeObjectList> =>
    queryOptions<KubeObjectList>({
      queryKey: ["gateways", namespace],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/gateways", {
            params: { query: scope(namespace) },
          }),
        ),
    }),
  gatewayClasses: (client: ApiClient): QueryDef<KubeObjectList> =>
    queryOptions<KubeObjectList>({
      queryKey: ["gatewayclasses"],
      queryFn: async () => unwrap(await client.GET("/api/v1/gatewayclasses")),
    }),
  secrets: (client: ApiClient, namespace: string): QueryDef<KubeObjectList> =>
    queryOptions<KubeObjectList>({
      queryKey: ["secrets", namespace],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/secrets", {
            params: { query: scope(namespace) },
          }),
        ),
    }),
  events: (
    client: ApiClient,
    namespace: string,
    kind: string,
    name: string,
  ): QueryDef<KubeObjectList> =>
    queryOptions<KubeObjectList>({
      queryKey: ["events", namespace, kind, name],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/events", {
            params: { query: { namespace, kind, name } },
          }),
        ),
      // Drift repairs and failures arrive as events; the WebSocket carries only the status.
      refetchInterval: 10_000,
    }),
};

export { scope as namespaceScope };
