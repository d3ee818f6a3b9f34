/** Query-option factories for InferenceStacks and the pools joined with them. */
import { queryOptions } from "@tanstack/react-query";

import type { QueryDef } from "./QueryDef";

import type { ApiClient } from "../createApiClient";
import { unwrap } from "../ApiError";
import type { InferencePoolList, InferenceStack } from "../schemas";
import { namespaceScope } from "./clusterQueries";

export const inferenceQueries = {
  pools: (client: ApiClient, namespace: string): QueryDef<InferencePoolList> =>
    queryOptions<InferencePoolList>({
      queryKey: ["inference", "pools", namespace],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inference/pools", {
            params: { query: namespaceScope(namespace) },
          }),
        ),
      refetchInterval: 15_000,
    }),
  stack: (client: ApiClient, namespace: string, name: string): QueryDef<InferenceStack> =>
    queryOptions<InferenceStack>({
      queryKey: ["inference", "stack", namespace, name],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/inferencestacks/{namespace}/{name}", {
            params: { path: { namespace, name } },
          }),
        ),
    }),
};
