"""Describe the machine a benchmark ran on, for the JSON results."""

from __future__ import annotations

import os
import platform
import subprocess


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
    }
