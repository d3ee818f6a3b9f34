/** What a dashboard panel shows: loading, an error, why it is empty, or its chart. */
export interface PanelState {
  readonly pending: boolean;
  readonly error: Error | null;
  /** Set when the data arrived but holds nothing to draw: says what to do. */
  readonly empty: string | null;
}

/** The panel state of a query result: `empty` is checked only once the data is there. */
export function panelState<T>(
  query: { data: T | undefined; isPending: boolean; error: Error | null },
  emptyWhen: (data: T) => string | null,
): PanelState {
  return {
    pending: query.isPending && query.error === null,
    error: query.data === undefined ? query.error : null,
    empty: query.data === undefined ? null : emptyWhen(query.data),
  };
}

export const NO_TELEMETRY =
  "No telemetry in this range: pick a longer range, or send requests through the pool's route.";
export const NO_PROMETHEUS =
  "No Prometheus is configured for the API server (NGF_CONSOLE_API_PROMETHEUS_URL), so live model-server and GPU figures are unavailable.";
