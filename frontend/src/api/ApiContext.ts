/** What talks to the API server: the REST client and the WebSocket opener (both replaceable in tests). */
import { createContext } from "react";

import type { ApiClient } from "./createApiClient";

export type SocketOpener = (url: string, protocols: string[]) => WebSocket;

export interface ApiContextValue {
  readonly client: ApiClient;
  readonly openSocket: SocketOpener;
}

export const ApiContext = createContext<ApiContextValue | null>(null);
