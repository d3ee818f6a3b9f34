import type { ReactElement, ReactNode } from "react";

import { ApiProvider, type ApiProviderProps } from "../api/ApiProvider";
import { ThemeProvider } from "../theme/ThemeProvider";
import { Toaster } from "../toast/Toaster";
import { AppErrorBoundary } from "./AppErrorBoundary";

export interface AppProvidersProps extends Omit<ApiProviderProps, "children"> {
  readonly children: ReactNode;
}

/** Every provider the console needs, shared by the browser app and the tests. */
export function AppProviders({ children, ...api }: AppProvidersProps): ReactElement {
  return (
    <AppErrorBoundary>
      <ThemeProvider>
        <ApiProvider {...api}>
          {children}
          <Toaster />
        </ApiProvider>
      </ThemeProvider>
    </AppErrorBoundary>
  );
}
