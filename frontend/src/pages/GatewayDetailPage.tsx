/**
 * One GatewayBundle: listeners (with the routes attached to each on the Gateway), children and
 * their status, conditions, drift and other events; live over the WebSocket.
 */
import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useParams } from "react-router";

import { clusterQueries } from "../api/queries/clusterQueries";
import { gatewayQueries } from "../api/queries/gatewayQueries";
import type { GatewayBundle } from "../api/schemas";
import { useApi } from "../api/useApi";
import { ChildrenTable, type ChildRow } from "../components/ChildrenTable";
import { ConditionsTable } from "../components/ConditionsTable";
import { PageHeader } from "../components/PageHeader";
import { PhaseBadge } from "../components/PhaseBadge";
import { ResourceEvents } from "../components/ResourceEvents";
import { attachedRoutesByListener } from "../gateways/attachedRoutes";
import { useCrdStatus } from "../inference/useCrdStatus";

function gatewayChildRows(bundle: GatewayBundle): ChildRow[] {
  const c = bundle.status?.children;
  return [
    ...(c?.gateway ? [{ kind: "Gateway", child: c.gateway }] : []),
    ...(c?.nginxProxy ? [{ kind: "NginxProxy", child: c.nginxProxy }] : []),
    ...(c?.wafPolicy ? [{ kind: "WAF policy", child: c.wafPolicy }] : []),
    ...(c?.tlsSecrets ?? []).map((s) => ({ kind: "TLS Secret", child: s })),
  ];
}

export function GatewayDetailPage(): ReactElement {
  const { namespace = "", name = "" } = useParams();
  const { client } = useApi();
  const query = gatewayQueries.bundle(client, namespace, name);
  const { data, isError, error } = useQuery(query);
  const gateways = useQuery(clusterQueries.gateways(client, namespace));
  const live = useCrdStatus("GatewayBundle", namespace, name, query.queryKey, data !== undefined);
  const attached = attachedRoutesByListener(gateways.data?.items ?? [], namespace, name);
  return (
    <>
      <PageHeader title={name} description={`GatewayBundle in ${namespace}`} />
      {isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load {namespace}/{name}: {error.message}
        </p>
      )}
      {data === undefined && !isError && (
        <div
          aria-busy="true"
          aria-label={`Loading ${name}`}
          className="h-40 max-w-5xl animate-pulse rounded-md bg-surface-raised"
        />
      )}
      {data !== undefined && (
        <div className="flex max-w-5xl flex-col gap-8">
          <div className="flex flex-wrap items-center gap-3">
            <span className="flex items-center gap-2 text-sm" role="status">
              Phase <PhaseBadge phase={data.status?.phase} />
            </span>
            <span className="text-xs text-fg-muted">{live.connected ? "Live" : "Not live"}</span>
          </div>
          <section aria-labelledby="listeners-h">
            <h2 id="listeners-h" className="mb-3 text-lg font-semibold">
              Listeners
            </h2>
            <ul className="text-sm">
              {data.spec.listeners.map((l) => (
                <li key={l.name}>
                  {l.name}: {l.protocol} port {l.port}
                  {l.hostname ? ` for ${l.hostname}` : ""}
                  <span className="text-fg-muted">
                    {" "}
                    — {attached.get(l.name) ?? 0} attached route
                    {attached.get(l.name) === 1 ? "" : "s"}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="gw-children-h">
            <h2 id="gw-children-h" className="mb-3 text-lg font-semibold">
              Children
            </h2>
            <ChildrenTable rows={gatewayChildRows(data)} />
          </section>
          <section aria-labelledby="gw-conditions-h">
            <h2 id="gw-conditions-h" className="mb-3 text-lg font-semibold">
              Conditions
            </h2>
            <ConditionsTable conditions={data.status?.conditions} />
          </section>
          <section aria-labelledby="gw-events-h">
            <h2 id="gw-events-h" className="mb-3 text-lg font-semibold">
              Drift and events
            </h2>
            <ResourceEvents namespace={namespace} kind="GatewayBundle" name={name} />
          </section>
        </div>
      )}
    </>
  );
}
