"""Prometheus text exposition (format 0.0.4) as Go and C++ exporters write it.

`prometheus_client.generate_latest` is what vLLM itself serves, so the vLLM simulator uses it.
dcgm-exporter (Go) and Triton (C++) name counter families without a `_total` suffix
(`# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter` then the bare sample); the Python
client would rewrite the HELP/TYPE lines to `..._total`. `render()` writes every family of a
`CollectorRegistry` exactly as its collector produced it.
"""

from __future__ import annotations

import math

from prometheus_client import CollectorRegistry

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _escape_help(text: str) -> str:
    return text.replace("\\", r"\\").replace("\n", r"\n")


def _escape_label(value: str) -> str:
    return value.replace("\\", r"\\").replace("\n", r"\n").replace('"', r"\"")


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(float(value))


def render(registry: CollectorRegistry) -> bytes:
    """The registry's families in text format, names and types untouched."""
    lines: list[str] = []
    for family in registry.collect():
        lines.append(f"# HELP {family.name} {_escape_help(family.documentation)}")
        lines.append(f"# TYPE {family.name} {family.type}")
        for sample in family.samples:
            labels = ",".join(f'{k}="{_escape_label(v)}"' for k, v in sample.labels.items())
            name = f"{sample.name}{{{labels}}}" if labels else sample.name
            lines.append(f"{name} {_number(sample.value)}")
    return ("\n".join(lines) + "\n").encode()
