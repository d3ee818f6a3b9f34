"""Settings of the API server, from `NGF_CONSOLE_API_*` environment variables or the CLI.

The cluster is named explicitly: a kubeconfig file, or — only inside a Pod
(`KUBERNETES_SERVICE_HOST` set) — the mounted ServiceAccount. `~/.kube/config` is never used
implicitly. The configuration database comes from `StoreSettings` (`NGF_CONSOLE_DATABASE_URL`,
else the SQLite file).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ngf_console.analytics.settings import AnalyticsSettings
from ngf_console.store import StoreSettings

DEFAULT_GPU_PRICES = {"A100": 3.67, "H100": 8.10, "H200": 10.60, "L40S": 1.84, "T4": 0.53}


def in_cluster() -> bool:
    """True inside a Pod (the kubelet sets KUBERNETES_SERVICE_HOST)."""
    return bool(os.environ.get("KUBERNETES_SERVICE_HOST"))


class ServerSettings(BaseSettings):
    """Everything `ngf-console api` needs to start."""

    model_config = SettingsConfigDict(env_prefix="NGF_CONSOLE_API_", extra="ignore")

    kubeconfig: Path | None = Field(
        default=None,
        description="Kubeconfig of the cluster (its current context); required outside a Pod.",
    )
    host: str = Field(default="127.0.0.1", description="Address to listen on.")
    port: int = Field(default=8080, ge=0, le=65535, description="Port to listen on.")
    static_dir: Path | None = Field(
        default=Path("frontend/dist"),
        description="The built SPA served at `/`; not served when unset or missing.",
    )
    auth_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        description="How long a TokenReview or SubjectAccessReview answer is reused.",
    )
    ws_queue_size: int = Field(
        default=256,
        ge=1,
        description="Messages queued per WebSocket client; a client that falls further "
        "behind is disconnected.",
    )
    ngf_namespace: str = Field(
        default="nginx-gateway",
        max_length=63,
        description="Namespace of NGINX Gateway Fabric's control plane (edition detection).",
    )
    store: StoreSettings = Field(
        default_factory=StoreSettings, description="The configuration database."
    )

    analytics: AnalyticsSettings | None = Field(
        default=None,
        description="The ClickHouse store (OTLP receiver, inference analytics); unset: from "
        "NGF_CONSOLE_CLICKHOUSE_URL, else chDB in `chdb` beside the SQLite file.",
    )
    prometheus_url: str | None = Field(
        default=None,
        max_length=2048,
        description="Prometheus the inference metrics read (live queue, KV-cache, GPU); "
        "unset: those figures are absent.",
    )
    gpu_prices: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_GPU_PRICES),
        description="Hourly price per GPU by GPU type (spec 7.2 costEstimation.gpuPricing).",
    )
    epp_batch_seconds: float = Field(
        default=1.0, gt=0, le=60, description="Batching interval of the live EPP decision feed."
    )
    gpu_stream_seconds: float = Field(
        default=5.0, gt=0, le=300, description="Interval of the live GPU metrics stream."
    )

    @model_validator(mode="after")
    def _cluster_named(self) -> ServerSettings:
        if self.kubeconfig is None and not in_cluster():
            raise ValueError(
                "no cluster named: set --kubeconfig (outside a Pod the current context of "
                "~/.kube/config is never used implicitly)"
            )
        return self
