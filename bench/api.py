"""The API server at scale, against a fresh local control plane.

The server runs as it is deployed: its own process (`ngf-console api`), as its own
ServiceAccount bound to `config/rbac/api_role.yaml`, with the default auth cache (5 s);
requests carry an admin persona token. (`BENCH_API_SERVER=thread` runs it in a thread of
the benchmark's process instead, as the tests do: the server then shares one GIL with the
measuring client, which adds the interpreter's 5 ms switch interval to each hand-over and
so measures the harness more than the server.) Measured:

* create: `POST /api/v1/inferencestacks` one at a time (returns once the watch cache has
  it) — p50/p95/p99 (target p99 < 250 ms);
* list: `GET /api/v1/inferencestacks?namespace=bench` over 1,000 stacks from the watch cache,
  `BENCH_API_LISTS` times (500: p99 is then the 5th-slowest, not the slowest) — p50/p95/p99
  (target p99 < 50 ms). Each list is followed by a GET of the same bytes from a bare ASGI
  app in uvicorn (`transport_floor`): what this machine, at this moment, takes to move them
  through the same HTTP server and client with no application in between;
* WebSocket fan-out: 100 crd-status subscribers of one stack; the operator's status write is
  played by a status PUT; latency from the start of the write to each subscriber's message
  — p50/p99 (target p99 < 500 ms) — and, as `after_write_acknowledged`, from the moment the
  Kubernetes API server answered the write (0 when the message came first): the part that
  is ours, without the API server's own write latency.

The 1-minute load average before and after each phase is reported beside it: the machine is
shared, and wall-clock percentiles depend on it.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, cast

import httpx
import uvicorn
from lightkube import AsyncClient
from lightkube.config.kubeconfig import KubeConfig
from websockets.asyncio.client import ClientConnection, connect

from ngf_console.devcluster import build, crds, process
from ngf_console.devcluster.paths import repo_root
from ngf_console.kube import identities
from ngf_console.kube.resources import InferenceStack, to_dict, to_object
from ngf_console.server.app import create_app
from ngf_console.server.settings import ServerSettings
from ngf_console.store import StoreSettings

STACKS = int(os.environ.get("BENCH_API_STACKS", "1000"))
CREATES = int(os.environ.get("BENCH_API_CREATES", "200"))
LISTS = int(os.environ.get("BENCH_API_LISTS", "500"))
SERVER_MODE = os.environ.get("BENCH_API_SERVER", "process")
SUBSCRIBERS = int(os.environ.get("BENCH_API_SUBSCRIBERS", "100"))
STATUS_WRITES = int(os.environ.get("BENCH_API_STATUS_WRITES", "20"))
NS = "bench"
ROLES = ["api_role.yaml", "admin_role.yaml", "operator_user_role.yaml", "viewer_role.yaml"]


def _body(name: str) -> dict[str, Any]:
    return {
        "metadata": {"name": name, "namespace": NS},
        "spec": {
            "model": {"backend": "vllm", "name": "m", "image": "vllm/vllm-openai:v0.11.0",
                      "gpuType": "H100", "gpusPerPod": 1},
            "pool": {"replicas": 1, "minReplicas": 1, "maxReplicas": 2},
            "epp": {"strategy": "least_queue"},
            "gateway": {"gatewayRef": {"name": "gw"}, "route": {"pathPrefix": f"/{name}"}},
        },
    }  # fmt: skip


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {
        "n": len(ordered),
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1),
    }


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _wait_ready(url: str, alive: Any, *, path: str = "/readyz") -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{url}{path}").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if not alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not become ready")
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _ServerProcess:
    """`ngf-console api` in a process of its own, as it is deployed."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        port = _free_port()
        assert self.settings.kubeconfig is not None
        env = {k: v for k, v in os.environ.items() if k != "NGF_CONSOLE_DATABASE_URL"}
        env["NGF_CONSOLE_SQLITE_PATH"] = str(self.settings.store.sqlite_path)
        command = [str(Path(sys.executable).parent / "ngf-console"), "api",
                   "--kubeconfig", str(self.settings.kubeconfig), "--port", str(port),
                   "--static-dir", str(self.settings.kubeconfig.parent / "no-ui"),
                   "--log-level", "warning"]  # fmt: skip
        self.process = subprocess.Popen(command, env=env)
        process = self.process
        url = f"http://127.0.0.1:{port}"
        _wait_ready(url, lambda: process.poll() is None)
        return url

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_FLOOR_APP = """
import sys, uvicorn
body = open(sys.argv[1], "rb").read()
headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
async def app(scope, receive, send):
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", lifespan="off")
"""


class _FloorServer:
    """A bare ASGI app in uvicorn, in its own process, answering every GET with `body`.

    Timed in turn with the API's list, it is the floor on this machine at this moment: the
    same bytes through the same HTTP server and client, with no application in between.
    """

    def __init__(self, body: bytes) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="bench-floor-")
        self._body = Path(self._dir.name) / "body.json"
        self._body.write_bytes(body)
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        port = _free_port()
        command = [sys.executable, "-c", _FLOOR_APP, str(self._body), str(port)]
        self._process = process = subprocess.Popen(command)
        url = f"http://127.0.0.1:{port}"
        _wait_ready(f"{url}", lambda: process.poll() is None, path="/")
        return url

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(30)
        self._dir.cleanup()


class _Server:
    """uvicorn in a thread of this process (`BENCH_API_SERVER=thread`)."""

    def __init__(self, settings: ServerSettings) -> None:
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=0, log_level="warning",
            ws="websockets-sansio",
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        _wait_ready(url, self.thread.is_alive)
        return url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)


