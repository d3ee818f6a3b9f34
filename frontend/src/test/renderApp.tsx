import { render, type RenderResult } from "@testing-library/react";
import { userEvent, type UserEvent } from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";

import { routes } from "../app/routes";
import { ThemeProvider } from "../theme/ThemeProvider";

export interface RenderedApp extends RenderResult {
  readonly user: UserEvent;
  readonly router: ReturnType<typeof createMemoryRouter>;
}

/** Renders the whole console (providers, real routes) at `path`, as a user would load it. */
export function renderApp(path = "/"): RenderedApp {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const result = render(
    <ThemeProvider>
      <RouterProvider router={router} />
    </ThemeProvider>,
  );
  return { ...result, user, router };
}
