/**
 * The console's colour themes. Dark is the default: infrastructure consoles are dark-first
 * (spec §6.3), and light is the one alternative.
 */
export type Theme = "dark" | "light";

export const DEFAULT_THEME: Theme = "dark";

export function isTheme(value: unknown): value is Theme {
  return value === "dark" || value === "light";
}

export function oppositeTheme(theme: Theme): Theme {
  return theme === "dark" ? "light" : "dark";
}
