"""A Prometheus HTTP API client (httpx, async): instant and range queries, series lookups.

Queries are POSTed form-encoded (the API accepts both; POST keeps long PromQL out of URLs).
Errors map to `metrics.errors`: transport failures, timeouts and 5xx answers that are not
query errors → `PrometheusUnavailableError`; `status: error` answers (400 `bad_data`, 422
`execution`, 503 `timeout`/`canceled` are reported by Prometheus as query errors) →
`PrometheusQueryError` naming the error type and the query; anything not shaped like the
documented envelope → `PrometheusResponseError`.

    async with PrometheusClient("http://prometheus:9090") as prom:
        samples = await prom.query('vllm:num_requests_waiting{namespace="demo"}')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import httpx

from ngf_console.metrics.errors import (
    PrometheusQueryError,
    PrometheusResponseError,
    PrometheusUnavailableError,
)
from ngf_console.metrics.models import Sample, Series

Instant = dt.datetime | float


class PrometheusClient:
    """One Prometheus server; close it (`aclose()` / `async with`) when done."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        client: httpx.AsyncClient | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._owns = client is None
        self._http = client or httpx.AsyncClient(timeout=timeout, headers=headers)

    async def __aenter__(self) -> PrometheusClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns:
            await self._http.aclose()

    async def query(self, promql: str, at: Instant | None = None) -> list[Sample]:
        """An instant query; scalars come back as one sample without labels."""
        form = {"query": promql} | ({"time": _unix(at)} if at is not None else {})
        data = await self._call("/api/v1/query", form, promql)
        kind, result = data.get("resultType"), data.get("result")
        if kind == "vector" and isinstance(result, list):
            return [_sample(item, promql) for item in result]
        if kind == "scalar" and isinstance(result, list):
            return [Sample({}, _float(result[1], promql), float(result[0]))]
        raise PrometheusResponseError(f"query {promql!r}: unexpected result type {kind!r}")

    async def query_range(
        self, promql: str, start: Instant, end: Instant, step: float
    ) -> list[Series]:
        """A range query from `start` to `end` every `step` seconds."""
        form = {"query": promql, "start": _unix(start), "end": _unix(end), "step": str(step)}
        data = await self._call("/api/v1/query_range", form, promql)
        if data.get("resultType") != "matrix" or not isinstance(data.get("result"), list):
            raise PrometheusResponseError(f"query_range {promql!r}: not a matrix")
        return [
            Series(
                _labels(item, promql), [(float(t), _float(v, promql)) for t, v in item["values"]]
            )
            for item in data["result"]
        ]

    async def series(
        self, matchers: Sequence[str], start: Instant | None = None, end: Instant | None = None
    ) -> list[dict[str, str]]:
        """Label sets of the series matching any of `matchers` (`/api/v1/series`)."""
        form: dict[str, str | list[str]] = {"match[]": list(matchers)}
        if start is not None:
            form["start"] = _unix(start)
        if end is not None:
            form["end"] = _unix(end)
        data = await self._call("/api/v1/series", form, " or ".join(matchers))
        if not isinstance(data, list):
            raise PrometheusResponseError("series: not a list of label sets")
        return [{str(k): str(v) for k, v in item.items()} for item in data]

    async def _call(self, path: str, form: Any, query: str) -> Any:
        try:
            response = await self._http.post(f"{self.base_url}{path}", data=form)
        except httpx.TimeoutException as e:
            raise PrometheusUnavailableError(f"Prometheus at {self.base_url} timed out") from e
        except httpx.TransportError as e:
            raise PrometheusUnavailableError(f"Prometheus at {self.base_url}: {e}") from e
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("status") == "error":
            raise PrometheusQueryError(
                str(body.get("errorType", "error")), str(body.get("error", "")), query
            )
        if response.status_code >= 500:
            raise PrometheusUnavailableError(
                f"Prometheus at {self.base_url} answered {response.status_code}"
            )
        if not isinstance(body, dict) or body.get("status") != "success" or "data" not in body:
            raise PrometheusResponseError(
                f"{path} answered {response.status_code} without the API envelope"
            )
        return body["data"]


def _unix(at: Instant) -> str:
    return str(at.timestamp() if isinstance(at, dt.datetime) else float(at))


def _float(value: Any, query: str) -> float:
    try:
        return float(value)  # accepts "NaN", "+Inf", "-Inf"
    except (TypeError, ValueError) as e:
        raise PrometheusResponseError(f"{query!r}: {value!r} is not a sample value") from e


def _labels(item: Any, query: str) -> dict[str, str]:
    metric = item.get("metric") if isinstance(item, dict) else None
    if not isinstance(metric, dict):
        raise PrometheusResponseError(f"{query!r}: a result has no metric labels")
    return {str(k): str(v) for k, v in metric.items()}


def _sample(item: Any, query: str) -> Sample:
    labels = _labels(item, query)
    t, v = item["value"]
    return Sample(labels, _float(v, query), float(t))
