import type { ReactElement } from "react";
import { Link } from "react-router";

import { ThemeToggle } from "../theme/ThemeToggle";

function ProductMark(): ReactElement {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className="size-7 shrink-0">
      <rect width="32" height="32" rx="7" className="fill-accent" />
      <path d="M9 23V9h3l8 9.5V9h3v14h-3l-8-9.5V23z" fill="#fff" />
    </svg>
  );
}

export function AppHeader(): ReactElement {
  return (
    <header className="flex h-14 shrink-0 items-center justify-between border-b border-line bg-surface px-4">
      <div className="flex items-center gap-3">
        <Link to="/" className="flex items-center gap-3 rounded-md focus-ring">
          <ProductMark />
          <span className="text-base font-semibold tracking-tight">NGF Console</span>
        </Link>
        <span className="hidden text-sm text-fg-muted sm:inline">NGINX Gateway Fabric</span>
      </div>
      <ThemeToggle />
    </header>
  );
}
