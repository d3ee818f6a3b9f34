"""Builders of the configs the audit tests record, and a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

PRIVATE_KEY_PEM = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
    "-----END PRIVATE KEY-----\n"
)
CERT_PEM = (
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n"
    "-----END CERTIFICATE-----\n"
)


class FakeClock:
    """Returns `now` until `advance` moves it; call it like `datetime.now(UTC)`."""

    def __init__(self, start: datetime = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def inference_stack(
    name: str = "chat", namespace: str = "team-a", *, replicas: int = 2, generation: int = 1
) -> dict[str, Any]:
    """An InferenceStack as the API would record it (no secrets)."""
    return {
        "apiVersion": "ngf-console.f5.com/v1alpha1",
        "kind": "InferenceStack",
        "metadata": {"name": name, "namespace": namespace, "generation": generation},
        "spec": {
            "modelName": "meta-llama/Llama-3.1-8B-Instruct",
            "modelServer": {"type": "vllm", "replicas": replicas, "maxTokens": 4096},
            "pool": {"selector": {"matchLabels": {"app": name}}},
        },
    }


def gateway_bundle(
    name: str = "edge", namespace: str = "team-a", *, private_key: str = PRIVATE_KEY_PEM
) -> dict[str, Any]:
    """A GatewayBundle whose HTTPS listener carries an inline certificate and key."""
    return {
        "apiVersion": "ngf-console.f5.com/v1alpha1",
        "kind": "GatewayBundle",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "listeners": [
                {
                    "name": "https",
                    "port": 443,
                    "protocol": "HTTPS",
                    "tls": {
                        "mode": "Terminate",
                        "inlineCert": {"certificate": CERT_PEM, "privateKey": private_key},
                    },
                }
            ]
        },
    }
