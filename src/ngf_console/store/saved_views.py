"""Saved dashboard views, queries and filters: private to their owner unless shared."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from ngf_console.store.database import SessionFactory
from ngf_console.store.errors import NotFoundError
from ngf_console.store.models import SavedView
from ngf_console.store.types import as_utc, utcnow

ViewType = Literal["dashboard", "query", "filter"]


@dataclass(frozen=True, slots=True)
class SavedViewRecord:
    """A saved view as stored."""

    id: uuid.UUID
    user_id: uuid.UUID
    name: str
    view_type: str
    config: dict[str, Any]
    shared: bool
    created_at: datetime
    updated_at: datetime


class SavedViews:
    """Repository of the `saved_views` table; each method is one transaction."""

    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    async def create(
        self,
        *,
        user_id: uuid.UUID,
        name: str,
        view_type: ViewType,
        config: Mapping[str, Any],
        shared: bool = False,
    ) -> SavedViewRecord:
        """Save a view owned by `user_id`; `NotFoundError` if that user does not exist."""
        now = as_utc(self._clock())
        view = SavedView(
            id=uuid.uuid4(),
            user_id=user_id,
            name=name,
            view_type=view_type,
            config=dict(config),
            shared=shared,
            created_at=now,
            updated_at=now,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(view)
        except IntegrityError as e:
            raise NotFoundError("users", user_id) from e
        return _to_record(view)

    async def get(self, view_id: uuid.UUID) -> SavedViewRecord:
        """The view `view_id`; `NotFoundError` if there is none."""
        async with self._sessions() as session:
            view = await session.get(SavedView, view_id)
        if view is None:
            raise NotFoundError("saved_views", view_id)
        return _to_record(view)

    async def visible_to(self, user_id: uuid.UUID) -> tuple[SavedViewRecord, ...]:
        """The views `user_id` owns plus everyone's shared views, by name."""
        statement = (
            select(SavedView)
            .where(or_(SavedView.user_id == user_id, SavedView.shared.is_(True)))
            .order_by(SavedView.name, SavedView.id)
        )
        async with self._sessions() as session:
            return tuple(_to_record(view) for view in await session.scalars(statement))


def _to_record(view: SavedView) -> SavedViewRecord:
    return SavedViewRecord(
        id=view.id,
        user_id=view.user_id,
        name=view.name,
        view_type=view.view_type,
        config=view.config,
        shared=view.shared,
        created_at=view.created_at,
        updated_at=view.updated_at,
    )
