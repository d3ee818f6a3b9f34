"""Describe the machine a benchmark ran on, for the JSON results."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time

REFERENCE_LOOP = 3_000_000


def reference_loop_s() -> float:
    """This thread's CPU seconds for a fixed pure-Python loop (median of 3): how fast this
    machine's cores are right now. On the shared 2-core VM this loop has taken from 0.17 to
    0.31 s from one minute to the next, idle or not, so figures of runs far apart should be
    read against it. (Thread time: the engine's background threads must not count.)"""
    times = []
    for _ in range(3):
        started = time.thread_time()
        total = 0
        for i in range(REFERENCE_LOOP):
            total += i * i
        times.append(time.thread_time() - started)
    return round(statistics.median(times), 3)


def machine() -> dict[str, object]:
    """CPU count, memory, OS, Python and Go versions, and how busy the machine was."""
    mem_kib = 0
    with open("/proc/meminfo", encoding="ascii") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    go = subprocess.run(["go", "version"], capture_output=True, text=True, check=False)
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "go": go.stdout.strip(),
        "load_average_1m_at_start": round(os.getloadavg()[0], 2),
        "reference_loop_s_at_start": reference_loop_s(),
    }
