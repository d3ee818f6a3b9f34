import type { ReactElement } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";

import { ThemeProvider } from "../theme/ThemeProvider";
import { routes } from "./routes";

const router = createBrowserRouter(routes);

export function App(): ReactElement {
  return (
    <ThemeProvider>
      <RouterProvider router={router} />
    </ThemeProvider>
  );
}
