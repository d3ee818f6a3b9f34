/**
 * The header's theme switch: a toggle button whose accessible name stays "Dark mode" while
 * `aria-pressed` reports whether dark mode is on (the ARIA toggle-button pattern).
 */
import type { ReactElement } from "react";

import { useTheme } from "./useTheme";

const iconProps = {
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 1.6,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
  className: "size-5",
} as const;

function MoonIcon(): ReactElement {
  return (
    <svg {...iconProps}>
      <path d="M20 14.5A8.5 8.5 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5Z" />
    </svg>
  );
}

function SunIcon(): ReactElement {
  return (
    <svg {...iconProps}>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4" />
    </svg>
  );
}

export function ThemeToggle(): ReactElement {
  const { theme, toggleTheme } = useTheme();
  const isDark = theme === "dark";

  return (
    <button
      type="button"
      aria-label="Dark mode"
      aria-pressed={isDark}
      title={isDark ? "Switch to light mode" : "Switch to dark mode"}
      onClick={toggleTheme}
      className="inline-flex size-9 items-center justify-center rounded-md border border-line text-fg-muted focus-ring hover:bg-surface-raised hover:text-fg"
    >
      {isDark ? <MoonIcon /> : <SunIcon />}
    </button>
  );
}
