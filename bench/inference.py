"""The live EPP decision feed at load: 1,000 decisions/s fanned out to 50 WebSocket clients.

Against a fresh local control plane and the API server in this process (uvicorn in a thread,
chDB in a temporary directory, its own narrow ServiceAccount). A producer posts OTLP logs
to `POST /v1/logs` as a telemetry writer — `BENCH_INFERENCE_RATE` decisions/s (default 1,000)
in 10 requests/s — for `BENCH_INFERENCE_SECONDS` (default 20); `BENCH_INFERENCE_CLIENTS`
(default 50) WebSocket clients watch the pool at `/api/v1/ws/inference/epp/…`. Clients and
producer run in one child process, so this process's interpreter only serves. Measured per
received batch message:

* **fan-out lag** — receipt minus the message's `sentAt` (the server's flush of a batch to
  every client's queue): p50/p99 (target p99 < 250 ms);
* **end-to-end lag** — receipt minus the time the oldest decision of the batch was posted:
  the ingest (stored before fan-out, batched up to 0.5 s) plus the feed's 1 s batching;
* **ingest latency** — a POST's round trip (answered once stored);
* **producer late** — how long after its due time each POST left (its payload, built before
  the run, carries the due time, so the end-to-end lag counts any lateness too);
* **delivered** — decisions received per client over decisions posted.

CPU time of the server process (from the clients' start to their end, chDB's threads
included) and of the client process (producing and receiving) is reported beside the load
average: on 2 shared cores the lags are only as good as the CPU the server got.
"""

from __future__ import annotations

import asyncio
import base64
import json
import multiprocessing
import os
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.logs.v1.logs_pb2 import ResourceLogs, ScopeLogs
from websockets.asyncio.client import connect

from ngf_console.analytics import AnalyticsSettings
from ngf_console.analytics.otlp import attributes as a
from ngf_console.devcluster import build, crds, process
from ngf_console.devcluster.paths import repo_root
from ngf_console.kube import identities
from ngf_console.server.app import create_app
from ngf_console.server.settings import ServerSettings
from ngf_console.sim.otlp_records import Attr, log_record
from ngf_console.store import StoreSettings

RATE = int(os.environ.get("BENCH_INFERENCE_RATE", "1000"))
SECONDS = int(os.environ.get("BENCH_INFERENCE_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_INFERENCE_CLIENTS", "50"))
POSTS_PER_S = 10
COMPRESSION: Any = None if os.environ.get("BENCH_INFERENCE_DEFLATE", "1") == "0" else "deflate"
NS, POOL = "bench", "bench-pool"
ROLES = ["api_role.yaml", "viewer_role.yaml"]
WRITER_ROLE = "bench-otlp-writer"
_SENT_AT = re.compile(r'"sentAt":([0-9.eE+-]+)')
_POSTED = re.compile(r'"requestId":"d-([0-9.]+)-')


class _Server:
    """uvicorn serving the app on a free loopback port in a thread."""

    def __init__(self, settings: ServerSettings) -> None:
        # as `ngf-console api` serves (cli/api.py): clients offer deflate, the server declines
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0,
                                log_level="warning", ws="websockets-sansio",
                                ws_per_message_deflate=False)  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{self.server.servers[0].sockets[0].getsockname()[1]}"
        while httpx.get(f"{url}/readyz").status_code != 200:
            time.sleep(0.1)
        return url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)


