/**
 * The route table, shared by the browser router (App) and the memory router in tests so that
 * tests exercise the real routes.
 */
import type { RouteObject } from "react-router";

import { AppShell } from "../layout/AppShell";
import { InferencePoolsPage } from "../pages/InferencePoolsPage";
import { NotFoundPage } from "../pages/NotFoundPage";
import { OverviewPage } from "../pages/OverviewPage";
import { RouteErrorPage } from "../pages/RouteErrorPage";

export const routes: RouteObject[] = [
  {
    path: "/",
    Component: AppShell,
    ErrorBoundary: RouteErrorPage,
    children: [
      {
        // Pathless: a page that fails renders its error inside the shell, navigation intact.
        ErrorBoundary: RouteErrorPage,
        children: [
          { index: true, Component: OverviewPage },
          { path: "inference/pools", Component: InferencePoolsPage },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
];
