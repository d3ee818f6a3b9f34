"""`RevertRevision.with_secrets_from`: when a revert can and cannot be applied."""

from __future__ import annotations

import pytest

from ngf_console.store.audit_records import ResourceRef, RevertRevision
from ngf_console.store.errors import RedactedValueMissingError
from ngf_console.store.redact import REDACTED

STACK = ResourceRef("InferenceStack", "team-a", "chat")


def test_config_without_secrets_is_returned_as_is() -> None:
    revision = RevertRevision(entry_id=1, resource=STACK, config={"spec": {"replicas": 2}})

    assert revision.with_secrets_from(None) == {"spec": {"replicas": 2}}


def test_delete_revision_has_no_config() -> None:
    revision = RevertRevision(entry_id=1, resource=STACK, config=None)

    assert revision.with_secrets_from({"spec": {}}) is None


def test_secrets_come_from_the_live_object() -> None:
    revision = RevertRevision(
        entry_id=1,
        resource=STACK,
        config={"spec": {"replicas": 2, "apiToken": REDACTED}},
        redacted=("/spec/apiToken",),
    )

    restored = revision.with_secrets_from({"spec": {"replicas": 5, "apiToken": "live"}})

    assert restored == {"spec": {"replicas": 2, "apiToken": "live"}}


def test_secrets_cannot_come_from_a_deleted_object() -> None:
    revision = RevertRevision(
        entry_id=1,
        resource=STACK,
        config={"spec": {"apiToken": REDACTED}},
        redacted=("/spec/apiToken",),
    )

    with pytest.raises(RedactedValueMissingError, match="/spec/apiToken"):
        revision.with_secrets_from(None)


def test_resource_label() -> None:
    assert STACK.label() == "InferenceStack/team-a/chat"
    assert ResourceRef("GatewayClass", "", "nginx").label() == "GatewayClass/nginx"
