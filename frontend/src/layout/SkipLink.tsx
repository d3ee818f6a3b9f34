import type { ReactElement } from "react";

export const MAIN_CONTENT_ID = "main-content";

/** First tab stop on every page: jumps keyboard users past the header and sidebar. */
export function SkipLink(): ReactElement {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      className="sr-only rounded-md bg-surface px-4 py-2 font-medium text-fg shadow-lg focus-ring focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
    >
      Skip to main content
    </a>
  );
}
