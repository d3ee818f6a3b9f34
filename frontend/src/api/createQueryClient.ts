/** The TanStack Query cache: short staleness, no retries of client errors (4xx). */
import { QueryClient } from "@tanstack/react-query";

import { ApiError } from "./ApiError";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
    },
  });
}
