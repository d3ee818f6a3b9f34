import { stringify } from "yaml";

/** YAML as the console shows and copies it (no line folding). */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}
