"""The pipeline end to end: simulated fleet → OTLP/HTTP (protobuf, real socket) → receiver
→ chDB → dashboard queries.

A two-pod vLLM fleet (sped-up clock) serves requests routed by its EPP simulator; its
`FleetTelemetry` exports through `OtlpLogExporter` to the receiver served by uvicorn on a
loopback port. Every decision must land in `ngf_epp_decisions` and every completion in
`ngf_inference_logs` with the same trace id, pod and reason, and the queries must count them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest
from fastapi import FastAPI

from ngf_console.analytics.chdb_store import ChdbStore
from ngf_console.analytics.otlp.ingest import IngestSettings
from ngf_console.analytics.otlp.router import OtlpReceiver
from ngf_console.analytics.queries import decisions, inference
from ngf_console.analytics.queries.timerange import Filters, TimeRange
from ngf_console.sim.clock import ScaledClock
from ngf_console.sim.engine import EngineConfig
from ngf_console.sim.fleet import Fleet, PoolConfig
from ngf_console.sim.gpu_trace import default_trace_path, derive_profile, load_trace
from ngf_console.sim.otlp import OtlpLogExporter
from ngf_console.sim.otlp_records import FleetTelemetry
from ngf_console.sim.serving import serve

pytestmark = [pytest.mark.integration]

REQUESTS = 12


@pytest.mark.asyncio
async def test_simulated_requests_reach_the_dashboard(store: ChdbStore) -> None:
    receiver = OtlpReceiver(store, settings=IngestSettings(flush_interval=0.05))
    app = FastAPI()
    app.include_router(receiver.router)
    await receiver.ingestor.start()
    server = await serve(app)
    namespace = f"ns-{uuid.uuid4().hex[:8]}"
    engine = EngineConfig(max_num_seqs=4, num_gpu_blocks=1024, max_model_len=8192)
    pool = PoolConfig(name="llama", namespace=namespace, strategy="composite", engine=engine)
    fleet = Fleet(pool, gpu_profile=derive_profile(load_trace(default_trace_path())),
                  clock=ScaledClock(speed=20.0))  # fmt: skip
    exporter = OtlpLogExporter(f"{server.url}/v1/logs", resource={"service.name": "sim"},
                               flush_interval=0.1)  # fmt: skip
    try:
        await fleet.scale(2)
        FleetTelemetry(fleet, exporter).attach()
        await fleet.start()
        exporter.start()
        prompts = [f"You are a helpful assistant. Question {i % 3}: " * 8 for i in range(REQUESTS)]
        await asyncio.gather(*(fleet.epp.complete(p, 16) for p in prompts))
    finally:
        await exporter.stop()
        await fleet.stop()
        await server.stop()
        await receiver.ingestor.stop()
    assert (exporter.stats.sent, exporter.stats.failed) == (2 * REQUESTS, 0)

    where = {"ns": namespace}
    joined = store.query(
        "SELECT d.picked_pod = i.pod_name, d.reason = i.epp_selected_reason, i.output_tokens "
        "FROM ngf_epp_decisions AS d INNER JOIN ngf_inference_logs AS i USING (trace_id) "
        "WHERE d.namespace = {ns:String} AND i.namespace = {ns:String}",
        where,
    ).rows
    assert len(joined) == REQUESTS
    assert all(row == (True, True, 16) for row in joined)

    rng = TimeRange(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5), dt.datetime.now(dt.UTC), 60)
    filters = Filters(namespace=namespace, pool="llama")
    assert sum(p.requests for p in inference.request_counts(store, rng, filters)) == REQUESTS
    assert decisions.decision_counts(store, rng, filters).total == REQUESTS
    points = inference.ttft_percentiles(store, rng, filters, source="raw")
    assert all(p.p50 is not None and p.p50 > 0 for p in points)