def _payload(posted_at: float, n: int) -> bytes:
    records = []
    for j in range(n):
        total = 0.25 + (j % 4) * 0.1
        attrs: dict[str, Attr] = {
            a.K8S_NAMESPACE: NS, a.POOL: POOL, a.MODEL: "llama", a.K8S_POD: f"pod-{j % 8}",
            a.REQUEST_ID: f"d-{posted_at:.3f}-{j}", a.EPP_REASON: "least_queue",
            a.EPP_LATENCY_US: 40.0, a.EPP_CANDIDATE_COUNT: 8, a.EPP_TIED_COUNT: 1,
            a.EPP_QUEUE_DEPTH: j % 5, a.EPP_KV_CACHE_PCT: 40.0, a.EPP_PREFIX_HIT: False,
            a.EPP_SCORE_QUEUE: 0.25, a.EPP_SCORE_KV_CACHE: total - 0.25, a.EPP_SCORE_PREFIX: 0.0,
            a.EPP_SCORE_TOTAL: total, a.EPP_CANDIDATE_PODS: [f"pod-{k}" for k in range(8)],
            a.EPP_CANDIDATE_SCORES: [total - k * 0.01 for k in range(8)],
        }  # fmt: skip
        records.append(log_record(a.EVENT_EPP_DECISION, int(posted_at * 1e9), attrs, b""))
    scope = ScopeLogs(log_records=records)
    request = ExportLogsServiceRequest(resource_logs=[ResourceLogs(scope_logs=[scope])])
    return bytes(request.SerializeToString())


async def _load(url: str, viewer: str, writer: str) -> dict[str, Any]:
    """Connect the clients, then post decisions while they receive; their measurements."""
    ws_url = url.replace("http://", "ws://") + f"/api/v1/ws/inference/epp/{NS}/{POOL}"
    raw = base64.urlsafe_b64encode(viewer.encode()).decode().rstrip("=")
    protocols: Any = [f"base64url.bearer.authorization.k8s.io.{raw}"]
    lags: list[float] = []
    e2e: list[float] = []
    counts = [0] * CLIENTS
    opening = asyncio.Semaphore(5)  # handshakes review the token; do not stampede them
    done = asyncio.Event()
    connected = [0] * CLIENTS

    async def client(i: int) -> None:
        async with opening:
            ws = await connect(
                ws_url,
                subprotocols=protocols,
                max_size=2**26,
                open_timeout=120,
                compression=COMPRESSION,
            )
            await ws.recv()  # subscribed
        connected[i] = 1
        async with ws:
            while True:  # until production is over and the feed was idle for 10 s
                try:
                    text = await asyncio.wait_for(ws.recv(), 10)
                except TimeoutError:
                    if done.is_set():
                        break
                    continue
                now = time.time()
                assert isinstance(text, str)
                sent = _SENT_AT.search(text, 0, 400)
                first = _POSTED.search(text, 0, 2000)
                if sent:
                    lags.append(now - float(sent.group(1)))
                if first:
                    e2e.append(now - float(first.group(1)))
                counts[i] += text.count('"requestId"')

    clients = [asyncio.create_task(client(i)) for i in range(CLIENTS)]
    while sum(connected) < CLIENTS:
        if any(t.done() for t in clients):  # one failed: its exception ends the run
            await asyncio.gather(*clients)
        await asyncio.sleep(0.1)
    await asyncio.sleep(1)
    load = round(os.getloadavg()[0], 2)
    cpu = time.process_time()
    ingest: list[float] = []
    late: list[float] = []
    posted, failed = await _produce(url, writer, ingest, late)
    done.set()
    await asyncio.gather(*clients)
    return {"lags": lags, "e2e": e2e, "counts": counts, "posted": posted, "failed": failed,
            "load_start": load, "ingest": ingest, "late": late,
            "client_cpu_s": round(time.process_time() - cpu, 2)}  # fmt: skip


def _load_process(url: str, viewer: str, writer: str, out: Any) -> None:
    try:
        out.put(asyncio.run(_load(url, viewer, writer)))
    except Exception as e:  # reported to the parent
        out.put({"error": repr(e)})


def _pct(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"n": len(ordered), "p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": at(1.0),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 1)}  # fmt: skip


