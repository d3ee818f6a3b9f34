"""The EPP simulator over simulated pods (virtual time, no HTTP).

Matrix: least_queue avoids the pod with waiting requests · best_kv_cache avoids the pod with
full KV · prefix affinity sends a family's next request to the pod that served the first ·
every decision lands in the log with its scores and latency · an empty pool is refused ·
`forget` drops a pod from the prefix index · pods report the EPP's view of themselves and
serve metrics in their backend's format.
"""

from __future__ import annotations

import random

import pytest
from prometheus_client import CONTENT_TYPE_LATEST

from ngf_console.api.v1alpha1.inferencestack import Strategy
from ngf_console.inference import EndpointPicker, NoCandidatesError, profile_for
from ngf_console.sim.clock import ManualClock
from ngf_console.sim.engine import EngineConfig, SimRequest
from ngf_console.sim.epp_sim import EppSimulator
from ngf_console.sim.gpu import GpuIdentity, SimulatedGpu
from ngf_console.sim.gpu_trace import GpuProfile
from ngf_console.sim.pod import Backend, ModelServerPod, PodSpec

CFG = EngineConfig(max_num_seqs=1, num_gpu_blocks=512, max_model_len=4096)


def make_pods(profile: GpuProfile, n: int, backend: Backend = "vllm") -> list[ModelServerPod]:
    clock = ManualClock()
    pods = []
    for i in range(n):
        gpu = SimulatedGpu(profile, GpuIdentity(i, f"GPU-{i}", "bus", profile.name, "node"))
        spec = PodSpec(f"p-{i}", "ns", "pool", "m", backend, CFG)
        pods.append(ModelServerPod(spec, clock, gpu))
    return pods


def make_epp(pods: list[ModelServerPod], strategy: Strategy) -> EppSimulator:
    picker = EndpointPicker(
        profile_for(strategy),
        rng=random.Random(0),
    )
    return EppSimulator(namespace="ns", pool="pool", model="m", picker=picker, pods=lambda: pods)


def load(pod: ModelServerPod, requests: int, prompt: int = 200) -> None:
    for i in range(requests):
        pod.engine.submit(SimRequest(f"{pod.name}-{i}", prompt, 200, (), 0.0))
    pod.engine.advance(0.0001)


def test_least_queue_avoids_the_busy_pod(h200: GpuProfile) -> None:
    pods = make_pods(h200, 3)
    load(pods[0], 4)
    load(pods[2], 2)
    epp = make_epp(pods, "least_queue")
    record, pod = epp.decide("hello")
    assert pod is pods[1]
    assert record.picked == "p-1"
    assert record.decision.candidate("p-0").scores[0].raw == 0.0
    assert record.latency_us > 0
    assert epp.log.recent() == [record]


def test_best_kv_cache_avoids_the_full_pod(h200: GpuProfile) -> None:
    pods = make_pods(h200, 2)
    load(pods[0], 1, prompt=3000)
    epp = make_epp(pods, "best_kv_cache")
    assert epp.decide("hello")[1] is pods[1]


def test_prefix_affinity_follows_the_first_pick(h200: GpuProfile) -> None:
    pods = make_pods(h200, 4)
    epp = make_epp(pods, "prefix_affinity")
    system = "You are the bank's support assistant; answer briefly. " * 10
    first, _ = epp.decide(system + "How do I reset my PIN? " * 4)
    second, _ = epp.decide(system + "Why was my transfer declined? " * 4)
    assert second.picked == first.picked
    assert second.decision.picked.prefix_matched_blocks > 0
    epp.forget(first.picked)
    third, _ = epp.decide(system + "Raise my limit, please. " * 4)
    assert third.decision.picked.total == 0.0


def test_empty_pool_is_refused(h200: GpuProfile) -> None:
    epp = make_epp([], "least_queue")
    with pytest.raises(NoCandidatesError, match="no ready pods"):
        epp.decide("hello")


def test_pod_reports_the_epps_view_of_itself(h200: GpuProfile) -> None:
    (pod,) = make_pods(h200, 1)
    load(pod, 3)
    state = pod.endpoint_state()
    assert (state.name, state.waiting_queue_size, state.running_requests) == ("p-0", 2, 1)
    assert state.kv_cache_usage == pod.engine.kv_cache_usage
    assert state.num_gpu_blocks == 512
    assert pod.batch_fill() == 1.0


@pytest.mark.parametrize(
    ("backend", "name", "content_type"),
    [
        ("vllm", b"vllm:num_requests_waiting", CONTENT_TYPE_LATEST),
        ("triton", b"nv_trt_llm_request_metrics", "text/plain; version=0.0.4; charset=utf-8"),
    ],
)
def test_pod_metrics_in_backend_format(
    h200: GpuProfile, backend: Backend, name: bytes, content_type: str
) -> None:
    (pod,) = make_pods(h200, 1, backend)
    body, kind = pod.metrics()
    assert name in body
    assert kind == content_type
