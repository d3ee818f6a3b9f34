import type { ReactElement } from "react";

import { lineDiff } from "./lineDiff";

const STYLE = {
  same: "text-fg-muted",
  added: "bg-green-500/15 text-green-800 dark:text-green-300",
  removed: "bg-red-500/15 text-red-800 dark:text-red-300",
} as const;
const MARK = { same: " ", added: "+", removed: "-" } as const;

/** The changes from `before` to `after`, line by line; unchanged lines are kept for context. */
export function DiffView({ before, after }: { before: string; after: string }): ReactElement {
  const lines = lineDiff(before, after);
  const changed = lines.filter((l) => l.kind !== "same").length;
  return (
    <section
      aria-label="Changes against the current spec"
      className="rounded-lg border border-line"
    >
      <h3 className="border-b border-line px-3 py-2 text-sm font-semibold">
        Changes against the current spec ({changed === 0 ? "none" : `${String(changed)} lines`})
      </h3>
      <pre tabIndex={0} className="max-h-96 overflow-auto p-3 font-mono text-xs focus-ring">
        {lines.map((l, i) => (
          <div key={i} className={STYLE[l.kind]}>
            <span aria-hidden="true">{MARK[l.kind]} </span>
            {l.kind !== "same" && (
              <span className="sr-only">{l.kind === "added" ? "added: " : "removed: "}</span>
            )}
            {l.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
