"""A dcgm-exporter simulator: `DCGM_FI_*` series of simulated GPUs on `/metrics`.

Port 9400 semantics: one exporter per node serves every GPU of the node on `GET /metrics`.
Field names and help texts follow dcgm-exporter's `default-counters.csv`; the label set is
its `gpu`, `UUID`, `pci_bus_id`, `device`, `modelName`, `Hostname` (released images; pass
`hostname_label="hostname"` for the renamed label of its main branch), `DCGM_FI_DRIVER_VERSION`
and, for a GPU attributed to a container (`DCGM_EXPORTER_KUBERNETES=true`), `pod`,
`namespace` and `container`. `DCGM_FI_DEV_POWER_VIOLATION` is not in the default CSV but is
served too, as a cluster that wants throttling visible would enable it. PCIe throughput is
synthetic (proportional to utilisation); NVLink, XID, ECC row-remap and replay counters are 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from prometheus_client import CollectorRegistry
from prometheus_client.metrics_core import Metric
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ngf_console.sim.exposition import CONTENT_TYPE, render
from ngf_console.sim.gpu import GpuReading, SimulatedGpu

_PCIE_BYTES_PER_S_AT_FULL_UTIL = 2.5e8

# name -> (type, help, value)
_FIELDS: dict[str, tuple[str, str, Callable[[GpuReading], float]]] = {
    "DCGM_FI_DEV_SM_CLOCK": ("gauge", "SM clock frequency (in MHz).", lambda r: r.sm_clock_mhz),
    "DCGM_FI_DEV_MEM_CLOCK": (
        "gauge", "Memory clock frequency (in MHz).", lambda r: r.mem_clock_mhz),
    "DCGM_FI_DEV_MEMORY_TEMP": ("gauge", "Memory temperature (in C).", lambda r: r.mem_temp_c),
    "DCGM_FI_DEV_GPU_TEMP": ("gauge", "GPU temperature (in C).", lambda r: r.temp_c),
    "DCGM_FI_DEV_POWER_USAGE": ("gauge", "Power draw (in W).", lambda r: r.power_w),
    "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION": (
        "counter", "Total energy consumption since boot (in mJ).", lambda r: r.energy_mj),
    "DCGM_FI_DEV_PCIE_REPLAY_COUNTER": ("counter", "Total number of PCIe retries.", lambda r: 0),
    "DCGM_FI_DEV_GPU_UTIL": ("gauge", "GPU utilization (in %).", lambda r: r.util),
    "DCGM_FI_DEV_MEM_COPY_UTIL": ("gauge", "Memory utilization (in %).", lambda r: r.mem_copy_util),
    "DCGM_FI_DEV_ENC_UTIL": ("gauge", "Encoder utilization (in %).", lambda r: 0),
    "DCGM_FI_DEV_DEC_UTIL": ("gauge", "Decoder utilization (in %).", lambda r: 0),
    "DCGM_FI_DEV_XID_ERRORS": (
        "gauge", "Value of the last XID error encountered.", lambda r: 0),
    "DCGM_FI_DEV_FB_FREE": ("gauge", "Framebuffer memory free (in MiB).", lambda r: r.fb_free_mib),
    "DCGM_FI_DEV_FB_USED": ("gauge", "Framebuffer memory used (in MiB).", lambda r: r.fb_used_mib),
    "DCGM_FI_DEV_FB_RESERVED": (
        "gauge", "Framebuffer memory reserved (in MiB).", lambda r: r.fb_reserved_mib),
    "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL": (
        "counter", "Total number of NVLink bandwidth counters for all lanes.", lambda r: 0),
    "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS": (
        "counter", "Number of remapped rows for uncorrectable errors", lambda r: 0),
    "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS": (
        "counter", "Number of remapped rows for correctable errors", lambda r: 0),
    "DCGM_FI_DEV_ROW_REMAP_FAILURE": (
        "gauge", "Whether remapping of rows has failed", lambda r: 0),
    "DCGM_FI_DEV_POWER_VIOLATION": (
        "counter", "Throttling duration due to power constraints (in us).",
        lambda r: r.power_violation_us),
    "DCGM_FI_PROF_GR_ENGINE_ACTIVE": (
        "gauge", "Ratio of time the graphics engine is active.", lambda r: r.util / 100),
    "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE": (
        "gauge", "Ratio of cycles the tensor (HMMA) pipe is active.", lambda r: r.tensor_active),
    "DCGM_FI_PROF_DRAM_ACTIVE": (
        "gauge", "Ratio of cycles the device memory interface is active sending or receiving "
        "data.", lambda r: r.mem_copy_util / 100),
    "DCGM_FI_PROF_PCIE_TX_BYTES": (
        "gauge", "The rate of data transmitted over the PCIe bus - including both protocol "
        "headers and data payloads - in bytes per second.",
        lambda r: r.util / 100 * _PCIE_BYTES_PER_S_AT_FULL_UTIL),
    "DCGM_FI_PROF_PCIE_RX_BYTES": (
        "gauge", "The rate of data received over the PCIe bus - including both protocol headers "
        "and data payloads - in bytes per second.",
        lambda r: r.util / 100 * _PCIE_BYTES_PER_S_AT_FULL_UTIL * 1.5),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attribution:
    """The container a GPU is allocated to (dcgm-exporter's Kubernetes mapping)."""

    pod: str
    namespace: str
    container: str


class DcgmExporter:
    """One node's exporter; GPUs are added and removed as the fleet scales."""

    def __init__(self, *, driver_version: str, hostname_label: str = "Hostname") -> None:
        self.registry = CollectorRegistry()
        self._driver = driver_version
        self._hostname_label = hostname_label
        self._gpus: dict[str, tuple[SimulatedGpu, Attribution | None]] = {}
        self.registry.register(_DcgmCollector(self))

    def add(self, gpu: SimulatedGpu, attribution: Attribution | None = None) -> None:
        """Serve `gpu`'s series (attributed to a container when given)."""
        self._gpus[gpu.identity.uuid] = (gpu, attribution)

    def remove(self, uuid: str) -> None:
        """Stop serving the GPU with `uuid`."""
        self._gpus.pop(uuid, None)

    def labels(self, gpu: SimulatedGpu, attribution: Attribution | None) -> dict[str, str]:
        """dcgm-exporter's labels for one GPU."""
        ident = gpu.identity
        labels = {
            "gpu": str(ident.index),
            "UUID": ident.uuid,
            "pci_bus_id": ident.pci_bus_id,
            "device": ident.device,
            "modelName": ident.model_name,
            self._hostname_label: ident.hostname,
            "DCGM_FI_DRIVER_VERSION": self._driver,
        }
        if attribution is not None:
            labels |= {
                "container": attribution.container,
                "namespace": attribution.namespace,
                "pod": attribution.pod,
            }
        return labels

    def families(self) -> Iterator[Metric]:
        """One family per field with a sample per GPU."""
        rows = [(g.reading(), self.labels(g, a)) for g, a in self._gpus.values()]
        for name, (kind, doc, value) in _FIELDS.items():
            family = Metric(name, doc, kind)
            for reading, labels in rows:
                family.add_sample(name, labels, float(value(reading)))
            yield family

    def scrape(self) -> bytes:
        """The `/metrics` body."""
        return render(self.registry)

    def app(self) -> Starlette:
        """`GET /metrics` and `GET /health`, like dcgm-exporter's HTTP server."""

        async def metrics(_: Request) -> Response:
            return Response(self.scrape(), media_type=CONTENT_TYPE)

        async def health(_: Request) -> Response:
            return PlainTextResponse("OK")

        return Starlette(routes=[Route("/metrics", metrics), Route("/health", health)])


class _DcgmCollector:
    def __init__(self, exporter: DcgmExporter) -> None:
        self._exporter = exporter

    def describe(self) -> list[Metric]:
        return []

    def collect(self) -> Iterator[Metric]:
        return self._exporter.families()
