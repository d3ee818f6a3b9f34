/**
 * The typed API client (openapi-fetch over the generated OpenAPI paths). Every request carries
 * the session's bearer token; a 401 answer ends the session so the login screen can say why.
 * `fetch` is the seam tests replace with a typed fake.
 */
import createClient, { type Client } from "openapi-fetch";

import type { paths } from "./generated/schema";

export type ApiClient = Client<paths>;
export type FetchFn = (request: Request) => Promise<Response>;

export interface ApiClientOptions {
  readonly fetch: FetchFn;
  readonly getToken: () => string | null;
  readonly onUnauthorized: () => void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: window.location.origin, fetch: options.fetch });
  client.use({
    onRequest({ request }) {
      const token = options.getToken();
      if (token !== null) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) {
        options.onUnauthorized();
      }
      return response;
    },
  });
  return client;
}