async def _fill(kubeconfig: Path, start: int) -> None:
    """Create stacks `start`..STACKS directly (the list benchmark needs them, not their timing)."""
    client = AsyncClient(config=KubeConfig.from_file(kubeconfig), field_manager="bench")
    try:
        gate = asyncio.Semaphore(16)

        async def one(i: int) -> None:
            manifest = {"apiVersion": "ngf-console.f5.com/v1alpha1", "kind": "InferenceStack",
                        **_body(f"s{i:04d}")}  # fmt: skip
            async with gate:
                await client.create(cast(Any, to_object(manifest)))

        await asyncio.gather(*(one(i) for i in range(start, STACKS)))
    finally:
        await client.close()


async def _fan_out(url: str, token: str, kubeconfig: Path) -> tuple[list[float], list[float]]:
    raw = base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")
    protocol: Any = f"base64url.bearer.authorization.k8s.io.{raw}"
    ws_url = url.replace("http", "ws") + f"/api/v1/ws/crd-status/{NS}/s0000?kind=InferenceStack"
    sockets: list[ClientConnection] = []
    for _ in range(SUBSCRIBERS):
        ws = await connect(ws_url, subprotocols=[protocol], proxy=None)
        await ws.recv()  # the current state
        sockets.append(ws)
    client = AsyncClient(config=KubeConfig.from_file(kubeconfig), field_manager="bench")
    kind = cast(Any, InferenceStack)
    from_start: list[float] = []
    from_ack: list[float] = []
    try:
        for n in range(STATUS_WRITES):
            manifest = to_dict(await client.get(kind, "s0000", namespace=NS))
            manifest["status"] = {"phase": "Ready", "currentReplicas": n + 1}

            async def receive(ws: ClientConnection, expected: int = n + 1) -> float:
                while True:
                    message = json.loads(await ws.recv())
                    if (message.get("status") or {}).get("currentReplicas") == expected:
                        return time.perf_counter()

            arrivals = [asyncio.create_task(receive(ws)) for ws in sockets]
            written = time.perf_counter()
            await client.replace(kind.Status.from_dict(manifest), "s0000", namespace=NS)
            acknowledged = time.perf_counter()
            for arrived in await asyncio.gather(*arrivals):
                from_start.append(arrived - written)
                from_ack.append(max(0.0, arrived - acknowledged))
            await asyncio.sleep(0.2)
    finally:
        await client.close()
        for ws in sockets:
            await ws.close()
    return from_start, from_ack


def _measure(url: str, token: str, kubeconfig: Path) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {token}"}
    creates: list[float] = []
    load: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
        load["create"] = [_load()]
        for i in range(min(CREATES, STACKS)):
            t0 = time.perf_counter()
            http.post("/api/v1/inferencestacks", json=_body(f"s{i:04d}")).raise_for_status()
            creates.append(time.perf_counter() - t0)
        asyncio.run(_fill(kubeconfig, min(CREATES, STACKS)))
        params = {"namespace": NS}
        while len(http.get("/api/v1/inferencestacks", params=params).json()["items"]) < STACKS:
            time.sleep(0.2)
        load["create"].append(_load())
        lists: list[float] = []
        floor: list[float] = []
        response = http.get("/api/v1/inferencestacks", params=params)
        with _FloorServer(response.content) as floor_url, httpx.Client(timeout=60) as bare:
            load["list"] = [_load()]
            for _ in range(LISTS):
                t0 = time.perf_counter()
                response = http.get("/api/v1/inferencestacks", params=params)
                response.raise_for_status()
                lists.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                bare.get(floor_url).raise_for_status()
                floor.append(time.perf_counter() - t0)
            load["list"].append(_load())
    load["ws"] = [_load()]
    fan_out, after_ack = asyncio.run(_fan_out(url, token, kubeconfig))
    load["ws"].append(_load())
    return {
        "stacks": STACKS,
        "server": SERVER_MODE,
        "create": {**_percentiles(creates), "load_average_1m": load["create"]},
        "list_1000": {
            **_percentiles(lists),
            "bytes": len(response.content),
            "load_average_1m": load["list"],
            "transport_floor": _percentiles(floor),
        },
        "ws_status_fan_out": {
            "subscribers": SUBSCRIBERS,
            **_percentiles(fan_out),
            "after_write_acknowledged": _percentiles(after_ack),
            "load_average_1m": load["ws"],
        },
    }


def run() -> dict[str, object]:
    """Start a cluster and the server, measure, stop everything."""
    binary = build.ensure_built()
    rbac = repo_root() / "config" / "rbac"
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        cluster = process.start(binary.path, Path(tmp))
        try:
            kubeconfig = cluster.kubeconfig
            crds.install(kubeconfig, crds.all_files())
            crds.ensure_namespace(kubeconfig, NS)
            identities.apply_cluster_roles(kubeconfig, [rbac / name for name in ROLES])
            api_token = identities.service_account_token(kubeconfig, NS, "api", "ngf-console-api")
            admin = identities.service_account_token(kubeconfig, NS, "admin", "ngf-console-admin")
            api_kubeconfig = identities.write_token_kubeconfig(
                kubeconfig, api_token, Path(tmp) / "api-kubeconfig.yaml"
            )
            settings = ServerSettings(
                kubeconfig=api_kubeconfig,
                static_dir=None,
                store=StoreSettings(sqlite_path=Path(tmp) / "console.db"),
            )
            server = _Server(settings) if SERVER_MODE == "thread" else _ServerProcess(settings)
            url = server.start()
            try:
                return _measure(url, admin, kubeconfig)
            finally:
                server.stop()
        finally:
            process.stop_pid(cluster.pid)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))  # noqa: T201 - the bench's report
