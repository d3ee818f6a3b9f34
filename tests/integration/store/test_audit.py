"""The audit log on SQLite and PostgreSQL.

Matrix (each on `sqlite` and `postgresql`):
* record + get round trip (UTC timestamps, cluster-scoped resources), unknown id, bad action;
* list: each filter alone (actor, kind, namespace, name, action, since, until) and combined;
  newest first with ties broken by id; cursor pages cover everything once, stay stable while
  new entries arrive, and a forged cursor is refused; limit bounds;
* diff of one entry (create / update / delete) and between two versions; versions of
  different resources are refused;
* revert: undo an entry (`revision_for_revert`) and restore a version (`revision_at`),
  secrets taken back from the live object;
* redaction at rest: no column of any stored row contains the secret.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from ngf_console.store import (
    REDACTED,
    AuditAction,
    AuditLog,
    AuditQuery,
    AuditRecord,
    Database,
    InvalidCursorError,
    NotFoundError,
    RedactedValueMissingError,
    ResourceMismatchError,
    ResourceRef,
    Users,
)
from tests.integration.store.builders import (
    PRIVATE_KEY_PEM,
    FakeClock,
    gateway_bundle,
    inference_stack,
)

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

API_TOKEN = "xc-api-token-5f1d2c9e8b7a"


def _audit(db: Database, clock: FakeClock) -> AuditLog:
    return AuditLog(db.sessions, clock=clock)


async def _seed(audit: AuditLog, clock: FakeClock) -> list[int]:
    """Six entries by two actors over three resources, one second apart."""
    writes: list[tuple[str, AuditAction, str, str, str]] = [
        ("alice", "create", "InferenceStack", "team-a", "chat"),
        ("alice", "update", "InferenceStack", "team-a", "chat"),
        ("bob", "create", "GatewayBundle", "team-a", "edge"),
        ("bob", "create", "InferenceStack", "team-b", "chat"),
        ("alice", "delete", "InferenceStack", "team-a", "chat"),
        ("bob", "update", "GatewayBundle", "team-a", "edge"),
    ]
    ids = []
    for actor, action, kind, namespace, name in writes:
        clock.advance(1)
        entry = await audit.record(
            actor=actor,
            action=action,
            kind=kind,
            namespace=namespace,
            name=name,
            previous=None if action == "create" else inference_stack(name, namespace),
            new=None if action == "delete" else inference_stack(name, namespace, replicas=3),
        )
        ids.append(entry.id)
    return ids


async def test_record_and_get_round_trip(db: Database, clock: FakeClock) -> None:
    user = await Users(db.sessions).create(email="alice@example.com")
    audit = _audit(db, clock)

    recorded = await audit.record(
        actor="alice@example.com",
        user_id=user.id,
        action="update",
        kind="InferenceStack",
        namespace="team-a",
        name="chat",
        previous=inference_stack(replicas=2),
        new=inference_stack(replicas=4),
        details={"dryRun": False},
    )
    fetched = await audit.get(recorded.id)

    assert fetched == recorded
    assert fetched.created_at == clock.now
    assert fetched.created_at.utcoffset() == timedelta(0)
    assert fetched.user_id == user.id
    assert fetched.resource == ResourceRef("InferenceStack", "team-a", "chat")
    assert fetched.new == inference_stack(replicas=4)
    assert fetched.details == {"dryRun": False}
    assert "-    replicas: 2\n+    replicas: 4\n" in fetched.diff


async def test_cluster_scoped_resources_use_an_empty_namespace(
    db: Database, clock: FakeClock
) -> None:
    audit = _audit(db, clock)
    cls = {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass"}

    entry = await audit.record(
        actor="admin",
        action="create",
        kind="GatewayClass",
        namespace="",
        name="nginx",
        previous=None,
        new=cls,
    )

    page = await audit.list(AuditQuery(kind="GatewayClass", namespace=""))
    assert [item.id for item in page.items] == [entry.id]
    assert entry.diff.startswith("--- /dev/null\n+++ b/GatewayClass/nginx\n")


async def test_get_unknown_entry_is_not_found(db: Database, clock: FakeClock) -> None:
    with pytest.raises(NotFoundError, match="audit_log: no row with id 404"):
        await _audit(db, clock).get(404)


async def test_record_refuses_an_unknown_action(db: Database, clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="unknown audit action 'patch'"):
        await _audit(db, clock).record(
            actor="a",
            action="patch",  # type: ignore[arg-type]  # what the test is about
            kind="InferenceStack",
            namespace="n",
            name="x",
            previous=None,
            new={},
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(AuditQuery(), [5, 4, 3, 2, 1, 0], id="no-filter"),
        pytest.param(AuditQuery(actor="alice"), [4, 1, 0], id="actor"),
        pytest.param(AuditQuery(kind="GatewayBundle"), [5, 2], id="kind"),
        pytest.param(AuditQuery(namespace="team-b"), [3], id="namespace"),
        pytest.param(AuditQuery(name="chat"), [4, 3, 1, 0], id="name"),
        pytest.param(AuditQuery(action="create"), [3, 2, 0], id="action"),
        pytest.param(
            AuditQuery(kind="InferenceStack", namespace="team-a", name="chat"),
            [4, 1, 0],
            id="resource",
        ),
        pytest.param(AuditQuery(actor="bob", action="update"), [5], id="actor+action"),
        pytest.param(AuditQuery(actor="carol"), [], id="no-match"),
    ],
)
async def test_list_filters(
    db: Database, clock: FakeClock, query: AuditQuery, expected: list[int]
) -> None:
    audit = _audit(db, clock)
    ids = await _seed(audit, clock)

    page = await audit.list(query)

    assert [item.id for item in page.items] == [ids[i] for i in expected]
    assert page.next_cursor is None


async def test_list_since_is_inclusive_and_until_exclusive(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    start = clock.now
    ids = await _seed(audit, clock)  # entry i is at start + (i + 1) s

    since = await audit.list(AuditQuery(since=start + timedelta(seconds=4)))
    until = await audit.list(AuditQuery(until=start + timedelta(seconds=2)))
    window = await audit.list(
        AuditQuery(since=start + timedelta(seconds=2), until=start + timedelta(seconds=4))
    )

    assert [item.id for item in since.items] == [ids[5], ids[4], ids[3]]
    assert [item.id for item in until.items] == [ids[0]]
    assert [item.id for item in window.items] == [ids[2], ids[1]]


async def test_list_newest_first_breaks_ties_by_id(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    first = await _record_stack(audit, "one")
    second = await _record_stack(audit, "two")  # same instant: the clock did not move
    clock.advance(-60)
    older = await _record_stack(audit, "three")  # recorded later, but with an earlier time

    page = await audit.list()

    assert [item.id for item in page.items] == [second.id, first.id, older.id]


async def test_cursor_pages_cover_everything_once(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    ids = []
    for i in range(11):
        if i % 3:
            clock.advance(1)  # some entries share a timestamp
        ids.append((await _record_stack(audit, f"s{i}")).id)

    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        page = await audit.list(limit=4, cursor=cursor)
        seen.extend(item.id for item in page.items)
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor

    assert pages == 3
    assert seen == list(reversed(ids))


async def test_cursor_is_stable_while_entries_arrive(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    ids = [(await _record_stack(audit, f"s{i}", clock=clock)).id for i in range(4)]

    first = await audit.list(limit=2)
    await _record_stack(audit, "newer", clock=clock)
    assert first.next_cursor is not None
    second = await audit.list(limit=2, cursor=first.next_cursor)

    assert [item.id for item in first.items] == [ids[3], ids[2]]
    assert [item.id for item in second.items] == [ids[1], ids[0]]
    assert second.next_cursor is None


async def test_list_refuses_a_forged_cursor_and_bad_limits(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)

    with pytest.raises(InvalidCursorError):
        await audit.list(cursor="not-a-cursor")
    with pytest.raises(ValueError, match="limit must be between 1 and 500"):
        await audit.list(limit=0)
    with pytest.raises(ValueError, match="limit must be between 1 and 500"):
        await audit.list(limit=501)


async def test_diff_of_create_update_delete(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    created = await _write(audit, "create", None, inference_stack(replicas=2))
    updated = await _write(
        audit, "update", inference_stack(replicas=2), inference_stack(replicas=5)
    )
    deleted = await _write(audit, "delete", inference_stack(replicas=5), None)

    create_diff = await audit.diff(created.id)
    update_diff = await audit.diff(updated.id)
    delete_diff = await audit.diff(deleted.id)

    assert create_diff.startswith("--- /dev/null\n+++ b/InferenceStack/team-a/chat\n")
    assert "+kind: InferenceStack\n" in create_diff
    assert update_diff == (
        "--- a/InferenceStack/team-a/chat\n"
        "+++ b/InferenceStack/team-a/chat\n"
        "@@ -8,7 +8,7 @@\n"
        "   modelName: meta-llama/Llama-3.1-8B-Instruct\n"
        "   modelServer:\n"
        "     maxTokens: 4096\n"
        "-    replicas: 2\n"
        "+    replicas: 5\n"
        "     type: vllm\n"
        "   pool:\n"
        "     selector:\n"
    )
    assert delete_diff.startswith("--- a/InferenceStack/team-a/chat\n+++ /dev/null\n")
    assert "-kind: InferenceStack\n" in delete_diff


async def test_diff_between_versions(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    v1 = await _write(audit, "create", None, inference_stack(replicas=2))
    await _write(audit, "update", inference_stack(replicas=2), inference_stack(replicas=3))
    v3 = await _write(
        audit, "update", inference_stack(replicas=3), inference_stack(replicas=7, generation=3)
    )

    diff = await audit.diff(v1.id, v3.id)

    label = "InferenceStack/team-a/chat"
    assert diff.startswith(f"--- a/{label}@{v1.id}\n+++ b/{label}@{v3.id}\n")
    assert "-  generation: 1\n+  generation: 3\n" in diff
    assert "-    replicas: 2\n+    replicas: 7\n" in diff
    assert await audit.diff(v3.id, v3.id) == ""


async def test_diff_refuses_versions_of_different_resources(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    chat = await _record_stack(audit, "chat")
    embed = await _record_stack(audit, "embed")

    with pytest.raises(ResourceMismatchError, match="versions of different resources"):
        await audit.diff(chat.id, embed.id)
    with pytest.raises(NotFoundError):
        await audit.diff(chat.id, 9999)


async def test_revision_for_revert_undoes_an_entry(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    created = await _write(audit, "create", None, inference_stack(replicas=2))
    updated = await _write(
        audit, "update", inference_stack(replicas=2), inference_stack(replicas=9)
    )

    undo_update = await audit.revision_for_revert(updated.id)
    undo_create = await audit.revision_for_revert(created.id)

    assert undo_update.config == inference_stack(replicas=2)
    assert undo_update.resource == ResourceRef("InferenceStack", "team-a", "chat")
    assert undo_update.redacted == ()
    assert undo_update.with_secrets_from(inference_stack(replicas=9)) == inference_stack()
    assert undo_create.config is None  # undoing a create means deleting the resource


async def test_revision_at_restores_a_version_with_live_secrets(
    db: Database, clock: FakeClock
) -> None:
    audit = _audit(db, clock)
    v1 = gateway_bundle()
    v2 = gateway_bundle()
    v2["spec"]["listeners"][0]["port"] = 8443
    first = await _write(audit, "create", None, v1, kind="GatewayBundle", name="edge")
    await _write(audit, "update", v1, v2, kind="GatewayBundle", name="edge")
    deleted = await _write(audit, "delete", v2, None, kind="GatewayBundle", name="edge")

    version = await audit.revision_at(first.id)
    gone = await audit.revision_at(deleted.id)

    pointer = "/spec/listeners/0/tls/inlineCert/privateKey"
    assert version.redacted == (pointer,)
    assert version.config is not None
    assert version.config["spec"]["listeners"][0]["tls"]["inlineCert"]["privateKey"] == REDACTED
    assert version.with_secrets_from(v2) == v1  # port back to 443, key from the live object
    with pytest.raises(RedactedValueMissingError, match=pointer):
        version.with_secrets_from(None)  # the resource is gone: the key must be given again
    assert gone.config is None


async def test_secrets_are_never_stored(db: Database, clock: FakeClock) -> None:
    audit = _audit(db, clock)
    other_key = PRIVATE_KEY_PEM.replace("MIIEvQ", "MIIEvA")
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "xc-credentials", "namespace": "team-a"},
        "stringData": {"api-token": API_TOKEN},
    }
    await _write(
        audit,
        "create",
        None,
        secret,
        kind="Secret",
        name="xc-credentials",
        details={"request": {"headers": {"Authorization": f"APIToken {API_TOKEN}"}}},
    )
    rotated = await _write(
        audit,
        "update",
        gateway_bundle(),
        gateway_bundle(private_key=other_key),
        kind="GatewayBundle",
        name="edge",
    )

    async with db.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT * FROM audit_log"))).all()

    stored = "\n".join(str(value) for row in rows for value in row)
    assert len(rows) == 2
    assert API_TOKEN not in stored
    assert "MIIEvQIBADAN" not in stored
    assert "MIIEvAIBADAN" not in stored
    assert "PRIVATE KEY" not in stored
    assert REDACTED in stored
    assert rotated.diff == ""  # only the secret changed, and that is not shown ...
    assert rotated.details["redactedChanges"] == [
        "/spec/listeners/0/tls/inlineCert/privateKey"
    ]  # ... but recorded as changed


async def _record_stack(audit: AuditLog, name: str, clock: FakeClock | None = None) -> AuditRecord:
    if clock is not None:
        clock.advance(1)
    return await _write(audit, "create", None, inference_stack(name), name=name)


async def _write(
    audit: AuditLog,
    action: AuditAction,
    previous: dict[str, Any] | None,
    new: dict[str, Any] | None,
    *,
    kind: str = "InferenceStack",
    name: str = "chat",
    details: dict[str, Any] | None = None,
) -> AuditRecord:
    return await audit.record(
        actor="alice",
        action=action,
        kind=kind,
        namespace="team-a",
        name=name,
        previous=previous,
        new=new,
        details=details,
    )
