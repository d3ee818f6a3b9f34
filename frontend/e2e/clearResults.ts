/**
 * Vitest global setup of the end-to-end run: empties frontend/test-results once, before any
 * test file, so the screenshots there are exactly this run's (a renamed page leaves no stale
 * picture) and no file deletes another's.
 */
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";

import { REPO } from "./stack";

export function setup(): void {
  const results = resolve(REPO, "frontend/test-results");
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
}
