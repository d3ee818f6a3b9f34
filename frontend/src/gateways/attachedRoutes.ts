/** Routes attached to a Gateway's listeners, as its status reports them (Gateway API). */
import type { KubeObject } from "../api/schemas";

interface GatewayStatus {
  listeners?: { name?: string; attachedRoutes?: number }[];
}

/** Attached routes per listener name of the Gateway `namespace/name` among `gateways`. */
export function attachedRoutesByListener(
  gateways: readonly KubeObject[],
  namespace: string,
  name: string,
): Map<string, number> {
  const gateway = gateways.find(
    (g) => g.metadata.namespace === namespace && g.metadata.name === name,
  );
  const status = gateway?.["status"] as GatewayStatus | undefined;
  const counts = new Map<string, number>();
  for (const l of status?.listeners ?? []) {
    if (l.name !== undefined) counts.set(l.name, l.attachedRoutes ?? 0);
  }
  return counts;
}

/** All routes attached to the Gateway `namespace/name` (the sum over its listeners). */
export function attachedRoutes(
  gateways: readonly KubeObject[],
  namespace: string,
  name: string,
): number {
  let total = 0;
  for (const n of attachedRoutesByListener(gateways, namespace, name).values()) total += n;
  return total;
}
