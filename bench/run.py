"""Run the benchmarks and write bench/results/<name>.json.

`python -m bench.run` runs all of them; `python -m bench.run epp operator` runs those named.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from bench import analytics, api, epp, inference, localcluster, operator
from bench.machine import machine

BENCHMARKS: dict[str, Callable[[], dict[str, object]]] = {
    "analytics": analytics.run,
    "localcluster": localcluster.run,
    "operator": operator.run,
    "api": api.run,
    "epp": epp.run,
    "inference": inference.run,
}


def main() -> None:
    """Run each benchmark and write its JSON result beside the others."""
    out_dir = Path(__file__).parent / "results"
    out_dir.mkdir(exist_ok=True)
    chosen = sys.argv[1:] or list(BENCHMARKS)
    unknown = sorted(set(chosen) - set(BENCHMARKS))
    if unknown:
        sys.exit(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    for name in chosen:
        bench = BENCHMARKS[name]
        result = {
            "benchmark": name,
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "result": bench(),
        }
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"{path}: {json.dumps(result['result'])}")  # noqa: T201 - the bench's report


if __name__ == "__main__":
    main()
