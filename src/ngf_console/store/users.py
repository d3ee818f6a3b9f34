"""Console users and their UI preferences (theme, default namespace, dashboard layout)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ngf_console.store.database import SessionFactory
from ngf_console.store.errors import AlreadyExistsError, NotFoundError
from ngf_console.store.models import User
from ngf_console.store.types import as_utc, utcnow


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A user as stored."""

    id: uuid.UUID
    email: str | None
    display_name: str | None
    preferences: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class Users:
    """Repository of the `users` table; each method is one transaction."""

    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    async def create(
        self,
        *,
        email: str | None,
        display_name: str | None = None,
        preferences: Mapping[str, Any] | None = None,
    ) -> UserRecord:
        """Add a user; `AlreadyExistsError` if another user has `email`."""
        now = as_utc(self._clock())
        user = User(
            id=uuid.uuid4(),
            email=email,
            display_name=display_name,
            preferences=dict(preferences or {}),
            created_at=now,
            updated_at=now,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(user)
        except IntegrityError as e:
            raise AlreadyExistsError("users", "email", email) from e
        return _to_record(user)

    async def get(self, user_id: uuid.UUID) -> UserRecord:
        """The user `user_id`; `NotFoundError` if there is none."""
        async with self._sessions() as session:
            user = await session.get(User, user_id)
        if user is None:
            raise NotFoundError("users", user_id)
        return _to_record(user)

    async def get_by_email(self, email: str) -> UserRecord:
        """The user with `email`; `NotFoundError` if there is none."""
        async with self._sessions() as session:
            user = await session.scalar(select(User).where(User.email == email))
        if user is None:
            raise NotFoundError("users", email)
        return _to_record(user)

    async def list(self, *, limit: int = 100, offset: int = 0) -> tuple[UserRecord, ...]:
        """Users in the order they were created."""
        statement = select(User).order_by(User.created_at, User.id).limit(limit).offset(offset)
        async with self._sessions() as session:
            return tuple(_to_record(user) for user in await session.scalars(statement))


def _to_record(user: User) -> UserRecord:
    return UserRecord(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        preferences=user.preferences,
        created_at=user.created_at,
        updated_at=user.updated_at,
    )
