"""Opaque keyset-pagination cursors: the position after the last row of a page.

A cursor encodes the `(created_at, id)` of the last row returned. The next page continues
strictly after it in newest-first order, so rows inserted meanwhile never shift or repeat a
page (offset pagination would). Cursors are base64url JSON: opaque to clients, not secret.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from ngf_console.store.errors import InvalidCursorError


@dataclass(frozen=True, slots=True)
class Cursor:
    """The sort key of the last row of a page."""

    created_at: datetime
    id: int

    def encode(self) -> str:
        payload = json.dumps({"t": self.created_at.isoformat(), "id": self.id}).encode()
        return base64.urlsafe_b64encode(payload).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Parse a cursor from `encode`; `InvalidCursorError` for anything else."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            payload = json.loads(raw)
            created_at = datetime.fromisoformat(payload["t"])
            row_id = payload["id"]
        except (binascii.Error, ValueError, TypeError, KeyError) as e:
            raise InvalidCursorError(f"invalid pagination cursor {text!r}") from e
        if not isinstance(row_id, int) or created_at.tzinfo is None:
            raise InvalidCursorError(f"invalid pagination cursor {text!r}")
        return cls(created_at, row_id)
