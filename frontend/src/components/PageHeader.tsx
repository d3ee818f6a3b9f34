import type { ReactElement, ReactNode } from "react";

import { useDocumentTitle } from "../hooks/useDocumentTitle";

export interface PageHeaderProps {
  readonly title: string;
  readonly description?: ReactNode;
}

/** The page's single <h1>; also names the browser tab after the page. */
export function PageHeader({ title, description }: PageHeaderProps): ReactElement {
  useDocumentTitle(title);
  return (
    <div className="mb-8 max-w-3xl">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {description !== undefined && <p className="mt-2 text-fg-muted">{description}</p>}
    </div>
  );
}
