/** One GatewayBundle: listeners, children and their status, conditions, live over the WebSocket. */
import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useParams } from "react-router";

import { gatewayQueries } from "../api/queries/gatewayQueries";
import type { ChildStatus } from "../api/schemas";
import { useApi } from "../api/useApi";
import { PageHeader } from "../components/PageHeader";
import { PhaseBadge } from "../components/PhaseBadge";
import { useCrdStatus } from "../inference/useCrdStatus";

export function GatewayDetailPage(): ReactElement {
  const { namespace = "", name = "" } = useParams();
  const { client } = useApi();
  const query = gatewayQueries.bundle(client, namespace, name);
  const { data, isError, error } = useQuery(query);
  useCrdStatus("GatewayBundle", namespace, name, query.queryKey, data !== undefined);
  const c = data?.status?.children;
  const children: [string, ChildStatus][] = [
    ...(c?.gateway ? [["Gateway", c.gateway] as [string, ChildStatus]] : []),
    ...(c?.nginxProxy ? [["NginxProxy", c.nginxProxy] as [string, ChildStatus]] : []),
    ...(c?.wafPolicy ? [["WAF policy", c.wafPolicy] as [string, ChildStatus]] : []),
    ...(c?.tlsSecrets ?? []).map((s) => ["TLS Secret", s] as [string, ChildStatus]),
  ];
  return (
    <>
      <PageHeader title={name} description={`GatewayBundle in ${namespace}`} />
      {isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load {namespace}/{name}: {error.message}
        </p>
      )}
      {data !== undefined && (
        <div className="flex max-w-5xl flex-col gap-8">
          <p className="flex items-center gap-2 text-sm" role="status">
            Phase <PhaseBadge phase={data.status?.phase} />
          </p>
          <section aria-labelledby="listeners-h">
            <h2 id="listeners-h" className="mb-3 text-lg font-semibold">
              Listeners
            </h2>
            <ul className="text-sm">
              {data.spec.listeners.map((l) => (
                <li key={l.name}>
                  {l.name}: {l.protocol} port {l.port}
                  {l.hostname ? ` for ${l.hostname}` : ""}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="gw-children-h">
            <h2 id="gw-children-h" className="mb-3 text-lg font-semibold">
              Children
            </h2>
            {children.length === 0 ? (
              <p className="text-sm text-fg-muted">The operator has not reported any child yet.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-fg-muted">
                  <tr>
                    <th scope="col" className="py-2 pr-4">
                      Kind
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      Name
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      Status
                    </th>
                    <th scope="col" className="py-2">
                      Message
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {children.map(([kind, s], i) => (
                    <tr key={i} className="border-t border-line">
                      <th scope="row" className="py-2 pr-4">
                        {kind}
                      </th>
                      <td className="py-2 pr-4">{s.name ?? "—"}</td>
                      <td className="py-2 pr-4">{s.ready ? "Ready" : "Not ready"}</td>
                      <td className="py-2 text-fg-muted">{s.message ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </>
  );
}
