/** Query-option factories for GatewayBundles and the Plus-only WAF policies. */
import { queryOptions } from "@tanstack/react-query";

import type { QueryDef } from "./QueryDef";

import type { ApiClient } from "../createApiClient";
import { unwrap } from "../ApiError";
import type { GatewayBundle, GatewayBundleList, KubeObjectList } from "../schemas";
import { namespaceScope } from "./clusterQueries";

export const gatewayQueries = {
  bundles: (client: ApiClient, namespace: string): QueryDef<GatewayBundleList> =>
    queryOptions<GatewayBundleList>({
      queryKey: ["gatewaybundles", namespace],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/gatewaybundles", {
            params: { query: namespaceScope(namespace) },
          }),
        ),
      refetchInterval: 15_000,
    }),
  bundle: (client: ApiClient, namespace: string, name: string): QueryDef<GatewayBundle> =>
    queryOptions<GatewayBundle>({
      queryKey: ["gatewaybundles", "one", namespace, name],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/gatewaybundles/{namespace}/{name}", {
            params: { path: { namespace, name } },
          }),
        ),
    }),
  /** WAF policies exist only with NGINX Plus; call this only behind EnterpriseGate. */
  wafPolicies: (client: ApiClient, namespace: string): QueryDef<KubeObjectList> =>
    queryOptions<KubeObjectList>({
      queryKey: ["waf", namespace],
      queryFn: async () =>
        unwrap(
          await client.GET("/api/v1/policies/waf", {
            params: { query: namespaceScope(namespace) },
          }),
        ),
    }),
};
