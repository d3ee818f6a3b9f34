"""Everything the inference endpoints need, built at start-up (`app.state.inference`).

* `analytics` — the ClickHouse store and the OTLP receiver (`inference_analytics`), opened on
  first use; every stored payload goes to `feed`.
* `feed` — the live EPP decision feed (`inference_feed`).
* `prom` — Prometheus reads (`inference_prom`); None when no Prometheus is configured.
* `gpu` — the live GPU metrics stream (`inference_gpu`).
* `prices` — hourly price per GPU type (configuration, spec §7.2).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from starlette.requests import HTTPConnection

from ngf_console.analytics import IngestSettings
from ngf_console.server.errors import UnavailableError
from ngf_console.server.inference_analytics import AnalyticsService, analytics_settings
from ngf_console.server.inference_feed import EppFeed
from ngf_console.server.inference_gpu import GpuStream
from ngf_console.server.inference_prom import PromReader
from ngf_console.server.settings import ServerSettings


@dataclass
class InferenceServices:
    """See the module docstring."""

    analytics: AnalyticsService
    feed: EppFeed
    prom: PromReader | None
    gpu: GpuStream
    prices: dict[str, float]

    @classmethod
    def build(
        cls, settings: ServerSettings, ingest: IngestSettings | None = None
    ) -> InferenceServices:
        feed = EppFeed(settings.epp_batch_seconds)
        analytics = AnalyticsService(
            analytics_settings(settings), ingest=ingest, listeners=[feed.publish]
        )
        prom = PromReader(settings.prometheus_url) if settings.prometheus_url else None
        gpu = GpuStream(prom, settings.gpu_stream_seconds)
        return cls(analytics, feed, prom, gpu, dict(settings.gpu_prices))

    async def close(self) -> None:
        await self.gpu.close()
        await self.feed.close()
        await self.analytics.close()
        if self.prom is not None:
            await self.prom.close()


def services_of(connection: HTTPConnection) -> InferenceServices:
    """The app's services (503 before start-up finished)."""
    services: InferenceServices | None = getattr(connection.app.state, "inference", None)
    if services is None:
        raise UnavailableError("the inference services are not running")
    return services


def get_services(request: Request) -> InferenceServices:
    return services_of(request)
