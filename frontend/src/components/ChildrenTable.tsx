/** The children a parent resource's operator reports: kind, name, ready and its message. */
import type { ReactElement } from "react";

import type { ChildStatus } from "../api/schemas";

export interface ChildRow {
  readonly kind: string;
  readonly child: ChildStatus | null;
}

export function ChildrenTable({ rows }: { rows: readonly ChildRow[] }): ReactElement {
  if (rows.length === 0) {
    return <p className="text-sm text-fg-muted">The operator has not reported any child yet.</p>;
  }
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Child resources</caption>
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
        {rows.map(({ kind, child }, i) => (
          <tr key={`${kind}/${child?.name ?? String(i)}`} className="border-t border-line">
            <th scope="row" className="py-2 pr-4 font-medium">
              {kind}
            </th>
            <td className="py-2 pr-4 font-mono text-xs">{child?.name ?? "—"}</td>
            <td className="py-2 pr-4">{child?.ready ? "Ready" : "Not ready"}</td>
            <td className="py-2 text-fg-muted">{child?.message ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
