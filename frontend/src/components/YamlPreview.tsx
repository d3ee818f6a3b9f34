/** A read-only YAML document with a copy button: what will be sent to the API server. */
import { useState } from "react";
import type { ReactElement } from "react";

import { toYaml } from "./toYaml";

export interface YamlPreviewProps {
  readonly title: string;
  readonly value: unknown;
}

export function YamlPreview({ title, value }: YamlPreviewProps): ReactElement {
  const text = toYaml(value);
  const [copied, setCopied] = useState(false);
  return (
    <section aria-label={title} className="rounded-lg border border-line bg-surface">
      <div className="flex items-center justify-between border-b border-line px-3 py-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        <button
          type="button"
          className="rounded-md border border-line px-2 py-1 text-xs focus-ring"
          onClick={() => {
            void navigator.clipboard.writeText(text).then(() => {
              setCopied(true);
            });
          }}
        >
          {copied ? "Copied" : "Copy YAML"}
        </button>
      </div>
      <pre
        tabIndex={0}
        aria-label={`${title} (read-only)`}
        className="max-h-[32rem] overflow-auto p-3 font-mono text-xs leading-relaxed focus-ring"
      >
        {text}
      </pre>
    </section>
  );
}
