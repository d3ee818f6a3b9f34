"""The DCGM exporter simulator's exposition.

Matrix: every default-counter family present with dcgm-exporter's type (counters without
`_total`) · label set (gpu, UUID, pci_bus_id, device, modelName, Hostname,
DCGM_FI_DRIVER_VERSION; pod/namespace/container only when attributed; lower-case hostname
variant) · values are the GPU's reading · removing a GPU removes its series · the text
parses as Prometheus exposition.
"""

from __future__ import annotations

import random

from prometheus_client.parser import text_string_to_metric_families

from ngf_console.sim.dcgm import Attribution, DcgmExporter
from ngf_console.sim.gpu import GpuIdentity, SimulatedGpu
from ngf_console.sim.gpu_trace import GpuProfile

EXPECTED = {
    "DCGM_FI_DEV_GPU_UTIL": "gauge",
    "DCGM_FI_DEV_FB_USED": "gauge",
    "DCGM_FI_DEV_FB_FREE": "gauge",
    "DCGM_FI_DEV_FB_RESERVED": "gauge",
    "DCGM_FI_DEV_GPU_TEMP": "gauge",
    "DCGM_FI_DEV_MEMORY_TEMP": "gauge",
    "DCGM_FI_DEV_POWER_USAGE": "gauge",
    "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION": "counter",
    "DCGM_FI_DEV_SM_CLOCK": "gauge",
    "DCGM_FI_DEV_MEM_CLOCK": "gauge",
    "DCGM_FI_DEV_MEM_COPY_UTIL": "gauge",
    "DCGM_FI_DEV_ENC_UTIL": "gauge",
    "DCGM_FI_DEV_DEC_UTIL": "gauge",
    "DCGM_FI_DEV_XID_ERRORS": "gauge",
    "DCGM_FI_DEV_PCIE_REPLAY_COUNTER": "counter",
    "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL": "counter",
    "DCGM_FI_DEV_POWER_VIOLATION": "counter",
    "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS": "counter",
    "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS": "counter",
    "DCGM_FI_DEV_ROW_REMAP_FAILURE": "gauge",
    "DCGM_FI_PROF_GR_ENGINE_ACTIVE": "gauge",
    "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE": "gauge",
    "DCGM_FI_PROF_DRAM_ACTIVE": "gauge",
    "DCGM_FI_PROF_PCIE_TX_BYTES": "gauge",
    "DCGM_FI_PROF_PCIE_RX_BYTES": "gauge",
}


def gpu(profile: GpuProfile, index: int) -> SimulatedGpu:
    identity = GpuIdentity(index, f"GPU-{index}", f"00000000:0{index}:00.0", profile.name, "n1")
    return SimulatedGpu(profile, identity, rng=random.Random(index))


def parse(exporter: DcgmExporter) -> dict[str, tuple[str, list[tuple[dict[str, str], float]]]]:
    text = exporter.scrape().decode()
    return {
        f.name: (f.type, [(dict(s.labels), s.value) for s in f.samples])
        for f in text_string_to_metric_families(text)
    }


def test_families_types_and_labels(h200: GpuProfile) -> None:
    exporter = DcgmExporter(driver_version="580.159.04")
    busy = gpu(h200, 0)
    busy.step(5.0, 1.0, 1.0)
    exporter.add(busy, Attribution(pod="llama-0", namespace="ai", container="vllm"))
    exporter.add(gpu(h200, 1))
    families = parse(exporter)
    assert {name: kind for name, (kind, _) in families.items()} == EXPECTED
    samples = {
        labels["gpu"]: (labels, value) for labels, value in families["DCGM_FI_DEV_GPU_UTIL"][1]
    }
    attributed, _ = samples["0"]
    assert attributed == {
        "gpu": "0",
        "UUID": "GPU-0",
        "pci_bus_id": "00000000:00:00.0",
        "device": "nvidia0",
        "modelName": "NVIDIA H200",
        "Hostname": "n1",
        "DCGM_FI_DRIVER_VERSION": "580.159.04",
        "container": "vllm",
        "namespace": "ai",
        "pod": "llama-0",
    }
    assert "pod" not in samples["1"][0]
    assert samples["0"][1] == 100.0
    assert samples["1"][1] == 0.0
    used = {labels["gpu"]: value for labels, value in families["DCGM_FI_DEV_FB_USED"][1]}
    assert used["0"] == busy.reading().fb_used_mib


def test_counters_are_written_without_total_suffix(h200: GpuProfile) -> None:
    exporter = DcgmExporter(driver_version="1")
    exporter.add(gpu(h200, 0))
    text = exporter.scrape().decode()
    assert "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n" in text
    assert "\nDCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{" in text
    assert "_total" not in text


def test_lower_case_hostname_label(h200: GpuProfile) -> None:
    exporter = DcgmExporter(driver_version="1", hostname_label="hostname")
    exporter.add(gpu(h200, 0))
    labels = parse(exporter)["DCGM_FI_DEV_GPU_TEMP"][1][0][0]
    assert labels["hostname"] == "n1"
    assert "Hostname" not in labels


def test_removed_gpus_disappear(h200: GpuProfile) -> None:
    exporter = DcgmExporter(driver_version="1")
    exporter.add(gpu(h200, 0))
    exporter.add(gpu(h200, 1))
    exporter.remove("GPU-0")
    assert [labels["UUID"] for labels, _ in parse(exporter)["DCGM_FI_DEV_GPU_UTIL"][1]] == ["GPU-1"]
