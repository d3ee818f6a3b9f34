import type { UseQueryOptions } from "@tanstack/react-query";

/** What a query-option factory returns: options with a typed result and a stable key. */
export type QueryDef<T> = UseQueryOptions<T, Error, T> & {
  queryKey: readonly unknown[];
};
