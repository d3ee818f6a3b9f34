import type { Theme } from "./Theme";

/** Reflects the theme on the document: Tailwind's `dark:` variant and the tokens key off `.dark`. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.classList.toggle("dark", theme === "dark");
}
