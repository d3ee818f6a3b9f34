import type { ReactElement } from "react";

const TONE: Record<string, string> = {
  Ready: "border-green-600 text-green-800 dark:text-green-300",
  Active: "border-green-600 text-green-800 dark:text-green-300",
  Pending: "border-zinc-500 text-fg-muted",
  Provisioning: "border-amber-500 text-amber-800 dark:text-amber-300",
  Degraded: "border-amber-500 text-amber-800 dark:text-amber-300",
  Error: "border-red-600 text-red-800 dark:text-red-300",
};

/** A phase in the status colours of the design system (green, yellow, red, grey). */
export function PhaseBadge({ phase }: { phase: string | null | undefined }): ReactElement {
  const label = phase ?? "Unknown";
  return (
    <span
      className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${TONE[label] ?? "border-zinc-500 text-fg-muted"}`}
    >
      {label}
    </span>
  );
}
