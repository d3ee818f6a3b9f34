/**
 * A Vite build plugin that measures the JavaScript a first page load needs — the entry chunk
 * and every chunk it imports statically, transitively (what index.html loads and preloads) —
 * gzipped, prints the figure, and fails the build when it exceeds the budget. Lazily loaded
 * chunks (dynamic `import()`: Monaco, charts, the topology graph, lazy routes) do not count.
 */
import { gzipSync } from "node:zlib";

import type { Plugin } from "vite";

export interface InitialJs {
  readonly files: readonly string[];
  readonly gzipBytes: number;
}

interface Chunk {
  readonly type: "chunk";
  readonly isEntry: boolean;
  readonly imports: readonly string[];
  readonly code: string;
}

/** The initial JavaScript of a bundle: entries and their static imports, gzipped. */
export function measureInitialJs(bundle: Readonly<Record<string, unknown>>): InitialJs {
  const chunks = new Map<string, Chunk>();
  for (const [file, out] of Object.entries(bundle)) {
    if ((out as { type?: string }).type === "chunk") chunks.set(file, out as Chunk);
  }
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const chunk = chunks.get(file);
    if (chunk === undefined || seen.has(file)) return;
    seen.add(file);
    chunk.imports.forEach(visit);
  };
  for (const [file, chunk] of chunks) if (chunk.isEntry) visit(file);
  const files = [...seen].sort();
  const gzipBytes = files.reduce(
    (sum, f) => sum + gzipSync(chunks.get(f)?.code ?? "", { level: 9 }).length,
    0,
  );
  return { files, gzipBytes };
}

export function initialJsBudget(maxKiB: number): Plugin {
  return {
    name: "ngf-initial-js-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const { files, gzipBytes } = measureInitialJs(bundle);
      const kib = gzipBytes / 1024;
      const line = `initial JavaScript: ${kib.toFixed(1)} KiB gzip (budget ${String(maxKiB)} KiB) in ${files.join(", ")}`;
      if (kib > maxKiB) {
        this.error(`${line}: over budget; load routes or heavy libraries lazily (import()).`);
      }
      this.info(line);
    },
  };
}
