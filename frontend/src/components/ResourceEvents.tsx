/**
 * Kubernetes events about one parent resource, drift first in emphasis: the operator records
 * an event each time it puts a changed or deleted child back.
 */
import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";

import { clusterQueries } from "../api/queries/clusterQueries";
import { useApi } from "../api/useApi";

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export interface ResourceEventsProps {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
}

export function ResourceEvents({ namespace, kind, name }: ResourceEventsProps): ReactElement {
  const { client } = useApi();
  const events = useQuery(clusterQueries.events(client, namespace, kind, name));
  if (events.isError) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        Could not load events: {events.error.message}
      </p>
    );
  }
  if (events.isPending) {
    return <p className="text-sm text-fg-muted">Loading events…</p>;
  }
  const items = events.data.items;
  if (items.length === 0) {
    return (
      <p className="text-sm text-fg-muted">
        No events: the operator has not reported drift or problems.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {items.map((e, i) => {
        const reason = text(e["reason"]);
        return (
          <li
            key={e.metadata.uid ?? i}
            className={
              reason.toLowerCase().includes("drift")
                ? "font-medium text-amber-800 dark:text-amber-300"
                : ""
            }
          >
            {text(e["type"])} {reason}: {text(e["message"])}
          </li>
        );
      })}
    </ul>
  );
}
