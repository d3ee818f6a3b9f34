/** Scales, colours and formatters shared by the dashboard's SVG charts. */

/** Series colours, readable on both the light and the dark surface. */
export const SERIES_COLORS: readonly string[] = [
  "#0ea5e9",
  "#f59e0b",
  "#10b981",
  "#a855f7",
  "#ef4444",
  "#14b8a6",
  "#eab308",
  "#6366f1",
];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? "#0ea5e9";
}

/** A round upper bound at or above `value` (1, 2 or 5 times a power of ten). */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (Math.abs(value) >= 1000) return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
  return value.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** Short axis labels: 950, 1.2k, 3.4M. */
export function formatCompact(value: number): string {
  return value.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 1 });
}

export function formatMs(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${formatNumber(value, 0)} ms`;
}

export function formatPct(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? "—" : `${formatNumber(ratio * 100, 0)}%`;
}

/** HH:MM (or HH:MM:SS) of a Unix-seconds time, in the viewer's zone. */
export function formatTime(t: number, seconds = false): string {
  return new Date(t * 1000).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
  });
}

/** A cell colour from 0 (cool) to 1 (hot); null renders as an empty cell. */
export function heatColor(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "transparent";
  const r = Math.min(1, Math.max(0, ratio));
  // From teal (low) through amber to red (high): hue 170 → 0.
  const hue = Math.round(170 - 170 * r);
  return `hsl(${String(hue)} 75% 45%)`;
}
