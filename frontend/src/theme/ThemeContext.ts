import { createContext } from "react";

import type { Theme } from "./Theme";

export interface ThemeContextValue {
  readonly theme: Theme;
  readonly setTheme: (theme: Theme) => void;
  readonly toggleTheme: () => void;
}

/** Null outside a ThemeProvider; read it through `useTheme`, which fails loudly there. */
export const ThemeContext = createContext<ThemeContextValue | null>(null);
