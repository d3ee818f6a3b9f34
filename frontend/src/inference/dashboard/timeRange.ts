/**
 * The dashboard's time ranges: presets ending now. The window is computed when a query runs
 * (not when the range is chosen), so each auto-refresh reads up to the present.
 */
export interface RangePreset {
  readonly id: string;
  readonly label: string;
  readonly seconds: number;
  /** How often the panels refresh while auto-refresh is on, ms. */
  readonly refreshMs: number;
}

export const RANGE_PRESETS: readonly RangePreset[] = [
  { id: "5m", label: "Last 5 minutes", seconds: 300, refreshMs: 5_000 },
  { id: "15m", label: "Last 15 minutes", seconds: 900, refreshMs: 10_000 },
  { id: "1h", label: "Last hour", seconds: 3_600, refreshMs: 15_000 },
  { id: "6h", label: "Last 6 hours", seconds: 21_600, refreshMs: 60_000 },
  { id: "24h", label: "Last 24 hours", seconds: 86_400, refreshMs: 120_000 },
];

export const DEFAULT_RANGE = "15m";

const FALLBACK: RangePreset = {
  id: "15m",
  label: "Last 15 minutes",
  seconds: 900,
  refreshMs: 10_000,
};

/** The preset `id`, or the default one for an unknown id (e.g. a hand-edited URL). */
export function presetOf(id: string): RangePreset {
  return RANGE_PRESETS.find((p) => p.id === id) ?? FALLBACK;
}

/** The `start`/`end` query parameters (RFC 3339) of a preset ending at `now`. */
export function rangeParams(id: string, now: number = Date.now()): { start: string; end: string } {
  const { seconds } = presetOf(id);
  return {
    start: new Date(now - seconds * 1000).toISOString(),
    end: new Date(now).toISOString(),
  };
}
