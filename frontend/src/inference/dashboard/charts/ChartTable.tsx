import type { ReactElement } from "react";

export interface ChartTableProps {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The figures behind a chart as a table, folded away under a disclosure (screen readers, copy). */
export function ChartTable({ caption, columns, rows }: ChartTableProps): ReactElement {
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-fg-muted focus-ring">Show as table</summary>
      <div className="mt-2 max-h-64 overflow-auto">
        <table className="w-full text-left">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-fg-muted">
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className="pr-3 font-medium">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className="border-t border-line">
                {row.map((cell, j) => (
                  <td key={j} className="pr-3 tabular-nums">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
