import { render, type RenderResult } from "@testing-library/react";
import { userEvent, type UserEvent } from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";

import { createQueryClient } from "../api/createQueryClient";
import { AppProviders } from "../app/AppProviders";
import { routes } from "../app/routes";
import { useAuthStore } from "../auth/authStore";
import { FakeApi } from "./FakeApi";
import { FakeSocket } from "./FakeSocket";

export interface RenderedApp extends RenderResult {
  readonly user: UserEvent;
  readonly router: ReturnType<typeof createMemoryRouter>;
  readonly api: FakeApi;
}

export interface RenderAppOptions {
  /** The fake API server; an OSS one with empty lists by default. */
  readonly api?: FakeApi;
  /** The session token; null renders signed out. */
  readonly token?: string | null;
}

export const TEST_TOKEN = "test-token";

/** Renders the whole console (providers, real routes) at `path`, as a user would load it. */
export function renderApp(path = "/", options: RenderAppOptions = {}): RenderedApp {
  const api = options.api ?? new FakeApi();
  const token = options.token === undefined ? TEST_TOKEN : options.token;
  if (token === null) {
    useAuthStore.getState().logout();
  } else {
    useAuthStore.getState().login(token);
  }
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  const result = render(
    <AppProviders
      fetch={api.fetch}
      openSocket={(url, protocols) => FakeSocket.open(url, protocols)}
      queryClient={queryClient}
    >
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, user, router, api };
}
