"""GPU cost estimation (spec §3.10.3 "Cost Estimation", §7.2 `gpuPricing`): pure.

A pool costs `replicas x gpusPerPod x price(gpuType)` per hour, replicas being what runs now
(`status.currentReplicas`, else `spec.pool.replicas`); over a range, that hourly cost times
the range's hours (an estimate at today's size — scaling history is not integrated). GPU
types match the configured prices case-insensitively; a type without a price is reported in
`unpricedGpuTypes` and left out of the sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ngf_console.analytics import TimeRange
from ngf_console.server.routers.inference_models import CostEstimate, PoolCost, TimeWindow

CURRENCY = "USD"


def _price(prices: Mapping[str, float], gpu_type: str) -> float | None:
    lowered = {k.lower(): v for k, v in prices.items()}
    return lowered.get(gpu_type.lower())


def pool_cost(stack: Mapping[str, Any], prices: Mapping[str, float], hours: float) -> PoolCost:
    meta, spec = stack["metadata"], stack.get("spec") or {}
    model, pool = spec.get("model") or {}, spec.get("pool") or {}
    status = stack.get("status") or {}
    gpu_type = str(model.get("gpuType") or "")
    gpus = int(model.get("gpusPerPod") or 1)
    current = status.get("currentReplicas")
    replicas = int(current if current is not None else pool.get("replicas") or 0)
    price = _price(prices, gpu_type)
    hourly = None if price is None else round(replicas * gpus * price, 4)
    return PoolCost(
        namespace=meta.get("namespace", ""), name=meta["name"], gpu_type=gpu_type,
        gpus_per_replica=gpus, replicas=replicas, price_per_gpu_hour=price, hourly=hourly,
        daily=None if hourly is None else round(hourly * 24, 4),
        range_cost=None if hourly is None else round(hourly * hours, 4),
    )  # fmt: skip


def estimate(
    stacks: Sequence[Mapping[str, Any]], prices: Mapping[str, float], rng: TimeRange,
    window: TimeWindow,
) -> CostEstimate:  # fmt: skip
    hours = rng.seconds / 3600
    pools = [pool_cost(s, prices, hours) for s in stacks]
    priced = [p for p in pools if p.hourly is not None]
    return CostEstimate(
        window=window, currency=CURRENCY, pools=pools,
        hourly=round(sum(p.hourly or 0 for p in priced), 4),
        daily=round(sum(p.daily or 0 for p in priced), 4),
        range_cost=round(sum(p.range_cost or 0 for p in priced), 4),
        unpriced_gpu_types=sorted({p.gpu_type for p in pools if p.price_per_gpu_hour is None}),
    )  # fmt: skip
