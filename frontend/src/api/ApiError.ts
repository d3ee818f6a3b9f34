/** A refused or failed API call: the HTTP status and the server's error body when it sent one. */
import type { ErrorBody } from "./schemas";

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody | null;

  constructor(status: number, body: ErrorBody | null, fallback: string) {
    super(body?.message ?? fallback);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === "object" && value !== null && "message" in value && "status" in value;
}

interface FetchResult<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The data of an openapi-fetch result, or an ApiError carrying the server's explanation. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.error !== undefined || result.data === undefined) {
    if (result.response.ok && result.error === undefined) {
      return undefined as T;
    }
    const body = isErrorBody(result.error) ? result.error : null;
    throw new ApiError(
      result.response.status,
      body,
      `The API server answered ${String(result.response.status)} ${result.response.statusText}`,
    );
  }
  return result.data;
}
