/**
 * A typed fake of the API server at the openapi-fetch seam: handlers are keyed by the real
 * OpenAPI paths (`keyof paths`), every request is recorded, and unknown routes answer 404 so a
 * test sees an unexpected call as an error rather than silence.
 */
import type { paths } from "../api/generated/schema";
import type { EditionInfo, KubeObject, KubeObjectList } from "../api/schemas";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface FakeRequest {
  readonly method: Method;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly authorization: string | null;
}

export type Handler = (request: FakeRequest) => Response | Promise<Response>;

interface Route {
  readonly method: Method;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

export function json(body: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

export function errorResponse(
  status: number,
  message: string,
  causes: readonly { field: string; message: string }[] = [],
): Response {
  return json({ status, reason: "Invalid", message, requestId: "req-1", causes }, status);
}

export function kubeObject(
  kind: string,
  name: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  const { namespace, ...rest } = extra;
  return {
    apiVersion: "v1",
    kind,
    metadata: typeof namespace === "string" ? { name, namespace } : { name },
    ...rest,
  };
}

export function list(items: KubeObject[]): KubeObjectList {
  return { items };
}

export class FakeApi {
  readonly requests: FakeRequest[] = [];
  private readonly routes: Route[] = [];

  constructor(edition: EditionInfo["edition"] = "oss") {
    this.on("GET", "/api/v1/edition", () =>
      json({
        edition,
        reason: "test fake",
        evidence: [],
        version: "2.2.0",
        controlPlane: "nginx-gateway/ngf",
        gatewayClass: "nginx",
        supportedFeatures: [],
        snippets: edition === "plus",
        wafCrd: edition === "plus",
        features: {},
      } satisfies EditionInfo),
    );
    this.on("GET", "/api/v1/namespaces", () =>
      json(list([kubeObject("Namespace", "default"), kubeObject("Namespace", "team-a")])),
    );
    this.on("GET", "/api/v1/inference/pools", () => json({ items: [] }));
    this.on("GET", "/api/v1/gatewaybundles", () => json({ items: [] }));
    this.on("GET", "/api/v1/gateways", () => json(list([])));
    this.on("GET", "/api/v1/gatewayclasses", () =>
      json(list([kubeObject("GatewayClass", "nginx")])),
    );
    this.on("GET", "/api/v1/secrets", () => json(list([])));
    this.on("GET", "/api/v1/events", () => json(list([])));
  }

  /** Adds (or, registered later, overrides) the handler of `method path`. */
  on(method: Method, path: keyof paths, handler: Handler): this {
    const names: string[] = [];
    const source = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    this.routes.unshift({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** Requests to `path` (exact, without query), optionally of one method. */
  calls(path: string, method?: Method): FakeRequest[] {
    return this.requests.filter(
      (r) => r.path === path && (method === undefined || r.method === method),
    );
  }

  readonly fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method as Method;
    const text = await request.text();
    for (const route of this.routes) {
      const match = route.method === method ? route.pattern.exec(url.pathname) : null;
      if (match === null) {
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1] ?? "");
      });
      const fake: FakeRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        params,
        body: text === "" ? null : (JSON.parse(text) as unknown),
        authorization: request.headers.get("Authorization"),
      };
      this.requests.push(fake);
      return route.handler(fake);
    }
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      params: {},
      body: null,
      authorization: request.headers.get("Authorization"),
    });
    return errorResponse(404, `no fake for ${method} ${url.pathname}`);
  };
}
