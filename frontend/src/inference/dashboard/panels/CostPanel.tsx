import type { ReactElement } from "react";

import type { CostEstimate } from "../metricsTypes";
import { Panel } from "../Panel";
import { type PanelState } from "../panelState";

function money(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 2 });
}

/** Estimated GPU cost: replicas × GPUs × the configured hourly price per GPU type. */
export function CostPanel({
  data,
  state,
}: {
  readonly data: CostEstimate | undefined;
  readonly state: PanelState;
}): ReactElement {
  const currency = data?.currency ?? "USD";
  return (
    <Panel
      title="Cost estimate"
      description="GPU cost at the pools' current size, from the GPU prices in the configuration (inference.costEstimation.gpuPricing)."
      state={{
        ...state,
        empty:
          state.empty ??
          (data?.pools.length === 0
            ? "No InferenceStacks in this namespace, so nothing to cost."
            : null),
      }}
    >
      {data !== undefined && (
        <>
          <dl className="mb-3 flex gap-6 text-sm">
            <div>
              <dt className="text-xs text-fg-muted">per hour</dt>
              <dd className="text-lg font-semibold tabular-nums">{money(data.hourly, currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-fg-muted">per day</dt>
              <dd className="text-lg font-semibold tabular-nums">{money(data.daily, currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-fg-muted">over the range</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {money(data.rangeCost, currency)}
              </dd>
            </div>
          </dl>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Cost per pool</caption>
            <thead className="text-fg-muted">
              <tr>
                {["Pool", "GPU", "GPUs", "Price/GPU·h", "Per hour", "Per day"].map((h) => (
                  <th key={h} scope="col" className="pr-3 pb-1 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.pools.map((p) => (
                <tr key={`${p.namespace}/${p.name}`} className="border-t border-line tabular-nums">
                  <th scope="row" className="pr-3 font-medium">
                    {p.namespace}/{p.name}
                  </th>
                  <td className="pr-3">{p.gpuType}</td>
                  <td className="pr-3">{`${String(p.replicas)} × ${String(p.gpusPerReplica)}`}</td>
                  <td className="pr-3">{money(p.pricePerGpuHour, currency)}</td>
                  <td className="pr-3">{money(p.hourly, currency)}</td>
                  <td className="pr-3">{money(p.daily, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.unpricedGpuTypes.length > 0 && (
            <p className="mt-2 text-xs text-fg-muted">
              No price configured for {data.unpricedGpuTypes.join(", ")}: those pools are left out
              of the totals.
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
