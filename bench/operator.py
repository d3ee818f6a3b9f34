"""The InferenceStack operator at scale, as a separate `ngf-console operator` process.

Measured on a fresh local control plane:
* create → Ready latency of one stack (repeated; p50/p95);
* self-heal: a deleted HTTPRoute is back (p50/p95);
* N stacks created at once → all Ready (seconds) and the operator's peak RSS;
* a soak: the operator idles over the N stacks through many resyncs; its RSS growth and
  the API server's write requests meanwhile (0 = resyncs write nothing).

No kubelet runs, so a "fake kubelet" task marks each Deployment available as soon as it
appears (the inference simulator plays that part in `make run`); it stops before the soak.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

import httpx
from lightkube import AsyncClient
from lightkube.config.kubeconfig import KubeConfig
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.apps_v1 import Deployment
from lightkube.resources.core_v1 import Namespace
from lightkube.types import PatchType

from ngf_console.devcluster import build, crds, process
from ngf_console.kube.resources import HTTPRoute, InferenceStack, to_dict, to_object

STACKS = int(os.environ.get("BENCH_OPERATOR_STACKS", "500"))
SOAK_SECONDS = float(os.environ.get("BENCH_OPERATOR_SOAK_SECONDS", "180"))
NS = "bench"


def _stack(name: str) -> Any:
    return to_object(
        {
            "apiVersion": "ngf-console.f5.com/v1alpha1",
            "kind": "InferenceStack",
            "metadata": {"name": name, "namespace": NS},
            "spec": {
                "model": {"backend": "vllm", "name": "m", "image": "vllm/vllm-openai:v0.11.0",
                          "gpuType": "H100", "gpusPerPod": 1},
                "pool": {"replicas": 1, "minReplicas": 1, "maxReplicas": 2},
                "epp": {"strategy": "least_queue"},
                "autoscaling": {"queueDepthThreshold": {"value": 5, "duration": "30s"}},
                "gateway": {"gatewayRef": {"name": "gw"}, "route": {"pathPrefix": f"/{name}"}},
            },
        }
    )  # fmt: skip


async def _fake_kubelet(client: AsyncClient) -> None:
    """Mark every Deployment in the namespace available as soon as it appears (a watch,
    restarted whenever the API server ends it)."""
    while True:
        async for _, d in client.watch(Deployment, namespace=NS):
            await _mark_available(client, d)


async def _mark_available(client: AsyncClient, d: Deployment) -> None:
    meta, spec, status = d.metadata, d.spec, d.status
    if meta is None or spec is None or meta.name is None:
        return
    n = spec.replicas if spec.replicas is not None else 1
    current = status is not None and status.observedGeneration == meta.generation
    if current and status is not None and status.availableReplicas == n:
        return
    body = {"observedGeneration": meta.generation, "replicas": n,
            "readyReplicas": n, "availableReplicas": n}  # fmt: skip
    await client.patch(Deployment.Status, meta.name, {"status": body}, namespace=NS,
                       patch_type=PatchType.MERGE)  # fmt: skip


async def _wait_ready(client: AsyncClient, names: set[str], limit: float) -> float:
    """Seconds until every stack in `names` reports phase Ready, followed by a watch (a
    polling list of 500 stacks would load the machine it measures)."""
    start = time.monotonic()
    ready: set[str] = set()
    last_report = start
    try:
        async with asyncio.timeout(limit):
            while True:  # the API server may end a watch; start another
                async for _, stack in client.watch(InferenceStack, namespace=NS):
                    doc = to_dict(stack)
                    name = doc["metadata"]["name"]
                    if (doc.get("status") or {}).get("phase") == "Ready":
                        ready.add(name)
                    else:
                        ready.discard(name)
                    if names <= ready:
                        return time.monotonic() - start
                    if len(names) > 1 and time.monotonic() - last_report > 2:
                        last_report = time.monotonic()
                        print(f"{len(ready & names)}/{len(names)} Ready", file=sys.stderr)  # noqa: T201
    except TimeoutError:
        raise TimeoutError(f"{len(names - ready)} stacks not Ready after {limit:.0f}s") from None


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _api_writes(client: AsyncClient) -> float:
    """Mutating requests the API server has served so far, besides its own Lease renewals."""
    resp = await client._client._client.get("/metrics")
    total = 0.0
    for line in resp.text.splitlines():
        if (
            line.startswith("apiserver_request_total{")
            and any(f'verb="{v}"' in line for v in ("POST", "PUT", "PATCH", "DELETE", "APPLY"))
            and 'resource="leases"' not in line
        ):  # the API server renews its own identity Lease
            total += float(line.rsplit(" ", 1)[1])
    return total


def _pct(values: list[float], q: float) -> float:
    return (
        round(statistics.quantiles(values, n=100)[int(q) - 1], 3) if len(values) > 1 else values[0]
    )


async def _operator_ready(port: int) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(600):
            try:
                if (await http.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise TimeoutError("the operator did not become ready")


async def _measure(kubeconfig: Path, operator_pid: int, health_port: int) -> dict[str, object]:
    await _operator_ready(health_port)
    client = AsyncClient(config=KubeConfig.from_file(kubeconfig), field_manager="bench")
    await client.create(Namespace(metadata=ObjectMeta(name=NS)))
    gateway = {
        "apiVersion": "gateway.networking.k8s.io/v1",
        "kind": "Gateway",
        "metadata": {"name": "gw", "namespace": NS},
        "spec": {
            "gatewayClassName": "nginx",
            "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}],
        },
    }
    await client.create(cast(Any, to_object(gateway)))
    kubelet = asyncio.create_task(_fake_kubelet(client))
    single = []
    for i in range(20):
        t0 = time.monotonic()
        await client.create(_stack(f"one-{i}"))
        await _wait_ready(client, {f"one-{i}"}, 60)
        single.append(time.monotonic() - t0)
        if os.environ.get("BENCH_VERBOSE"):
            print(f"one-{i}: {single[-1]:.3f}s", file=sys.stderr)  # noqa: T201
    heal = []
    for i in range(10):
        route = f"one-{i}-route"
        old = await client.get(HTTPRoute, route, namespace=NS)
        t0 = time.monotonic()
        await client.delete(HTTPRoute, route, namespace=NS)
        while True:
            try:
                new = await client.get(HTTPRoute, route, namespace=NS)
                if new.metadata.uid != old.metadata.uid:  # type: ignore[union-attr]
                    break
            except Exception:  # noqa: S110 - not there yet
                pass
            await asyncio.sleep(0.01)
        heal.append(time.monotonic() - t0)
    names = {f"s{i:04d}" for i in range(STACKS)}
    t0 = time.monotonic()
    gate = asyncio.Semaphore(16)  # the client's connection pool, not the operator, is the limit

    async def create(name: str) -> None:
        async with gate:
            await client.create(_stack(name))

    await asyncio.gather(*(create(n) for n in sorted(names)))
    await _wait_ready(client, names, 600)
    all_ready = time.monotonic() - t0
    peak = _rss_mb(operator_pid)
    kubelet.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await kubelet
    await asyncio.sleep(10)  # let status writes from the last readiness settle
    rss_start, writes_start = _rss_mb(operator_pid), await _api_writes(client)
    await asyncio.sleep(SOAK_SECONDS)
    rss_end, writes_end = _rss_mb(operator_pid), await _api_writes(client)
    await client.close()
    return {
        "create_to_ready_s": {"p50": _pct(single, 50), "p95": _pct(single, 95), "n": len(single)},
        "self_heal_deleted_route_s": {"p50": _pct(heal, 50), "p95": _pct(heal, 95), "n": len(heal)},
        "stacks": STACKS,
        "all_ready_s": round(all_ready, 1),
        "operator_rss_mb_after_all_ready": round(peak, 1),
        "soak": {
            "seconds": SOAK_SECONDS,
            "resync_period_s": 10,
            "rss_mb_start": round(rss_start, 1),
            "rss_mb_end": round(rss_end, 1),
            "rss_growth_pct": round(100 * (rss_end - rss_start) / rss_start, 1),
            "api_writes_during_soak": writes_end - writes_start,
        },
    }


def run() -> dict[str, object]:
    """Start a cluster and an operator process, measure, stop both."""
    binary = build.ensure_built().path
    with tempfile.TemporaryDirectory(prefix="bench-operator-") as tmp:
        cluster = process.start(binary, Path(tmp))
        try:
            crds.install(cluster.kubeconfig, crds.all_files())
            exe = str(Path(sys.executable).parent / "ngf-console")
            port = process.free_port()
            with (Path(tmp) / "operator.log").open("wb") as log:
                op = subprocess.Popen(
                    [exe, "operator", f"--kubeconfig={cluster.kubeconfig}", "--no-leader-elect",
                     "--health-host=127.0.0.1", f"--health-port={port}",
                     "--resync-period=10", f"--system-namespace={NS}", "--log-level=warning"],
                    stdout=log, stderr=log,
                )  # fmt: skip
            try:
                return asyncio.run(_measure(cluster.kubeconfig, op.pid, port))
            finally:
                op.terminate()
                try:
                    op.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    op.kill()
                    op.wait()
        finally:
            process.stop_pid(cluster.pid)
