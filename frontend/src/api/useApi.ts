import { useContext } from "react";

import { ApiContext, type ApiContextValue } from "./ApiContext";

/** The API client and socket opener of the surrounding ApiProvider. */
export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (value === null) {
    throw new Error("useApi must be used inside <ApiProvider>.");
  }
  return value;
}
