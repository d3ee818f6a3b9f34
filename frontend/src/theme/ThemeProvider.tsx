/**
 * Owns the active theme: starts from the stored choice (dark when none), applies it as the `dark`
 * class on <html>, persists every explicit change and follows changes made in other tabs.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from "react";
import type { ReactElement, ReactNode } from "react";

import { applyTheme } from "./applyTheme";
import { oppositeTheme, type Theme } from "./Theme";
import { ThemeContext, type ThemeContextValue } from "./ThemeContext";
import { THEME_STORAGE_KEY, themeStorage } from "./themeStorage";

export interface ThemeProviderProps {
  readonly children: ReactNode;
}

export function ThemeProvider({ children }: ThemeProviderProps): ReactElement {
  const [theme, setThemeState] = useState<Theme>(() => themeStorage.read());

  // Layout effect: the class must be on <html> before the browser paints the new theme.
  useLayoutEffect(() => {
    applyTheme(theme);
  }, [theme]);

  useEffect(() => {
    function onStorage(event: StorageEvent): void {
      if (event.key === THEME_STORAGE_KEY) {
        setThemeState(themeStorage.read());
      }
    }
    window.addEventListener("storage", onStorage);
    return () => {
      window.removeEventListener("storage", onStorage);
    };
  }, []);

  const setTheme = useCallback((next: Theme): void => {
    themeStorage.write(next);
    setThemeState(next);
  }, []);

  const value = useMemo<ThemeContextValue>(
    () => ({
      theme,
      setTheme,
      toggleTheme: () => {
        setTheme(oppositeTheme(theme));
      },
    }),
    [theme, setTheme],
  );

  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}
