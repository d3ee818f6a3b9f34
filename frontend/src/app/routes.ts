/**
 * The route table, shared by the browser router (App) and the memory router in tests so that
 * tests exercise the real routes. Everything but /login needs a session (AppShell redirects).
 */
import type { RouteObject } from "react-router";

import { RouteLoading } from "../inference/dashboard/RouteLoading";
import { AppShell } from "../layout/AppShell";
import { GatewayCreatePage } from "../pages/GatewayCreatePage";
import { GatewayDetailPage } from "../pages/GatewayDetailPage";
import { GatewaysPage } from "../pages/GatewaysPage";
import { InferencePoolCreatePage } from "../pages/InferencePoolCreatePage";
import { InferencePoolDetailPage } from "../pages/InferencePoolDetailPage";
import { InferencePoolEditPage } from "../pages/InferencePoolEditPage";
import { InferencePoolsPage } from "../pages/InferencePoolsPage";
import { LoginPage } from "../pages/LoginPage";
import { NotFoundPage } from "../pages/NotFoundPage";
import { OverviewPage } from "../pages/OverviewPage";
import { RouteErrorPage } from "../pages/RouteErrorPage";

export const routes: RouteObject[] = [
  { path: "/login", Component: LoginPage },
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
          { path: "gateways", Component: GatewaysPage },
          { path: "gateways/create", Component: GatewayCreatePage },
          { path: "gateways/:namespace/:name", Component: GatewayDetailPage },
          {
            // The dashboard and the visualizer load on demand with their chart code.
            path: "inference",
            HydrateFallback: RouteLoading,
            lazy: async () => ({
              Component: (await import("../pages/InferenceDashboardPage")).InferenceDashboardPage,
            }),
          },
          { path: "inference/pools", Component: InferencePoolsPage },
          { path: "inference/pools/create", Component: InferencePoolCreatePage },
          { path: "inference/pools/:namespace/:name", Component: InferencePoolDetailPage },
          { path: "inference/pools/:namespace/:name/edit", Component: InferencePoolEditPage },
          {
            path: "inference/pools/:namespace/:name/epp",
            HydrateFallback: RouteLoading,
            lazy: async () => ({
              Component: (await import("../pages/InferenceEppPage")).InferenceEppPage,
            }),
          },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
];