async def _produce(
    url: str, token: str, latencies: list[float], late: list[float]
) -> tuple[int, int]:
    per_post = RATE // POSTS_PER_S
    headers = {"Authorization": f"Bearer {token}", "content-type": "application/x-protobuf"}
    posted = failed = 0
    async with httpx.AsyncClient(timeout=30) as http:

        async def post(body: bytes) -> None:
            nonlocal posted, failed
            began = time.time()
            response = await http.post(f"{url}/v1/logs", content=body, headers=headers)
            latencies.append(time.time() - began)
            if response.status_code == 200:
                posted += per_post
            else:
                failed += per_post

        # built before the run, stamped with their due times: building one takes tens of ms
        # of this loop, which would delay the clients' receipts (and so inflate their lags)
        began = time.perf_counter()
        _payload(time.time(), per_post)
        build_s = time.perf_counter() - began
        start = time.time() + 1 + 2 * build_s * SECONDS * POSTS_PER_S  # after building them
        dues = [start + k / POSTS_PER_S for k in range(SECONDS * POSTS_PER_S)]
        bodies = [_payload(due, per_post) for due in dues]
        tasks = []
        for due, body in zip(dues, bodies, strict=True):
            await asyncio.sleep(max(0.0, due - time.time()))
            late.append(time.time() - due)
            tasks.append(asyncio.create_task(post(body)))
        await asyncio.gather(*tasks)
    return posted, failed


def _measure(url: str, viewer: str, writer: str) -> dict[str, object]:
    # open the store before timing (the first export opens and migrates it)
    warm = httpx.post(f"{url}/v1/logs", content=_payload(time.time(), 1), timeout=300,
                      headers={"Authorization": f"Bearer {writer}",
                               "content-type": "application/x-protobuf"})  # fmt: skip
    warm.raise_for_status()
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    child = ctx.Process(target=_load_process, args=(url, viewer, writer, out))
    cpu = time.process_time()
    child.start()
    result = out.get(timeout=SECONDS + 900)
    child.join(30)
    if "error" in result:
        raise RuntimeError(f"the load process failed: {result['error']}")
    posted, failed, load = result["posted"], result["failed"], result["load_start"]
    counts = result["counts"]
    return {
        "load_average": [load, round(os.getloadavg()[0], 2)],
        "rate_per_s": RATE, "seconds": SECONDS, "clients": CLIENTS,
        "posted": posted, "failed_posts": failed,
        "server_process_cpu_s": round(time.process_time() - cpu, 2),
        "client_process_cpu_s": result["client_cpu_s"],
        "ingest_latency": _pct(result["ingest"]),
        "producer_late": _pct(result["late"]),
        "fan_out_lag": _pct(result["lags"]),
        "end_to_end_lag": _pct(result["e2e"]),
        "delivered_min": min(counts), "delivered_max": max(counts),
        "target": "fan_out_lag p99 < 250 ms",
    }  # fmt: skip


def _writer_role(path: Path) -> Path:
    path.write_text(json.dumps({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": WRITER_ROLE},
        "rules": [{"apiGroups": ["ngf-console.f5.com"], "resources": ["otlplogs"],
                   "verbs": ["create"]}],
    }))  # fmt: skip
    return path


def run() -> dict[str, object]:
    """Start a cluster and the server, measure, stop everything."""
    binary = build.ensure_built()
    rbac = repo_root() / "config" / "rbac"
    with tempfile.TemporaryDirectory(prefix="bench-inference-") as tmp:
        base = Path(tmp)
        cluster = process.start(binary.path, base)
        try:
            kubeconfig = cluster.kubeconfig
            crds.install(kubeconfig, crds.all_files())
            crds.ensure_namespace(kubeconfig, NS)
            roles = [rbac / name for name in ROLES] + [_writer_role(base / "writer.json")]
            identities.apply_cluster_roles(kubeconfig, roles)
            api_token = identities.service_account_token(kubeconfig, NS, "api", "ngf-console-api")
            viewer = identities.service_account_token(kubeconfig, NS, "viewer",
                                                      "ngf-console-viewer")  # fmt: skip
            writer = identities.service_account_token(kubeconfig, NS, "writer", WRITER_ROLE)
            settings = ServerSettings(
                kubeconfig=identities.write_token_kubeconfig(kubeconfig, api_token,
                                                             base / "api-kubeconfig.yaml"),
                static_dir=None, store=StoreSettings(sqlite_path=base / "console.db"),
                analytics=AnalyticsSettings(chdb_path=base / "chdb"), auth_cache_seconds=60,
            )  # fmt: skip
            server = _Server(settings)
            url = server.start()
            try:
                return _measure(url, viewer, writer)
            finally:
                server.stop()
        finally:
            process.stop_pid(cluster.pid)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))  # noqa: T201 - the bench's report
