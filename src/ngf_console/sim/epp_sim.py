"""The EPP simulator: pick a pod for each request from the pods' live state, log why.

It does what the real EPP does per request, with `inference.epp.EndpointPicker` (the same
code request replay uses): read every candidate's waiting queue and KV-cache usage (here
straight from the simulated engines, as the EPP's 50 ms scrape would), score, pick, record
the prompt's blocks for the pick — then hands the request to the picked pod and records the
decision with every scorer's score in the `DecisionLog`. `on_decision` callbacks see each
decision with the picked pod as it is made (the OTLP exporter's hook).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence

from ngf_console.inference.epp import EndpointPicker, NoCandidatesError
from ngf_console.sim.decisions import DecisionLog, DecisionRecord
from ngf_console.sim.engine import SimRequest
from ngf_console.sim.pod import ModelServerPod

_ids = itertools.count(1)


class EppSimulator:
    """Routes requests of one pool."""

    def __init__(
        self,
        *,
        namespace: str,
        pool: str,
        model: str,
        picker: EndpointPicker,
        pods: Callable[[], Sequence[ModelServerPod]],
        log: DecisionLog | None = None,
    ) -> None:
        self.namespace = namespace
        self.pool = pool
        self.model = model
        self.picker = picker
        self.log = log if log is not None else DecisionLog()
        self.on_decision: list[Callable[[DecisionRecord, ModelServerPod], None]] = []
        self._pods = pods

    def decide(
        self, prompt: str, request_id: str | None = None
    ) -> tuple[DecisionRecord, ModelServerPod]:
        """Pick a pod for `prompt` and log the decision (NoCandidatesError on an empty pool)."""
        pods = {p.name: p for p in self._pods()}
        if not pods:
            raise NoCandidatesError(f"pool {self.namespace}/{self.pool} has no ready pods")
        candidates = [p.endpoint_state() for p in pods.values()]
        started = time.perf_counter()
        decision = self.picker.pick(prompt, self.model, candidates)
        latency_us = (time.perf_counter() - started) * 1e6
        record = DecisionRecord(
            seq=self.log.next_seq(),
            request_id=request_id or f"req-{next(_ids)}",
            timestamp=time.time(),
            namespace=self.namespace,
            pool=self.pool,
            model=self.model,
            decision=decision,
            latency_us=latency_us,
        )
        self.log.append(record)
        picked = pods[decision.picked_name]
        for callback in self.on_decision:
            callback(record, picked)
        return record, picked

    async def complete(self, prompt: str, max_tokens: int) -> tuple[DecisionRecord, SimRequest]:
        """Route `prompt`, run it on the picked pod and wait for the last token."""
        record, pod = self.decide(prompt)
        request = pod.runner.submit(prompt, max_tokens, request_id=record.request_id)
        return record, await pod.runner.finished(request)

    def forget(self, pod: str) -> None:
        """A pod left the pool: drop it from the prefix index."""
        self.picker.forget(pod)
