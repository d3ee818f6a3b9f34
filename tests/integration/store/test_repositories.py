"""Users, saved views, alert rules and the model-only tables, on SQLite and PostgreSQL.

Matrix (each on `sqlite` and `postgresql`):
* users: create/get/get_by_email/list round trip, unique email, unknown ids;
* saved views: owner + shared visibility, unknown owner refused (foreign keys are enforced on
  SQLite too), deleting a user deletes their views (ON DELETE CASCADE);
* alert rules: JSON config and channel lists round trip, `enabled` filter;
* migration_projects / xc_publish_state rows round trip through the ORM (JSON, timestamps).
* deleting a user keeps their audit entries, unlinked (ON DELETE SET NULL).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select

from ngf_console.store import (
    AlertRules,
    AlreadyExistsError,
    AuditLog,
    Database,
    NotFoundError,
    SavedViews,
    Users,
)
from ngf_console.store.models import MigrationProject, User, XCPublishState
from tests.integration.store.builders import FakeClock, inference_stack

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]


async def test_users_round_trip(db: Database, clock: FakeClock) -> None:
    users = Users(db.sessions, clock=clock)
    prefs = {"theme": "dark", "defaultNamespace": "team-a", "layout": [{"panel": "ttft"}]}

    alice = await users.create(email="alice@example.com", display_name="Alice", preferences=prefs)
    clock.advance(1)
    bob = await users.create(email=None)

    assert await users.get(alice.id) == alice
    assert await users.get_by_email("alice@example.com") == alice
    assert alice.preferences == prefs
    assert alice.created_at == alice.updated_at == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert await users.list() == (alice, bob)
    assert await users.list(limit=1, offset=1) == (bob,)


async def test_user_email_is_unique(db: Database, clock: FakeClock) -> None:
    users = Users(db.sessions, clock=clock)
    await users.create(email="alice@example.com")

    duplicate = re.escape("users: email 'alice@example.com' already exists")
    with pytest.raises(AlreadyExistsError, match=duplicate):
        await users.create(email="alice@example.com")
    await users.create(email=None)
    await users.create(email=None)  # no email: not a duplicate
    assert len(await users.list()) == 3


async def test_unknown_user(db: Database) -> None:
    users = Users(db.sessions)

    with pytest.raises(NotFoundError):
        await users.get(uuid.uuid4())
    with pytest.raises(NotFoundError):
        await users.get_by_email("nobody@example.com")


async def test_saved_views_visibility(db: Database, clock: FakeClock) -> None:
    users = Users(db.sessions, clock=clock)
    views = SavedViews(db.sessions, clock=clock)
    alice = await users.create(email="alice@example.com")
    bob = await users.create(email="bob@example.com")
    layout = {"panels": [{"metric": "ttft_p99", "range": "1h"}], "filters": {"ns": "team-a"}}

    mine = await views.create(user_id=alice.id, name="b-mine", view_type="dashboard", config=layout)
    shared = await views.create(
        user_id=bob.id, name="a-shared", view_type="query", config={"q": "x"}, shared=True
    )
    await views.create(user_id=bob.id, name="c-bobs", view_type="filter", config={})

    assert await views.get(mine.id) == mine
    assert mine.config == layout
    assert await views.visible_to(alice.id) == (shared, mine)
    assert [view.name for view in await views.visible_to(bob.id)] == ["a-shared", "c-bobs"]


async def test_saved_view_needs_an_existing_user(db: Database) -> None:
    stranger = uuid.uuid4()

    with pytest.raises(NotFoundError, match=str(stranger)):
        await SavedViews(db.sessions).create(
            user_id=stranger, name="v", view_type="dashboard", config={}
        )


async def test_deleting_a_user_deletes_views_and_unlinks_audit(db: Database) -> None:
    user = await Users(db.sessions).create(email="alice@example.com")
    views = SavedViews(db.sessions)
    view = await views.create(user_id=user.id, name="v", view_type="dashboard", config={})
    audit = AuditLog(db.sessions)
    entry = await audit.record(
        actor="alice@example.com",
        user_id=user.id,
        action="create",
        kind="InferenceStack",
        namespace="team-a",
        name="chat",
        previous=None,
        new=inference_stack(),
    )

    async with db.sessions.begin() as session:
        await session.execute(delete(User).where(User.id == user.id))

    with pytest.raises(NotFoundError):
        await views.get(view.id)
    kept = await audit.get(entry.id)
    assert (kept.user_id, kept.actor) == (None, "alice@example.com")


async def test_alert_rules_round_trip(db: Database, clock: FakeClock) -> None:
    rules = AlertRules(db.sessions, clock=clock)
    channels = [{"type": "slack", "webhook": "https://hooks.example.com/T0/B0"}]

    expiry = await rules.create(
        name="cert-expiry",
        rule_type="cert_expiry",
        config={"daysBefore": 14, "namespaces": ["team-a", "team-b"]},
        notification_channels=channels,
        description="Certificates expiring within two weeks",
    )
    latency = await rules.create(
        name="ttft-p99", rule_type="latency_threshold", config={"p99Ms": 800.5}, enabled=False
    )

    assert await rules.get(expiry.id) == expiry
    assert expiry.notification_channels == channels
    assert latency.config == {"p99Ms": 800.5}
    assert await rules.list() == (expiry, latency)
    assert await rules.list(enabled=True) == (expiry,)
    assert await rules.list(enabled=False) == (latency,)
    with pytest.raises(NotFoundError):
        await rules.get(uuid.uuid4())


async def test_model_only_tables_round_trip(db: Database) -> None:
    synced = datetime(2026, 3, 1, 12, 30, 15, 250000, tzinfo=UTC)
    project = MigrationProject(
        name="kic-to-ngf",
        source_type="cluster",
        source_config={"context": "prod", "namespaces": ["shop"]},
        analysis_result=None,
        generated_resources=[{"kind": "HTTPRoute", "metadata": {"name": "shop"}}],
        status="importing",
    )
    publish = XCPublishState(
        httproute_namespace="team-a",
        httproute_name="chat",
        xc_tenant="acme",
        xc_namespace="shared",
        xc_http_lb_name="chat-lb",
        last_sync_status="Synced",
        last_sync_time=synced,
        config_hash="0" * 64,
    )
    async with db.sessions.begin() as session:
        session.add_all([project, publish])

    async with db.sessions() as session:
        stored_project = await session.scalar(select(MigrationProject))
        stored_publish = await session.scalar(select(XCPublishState))

    assert stored_project is not None
    assert stored_publish is not None
    assert stored_project.generated_resources == [
        {"kind": "HTTPRoute", "metadata": {"name": "shop"}}
    ]
    assert stored_project.analysis_result is None
    assert stored_project.created_at.tzinfo is UTC  # filled by the server default
    assert stored_publish.last_sync_time == synced
    assert stored_publish.public_endpoint is None
