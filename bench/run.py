"""Run every benchmark and write bench/results/<name>.json."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from bench import analytics, api, localcluster, operator
from bench.machine import machine

BENCHMARKS: dict[str, Callable[[], dict[str, object]]] = {
    "analytics": analytics.run,
    "localcluster": localcluster.run,
    "operator": operator.run,
    "api": api.run,
}


def main() -> None:
    """Run each benchmark and write its JSON result beside the others."""
    out_dir = Path(__file__).parent / "results"
    out_dir.mkdir(exist_ok=True)
    for name, bench in BENCHMARKS.items():
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
