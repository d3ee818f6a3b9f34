"""Fixtures of the API tests.

`namespace` overrides the shared fixture of tests/conftest.py with one that closes its
client: the shared one leaves a sync lightkube client open, whose SSL socket is reported as
an unraisable ResourceWarning at teardown, which `filterwarnings = error` turns into an
error. Remove this override once tests/conftest.py closes its client.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from lightkube import Client
from lightkube.config.kubeconfig import KubeConfig
from lightkube.models.meta_v1 import ObjectMeta
from lightkube.resources.core_v1 import Namespace


@pytest.fixture
def namespace(kubeconfig: Path) -> Iterator[str]:
    """A namespace of its own for one test; deleted (not awaited) afterwards."""
    name = f"t-{uuid.uuid4().hex[:10]}"
    client = Client(config=KubeConfig.from_file(kubeconfig))
    try:
        client.create(Namespace(metadata=ObjectMeta(name=name)))
        yield name
        client.delete(Namespace, name)
    finally:
        client.close()
