"""Alert rules: a rule type (certificate expiry, error rate, latency…), thresholds, channels."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ngf_console.store.database import SessionFactory
from ngf_console.store.errors import NotFoundError
from ngf_console.store.models import AlertRule
from ngf_console.store.types import as_utc, utcnow


@dataclass(frozen=True, slots=True)
class AlertRuleRecord:
    """An alert rule as stored."""

    id: uuid.UUID
    name: str
    description: str
    rule_type: str
    config: dict[str, Any]
    notification_channels: list[dict[str, Any]]
    enabled: bool
    created_at: datetime
    updated_at: datetime


class AlertRules:
    """Repository of the `alert_rules` table; each method is one transaction."""

    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    async def create(
        self,
        *,
        name: str,
        rule_type: str,
        config: Mapping[str, Any],
        notification_channels: Sequence[Mapping[str, Any]] = (),
        description: str = "",
        enabled: bool = True,
    ) -> AlertRuleRecord:
        """Add a rule."""
        now = as_utc(self._clock())
        rule = AlertRule(
            id=uuid.uuid4(),
            name=name,
            description=description,
            rule_type=rule_type,
            config=dict(config),
            notification_channels=[dict(channel) for channel in notification_channels],
            enabled=enabled,
            created_at=now,
            updated_at=now,
        )
        async with self._sessions.begin() as session:
            session.add(rule)
        return _to_record(rule)

    async def get(self, rule_id: uuid.UUID) -> AlertRuleRecord:
        """The rule `rule_id`; `NotFoundError` if there is none."""
        async with self._sessions() as session:
            rule = await session.get(AlertRule, rule_id)
        if rule is None:
            raise NotFoundError("alert_rules", rule_id)
        return _to_record(rule)

    async def list(self, *, enabled: bool | None = None) -> tuple[AlertRuleRecord, ...]:
        """Rules by name; only enabled (or disabled) ones when `enabled` is given."""
        statement = select(AlertRule).order_by(AlertRule.name, AlertRule.id)
        if enabled is not None:
            statement = statement.where(AlertRule.enabled.is_(enabled))
        async with self._sessions() as session:
            return tuple(_to_record(rule) for rule in await session.scalars(statement))


def _to_record(rule: AlertRule) -> AlertRuleRecord:
    return AlertRuleRecord(
        id=rule.id,
        name=rule.name,
        description=rule.description,
        rule_type=rule.rule_type,
        config=rule.config,
        notification_channels=rule.notification_channels,
        enabled=rule.enabled,
        created_at=rule.created_at,
        updated_at=rule.updated_at,
    )
