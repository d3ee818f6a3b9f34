import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { ReactElement } from "react";

import { clusterQueries } from "../api/queries/clusterQueries";
import { useApi } from "../api/useApi";
import { useUiStore } from "../state/uiStore";

/** The namespace the lists show; "All namespaces" when none is chosen. */
export function NamespaceSelect(): ReactElement {
  const id = useId();
  const { client } = useApi();
  const { data } = useQuery(clusterQueries.namespaces(client));
  const namespace = useUiStore((s) => s.namespace);
  const setNamespace = useUiStore((s) => s.setNamespace);
  const names = (data?.items ?? []).flatMap((item) =>
    item.metadata.name ? [item.metadata.name] : [],
  );
  if (namespace !== "" && !names.includes(namespace)) {
    names.unshift(namespace);
  }
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-fg-muted">
        Namespace
      </label>
      <select
        id={id}
        value={namespace}
        onChange={(e) => {
          setNamespace(e.target.value);
        }}
        className="rounded-md border border-line bg-surface px-2 py-1 focus-ring"
      >
        <option value="">All namespaces</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
