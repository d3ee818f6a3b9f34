/**
 * Persists the chosen theme in localStorage under `ngf-console.theme`.
 *
 * Storage is best effort: browsers may refuse access (privacy modes, disabled site data, full
 * quota) and that must never break the console, so failures fall back to the default theme on
 * read and are ignored on write. Unknown stored values also read as the default.
 */
import { DEFAULT_THEME, isTheme, type Theme } from "./Theme";

export const THEME_STORAGE_KEY = "ngf-console.theme";

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const themeStorage = {
  read(): Theme {
    try {
      const stored = localStorageOrNull()?.getItem(THEME_STORAGE_KEY);
      return isTheme(stored) ? stored : DEFAULT_THEME;
    } catch {
      return DEFAULT_THEME;
    }
  },

  write(theme: Theme): void {
    try {
      localStorageOrNull()?.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Not persisted: the theme still applies for this page load.
    }
  },
} as const;
