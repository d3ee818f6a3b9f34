"""Local control plane: binary size, warm start to ready, CRD install, clean stop.

A warm start reuses the built binary and a fresh data directory (new etcd,
new certificates), i.e. what every test session pays.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from ngf_console.devcluster import build, crds, process


def run(repeats: int = 3) -> dict[str, object]:
    """Measure `repeats` start → ready → CRDs → stop cycles."""
    binary = build.ensure_built()
    files = crds.all_files()
    starts: list[float] = []
    installs: list[float] = []
    stops: list[float] = []
    clean = True
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-localcluster-") as tmp:
            t0 = time.monotonic()
            cluster = process.start(binary.path, Path(tmp))
            t1 = time.monotonic()
            crds.install(cluster.kubeconfig, files)
            t2 = time.monotonic()
            clean = process.stop_pid(cluster.pid) and clean
            t3 = time.monotonic()
        starts.append(t1 - t0)
        installs.append(t2 - t1)
        stops.append(t3 - t2)
    return {
        "binary_size_mb": round(binary.size_bytes / 1e6, 1),
        "crd_files": len(files),
        "repeats": repeats,
        "start_to_ready_s": {
            "median": round(statistics.median(starts), 2),
            "max": round(max(starts), 2),
        },
        "crd_install_s": {
            "median": round(statistics.median(installs), 2),
            "max": round(max(installs), 2),
        },
        "stop_s": {"median": round(statistics.median(stops), 2), "max": round(max(stops), 2)},
        "all_stops_clean": clean,
    }
