import type { ReactElement } from "react";

import { seriesColor } from "./chartScale";

/** Colour keys of a chart's series (shown, and read in order by screen readers). */
export function Legend({ names }: { readonly names: readonly string[] }): ReactElement {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-fg-muted">
      {names.map((name, i) => (
        <li key={name} className="flex items-center gap-1">
          <span
            aria-hidden="true"
            className="inline-block h-2 w-3 rounded-sm"
            style={{ backgroundColor: seriesColor(i) }}
          />
          {name}
        </li>
      ))}
    </ul>
  );
}
