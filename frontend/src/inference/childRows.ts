/** The children of an InferenceStack as table rows, in the order the operator builds them. */
import type { ChildResourceStatuses } from "../api/schemas";
import type { ChildRow } from "../components/ChildrenTable";

const KINDS: readonly [keyof ChildResourceStatuses, string][] = [
  ["inferencePool", "InferencePool"],
  ["epp", "Endpoint Picker"],
  ["httpRoute", "HTTPRoute"],
  ["autoscaler", "Autoscaler"],
  ["dcgmExporter", "DCGM exporter"],
];

export function childRows(children: ChildResourceStatuses | undefined): ChildRow[] {
  return KINDS.map(([key, kind]) => ({ kind, child: children?.[key] ?? null })).filter(
    (row) => row.child !== null,
  );
}

export function childHealth(children: ChildResourceStatuses | undefined): string {
  const rows = childRows(children);
  if (rows.length === 0) {
    return "—";
  }
  const ready = rows.filter((r) => r.child?.ready === true).length;
  return `${String(ready)}/${String(rows.length)} ready`;
}
