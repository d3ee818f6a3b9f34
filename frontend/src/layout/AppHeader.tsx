import type { ReactElement } from "react";
import { Link } from "react-router";

import { useAuthStore } from "../auth/authStore";
import { useUiStore } from "../state/uiStore";
import { ThemeToggle } from "../theme/ThemeToggle";
import { EditionBadge } from "./EditionBadge";
import { NamespaceSelect } from "./NamespaceSelect";

function ProductMark(): ReactElement {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className="size-7 shrink-0">
      <rect width="32" height="32" rx="7" className="fill-accent" />
      <path d="M9 23V9h3l8 9.5V9h3v14h-3l-8-9.5V23z" fill="#fff" />
    </svg>
  );
}

/** Product name, namespace scope, edition, the palette's button, theme and sign-out. */
export function AppHeader(): ReactElement {
  const setPaletteOpen = useUiStore((s) => s.setPaletteOpen);
  const logout = useAuthStore((s) => s.logout);
  return (
    <header className="flex min-h-14 shrink-0 flex-wrap items-center justify-between gap-3 border-b border-line bg-surface px-4 py-2">
      <div className="flex items-center gap-3">
        <Link to="/" className="flex items-center gap-3 rounded-md focus-ring">
          <ProductMark />
          <span className="text-base font-semibold tracking-tight">NGF Console</span>
        </Link>
        <EditionBadge />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <NamespaceSelect />
        <button
          type="button"
          className="rounded-md border border-line px-3 py-1.5 text-sm text-fg-muted focus-ring hover:text-fg"
          aria-keyshortcuts="Control+K Meta+K"
          onClick={() => {
            setPaletteOpen(true);
          }}
        >
          Search and jump <kbd className="ml-2 text-xs">Ctrl K</kbd>
        </button>
        <ThemeToggle />
        <button
          type="button"
          className="rounded-md px-2 py-1.5 text-sm text-fg-muted focus-ring hover:text-fg"
          onClick={() => {
            logout();
          }}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
