import { useEffect } from "react";

export const PRODUCT_NAME = "NGF Console";

/** Names the browser tab after the page, so history, tabs and screen readers say where you are. */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = `${pageTitle} · ${PRODUCT_NAME}`;
  }, [pageTitle]);
}
