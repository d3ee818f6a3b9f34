import type { ReactElement } from "react";
import { Link, useLocation } from "react-router";

import { PageHeader } from "../components/PageHeader";

export function NotFoundPage(): ReactElement {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <p className="text-fg-muted">
        Nothing lives at <code className="rounded bg-surface-raised px-1 py-0.5">{pathname}</code>.{" "}
        <Link to="/" className="rounded text-fg underline underline-offset-4 focus-ring">
          Go to the overview
        </Link>
      </p>
    </>
  );
}
