/**
 * Provides the API client, the socket opener and the TanStack Query cache. A 401 from any call
 * clears the cache and ends the session with a message for the login screen.
 */
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import type { ReactElement, ReactNode } from "react";

import { useAuthStore } from "../auth/authStore";
import { ApiContext, type ApiContextValue, type SocketOpener } from "./ApiContext";
import { createApiClient, type FetchFn } from "./createApiClient";
import { createQueryClient } from "./createQueryClient";

export const SESSION_REJECTED =
  "The API server rejected the token (401). It may have expired; sign in with a valid token.";

export interface ApiProviderProps {
  readonly children: ReactNode;
  readonly fetch?: FetchFn;
  readonly openSocket?: SocketOpener;
  readonly queryClient?: QueryClient;
}

function browserFetch(request: Request): Promise<Response> {
  return fetch(request);
}

function browserSocket(url: string, protocols: string[]): WebSocket {
  return new WebSocket(url, protocols);
}

export function ApiProvider({
  children,
  fetch = browserFetch,
  openSocket = browserSocket,
  queryClient,
}: ApiProviderProps): ReactElement {
  const cache = useMemo(() => queryClient ?? createQueryClient(), [queryClient]);
  const value = useMemo<ApiContextValue>(
    () => ({
      client: createApiClient({
        fetch,
        getToken: () => useAuthStore.getState().token,
        onUnauthorized: () => {
          cache.clear();
          useAuthStore.getState().logout(SESSION_REJECTED);
        },
      }),
      openSocket,
    }),
    [fetch, openSocket, cache],
  );
  return (
    <QueryClientProvider client={cache}>
      <ApiContext.Provider value={value}>{children}</ApiContext.Provider>
    </QueryClientProvider>
  );
}
