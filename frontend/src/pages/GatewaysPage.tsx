/** Gateway list: GatewayBundles with their listeners, routes attached to their Gateway, and phase. */
import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Link } from "react-router";

import { clusterQueries } from "../api/queries/clusterQueries";
import { gatewayQueries } from "../api/queries/gatewayQueries";
import { useApi } from "../api/useApi";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { PhaseBadge } from "../components/PhaseBadge";
import { attachedRoutes } from "../gateways/attachedRoutes";
import { useUiStore } from "../state/uiStore";

export function GatewaysPage(): ReactElement {
  const { client } = useApi();
  const namespace = useUiStore((s) => s.namespace);
  const bundles = useQuery(gatewayQueries.bundles(client, namespace));
  const gateways = useQuery(clusterQueries.gateways(client, namespace));
  const attached = (ns: string, name: string): number =>
    attachedRoutes(gateways.data?.items ?? [], ns, name);
  return (
    <>
      <PageHeader
        title="Gateways"
        description="Each gateway is one GatewayBundle: Gateway, listeners, TLS, NginxProxy and WAF, kept in shape by the operator."
      />
      <div className="mb-6">
        <Link
          to="/gateways/create"
          className="inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-white focus-ring"
        >
          Create gateway
        </Link>
      </div>
      {bundles.isPending && (
        <div
          aria-busy="true"
          aria-label="Loading gateways"
          className="h-10 animate-pulse rounded-md bg-surface-raised"
        />
      )}
      {bundles.isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load gateways: {bundles.error.message}
        </p>
      )}
      {bundles.data?.items.length === 0 && (
        <EmptyState title="No gateways yet">
          <p>
            Use “Create gateway” to define listeners, TLS and data-plane options as one
            GatewayBundle.
          </p>
        </EmptyState>
      )}
      {bundles.data !== undefined && bundles.data.items.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Gateways</caption>
          <thead className="text-fg-muted">
            <tr>
              {["Name", "Namespace", "Class", "Listeners", "Attached routes", "Status"].map((h) => (
                <th key={h} scope="col" className="py-2 pr-4 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bundles.data.items.map((b) => {
              const ns = b.metadata?.namespace ?? "";
              const name = b.metadata?.name ?? "";
              return (
                <tr key={`${ns}/${name}`} className="border-t border-line">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link to={`/gateways/${ns}/${name}`} className="rounded underline focus-ring">
                      {name}
                    </Link>
                  </th>
                  <td className="py-2 pr-4">{ns}</td>
                  <td className="py-2 pr-4">{b.spec.gatewayClassName}</td>
                  <td className="py-2 pr-4">
                    {b.spec.listeners
                      .map((l) => `${l.name} ${l.protocol}:${String(l.port)}`)
                      .join(", ")}
                  </td>
                  <td className="py-2 pr-4">{attached(ns, name)}</td>
                  <td className="py-2 pr-4">
                    <PhaseBadge phase={b.status?.phase} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
