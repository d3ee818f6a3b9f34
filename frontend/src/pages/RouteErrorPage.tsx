import type { ReactElement } from "react";
import { isRouteErrorResponse, useRouteError } from "react-router";

import { PageHeader } from "../components/PageHeader";

/** Shown in place of a page that failed to render, keeping the shell and navigation usable. */
export function RouteErrorPage(): ReactElement {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${String(error.status)} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : "Unknown error";

  return (
    <>
      <PageHeader title="Something went wrong" />
      <p className="text-fg-muted">This page could not be shown: {detail}</p>
    </>
  );
}
