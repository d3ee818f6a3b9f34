"""The Prometheus HTTP API client (`metrics.client`) over httpx's MockTransport.

Matrix: instant vector and scalar results, NaN/±Inf values, range matrices, series lookups
(every matcher sent as `match[]`, POSTed form-encoded); error mapping — `status: error`
bodies (400 bad_data, 422 execution, 503 timeout) are query errors naming the type and the
query, other 5xx and transport failures/timeouts are "unavailable", a 200 that is not the
API envelope or an unknown result type is a response error; `MetricsCompat` probes once per
signal until its TTL passes, and answers [] when no engine exports the signal.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from ngf_console.metrics.client import PrometheusClient
from ngf_console.metrics.compat import MetricsCompat
from ngf_console.metrics.errors import (
    PrometheusQueryError,
    PrometheusResponseError,
    PrometheusUnavailableError,
)
from ngf_console.metrics.signals import KV_CACHE_USAGE, QUEUE_DEPTH

Handler = Callable[[httpx.Request], httpx.Response]


def _success(data: Any) -> httpx.Response:
    return httpx.Response(200, json={"status": "success", "data": data})


def _client(handler: Handler) -> PrometheusClient:
    return PrometheusClient("http://prom:9090/", client=httpx.AsyncClient(
        transport=httpx.MockTransport(handler)))  # fmt: skip


def _form(request: httpx.Request) -> dict[str, list[str]]:
    return parse_qs(request.content.decode())


@pytest.mark.asyncio
async def test_instant_vector_and_special_values() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _success({"resultType": "vector", "result": [
            {"metric": {"__name__": "up", "pod": "a"}, "value": [1700000000.5, "1"]},
            {"metric": {"pod": "b"}, "value": [1700000000.5, "NaN"]},
            {"metric": {"pod": "c"}, "value": [1700000000.5, "+Inf"]},
        ]})  # fmt: skip

    async with _client(handler) as prom:
        samples = await prom.query('up{job="x"}', at=1700000000.5)
    assert seen[0].method == "POST"
    assert str(seen[0].url) == "http://prom:9090/api/v1/query"
    assert _form(seen[0]) == {"query": ['up{job="x"}'], "time": ["1700000000.5"]}
    assert (samples[0].name, samples[0].labels["pod"], samples[0].value) == ("up", "a", 1.0)
    assert math.isnan(samples[1].value)
    assert samples[2].value == math.inf


@pytest.mark.asyncio
async def test_scalar_range_and_series() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/query"):
            return _success({"resultType": "scalar", "result": [1700000000, "42"]})
        if path.endswith("/query_range"):
            form = _form(request)
            assert (form["start"], form["end"], form["step"]) == (["10.0"], ["70.0"], ["30"])
            values = [[10, "1"], [40, "2"], [70, "3"]]
            return _success({"resultType": "matrix", "result": [
                {"metric": {"pod": "a"}, "values": values}]})  # fmt: skip
        assert _form(request)["match[]"] == ["a", 'b{x="1"}']
        return _success([{"__name__": "a", "pod": "p"}])

    async with _client(handler) as prom:
        assert (await prom.query("scalar(42)"))[0].value == 42.0
        (series,) = await prom.query_range("a", 10, 70, 30)
        assert series.points == [(10.0, 1.0), (40.0, 2.0), (70.0, 3.0)]
        assert await prom.series(["a", 'b{x="1"}']) == [{"__name__": "a", "pod": "p"}]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "error_type"), [(400, "bad_data"), (422, "execution"), (503, "timeout")]
)
async def test_query_errors_name_the_type_and_the_query(status: int, error_type: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"status": "error", "errorType": error_type, "error": "parse error at char 3"}
        return httpx.Response(status, json=body)

    async with _client(handler) as prom:
        with pytest.raises(PrometheusQueryError, match=f"{error_type}: parse error") as caught:
            await prom.query("up{")
    assert (caught.value.error_type, caught.value.query) == (error_type, "up{")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("handler", "error", "message"),
    [
        (lambda r: httpx.Response(502, text="<html>bad gateway</html>"),
         PrometheusUnavailableError, "answered 502"),
        (lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused")),
         PrometheusUnavailableError, "refused"),
        (lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("slow")),
         PrometheusUnavailableError, "timed out"),
        (lambda r: httpx.Response(200, text="not json"), PrometheusResponseError, "envelope"),
        (lambda r: _success({"resultType": "string", "result": [0, "x"]}),
         PrometheusResponseError, "unexpected result type"),
        (lambda r: _success({"resultType": "vector", "result": [{"value": [0, "1"]}]}),
         PrometheusResponseError, "no metric labels"),
        (lambda r: _success({"resultType": "vector",
                             "result": [{"metric": {}, "value": [0, "one"]}]}),
         PrometheusResponseError, "not a sample value"),
    ],
    ids=["5xx", "connect", "timeout", "not-json", "string-result", "no-labels", "bad-value"],
)  # fmt: skip
async def test_error_mapping(handler: Handler, error: type[Exception], message: str) -> None:
    async with _client(handler) as prom:
        with pytest.raises(error, match=message):
            await prom.query("up")


@pytest.mark.asyncio
async def test_compat_probes_once_per_ttl() -> None:
    probes: list[list[str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/series"):
            probes.append(_form(request)["match[]"])
            return _success([{"__name__": "vllm:num_requests_waiting", "pod": "a"}])
        assert "vllm:num_requests_waiting" in _form(request)["query"][0]
        return _success({"resultType": "vector", "result": [
            {"metric": {"pod": "a", "namespace": "n"}, "value": [1, "3"]}]})  # fmt: skip

    clock = [0.0]
    async with _client(handler) as prom:
        compat = MetricsCompat(prom, ttl=60, now=lambda: 1000.0, monotonic=lambda: clock[0])
        first = await compat.instant(QUEUE_DEPTH)
        await compat.instant(QUEUE_DEPTH)
        clock[0] = 61.0
        await compat.instant(QUEUE_DEPTH)
    assert [s.value for s in first] == [3.0]
    assert len(probes) == 2
    assert probes[0] == [
        "vllm:num_requests_waiting", "sglang:num_queue_reqs", "trtllm_num_requests_waiting",
        'nv_trt_llm_request_metrics{request_type="waiting"}']  # fmt: skip


@pytest.mark.asyncio
async def test_compat_asks_again_soon_when_nothing_was_scraped_yet() -> None:
    """A pool Prometheus has not scraped yet shows up within `empty_ttl`, not a whole `ttl`."""
    scraped = [False]
    probes: list[float] = []
    clock = [0.0]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/series"):
            probes.append(clock[0])
            found = [{"__name__": "vllm:num_requests_waiting", "pod": "a"}]
            return _success(found if scraped[0] else [])
        return _success({"resultType": "vector", "result": [
            {"metric": {"pod": "a", "namespace": "n"}, "value": [1, "2"]}]})  # fmt: skip

    async with _client(handler) as prom:
        compat = MetricsCompat(prom, ttl=60, empty_ttl=5, now=lambda: 1000.0,
                               monotonic=lambda: clock[0])  # fmt: skip
        assert await compat.instant(QUEUE_DEPTH) == []
        scraped[0] = True
        clock[0] = 3.0
        assert await compat.instant(QUEUE_DEPTH) == []  # the empty answer still holds
        clock[0] = 6.0
        assert [s.value for s in await compat.instant(QUEUE_DEPTH)] == [2.0]
        clock[0] = 30.0
        await compat.instant(QUEUE_DEPTH)  # a found answer holds for the whole ttl
    assert probes == [0.0, 6.0]


@pytest.mark.asyncio
async def test_compat_without_any_engine_answers_nothing() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/series"), "no query when nothing exports the signal"
        return _success([])

    async with _client(handler) as prom:
        compat = MetricsCompat(prom)
        assert await compat.instant(KV_CACHE_USAGE) == []
        assert await compat.range(KV_CACHE_USAGE, 0, 60, 15) == []
        assert await compat.expr(KV_CACHE_USAGE) is None


def test_json_helper_is_sane() -> None:
    assert json.loads(_success([]).content)["status"] == "success"
