/** A parent resource's status conditions (type, status, reason, message). */
import type { ReactElement } from "react";

import type { Condition } from "../api/schemas";

export function ConditionsTable({
  conditions,
}: {
  conditions: readonly Condition[] | undefined;
}): ReactElement {
  if (conditions === undefined || conditions.length === 0) {
    return <p className="text-sm text-fg-muted">No conditions reported yet.</p>;
  }
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Conditions</caption>
      <thead className="text-fg-muted">
        <tr>
          <th scope="col" className="py-2 pr-4">
            Type
          </th>
          <th scope="col" className="py-2 pr-4">
            Status
          </th>
          <th scope="col" className="py-2 pr-4">
            Reason
          </th>
          <th scope="col" className="py-2">
            Message
          </th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => (
          <tr key={c.type} className="border-t border-line">
            <th scope="row" className="py-2 pr-4 font-medium">
              {c.type}
            </th>
            <td className="py-2 pr-4">{c.status}</td>
            <td className="py-2 pr-4">{c.reason}</td>
            <td className="py-2 text-fg-muted">{c.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
