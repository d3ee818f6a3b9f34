"""Everything a request handler needs, built once at start-up (`AppContext`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ngf_console.kube.connection import KubeConnection
from ngf_console.server.auth import Authenticator, Authorizer
from ngf_console.server.hub import Hub
from ngf_console.server.readcache import ReadCache
from ngf_console.server.settings import ServerSettings
from ngf_console.server.writes import WritePath
from ngf_console.store import AuditLog, Database


@dataclass
class AppContext:
    """The server's long-lived parts."""

    settings: ServerSettings
    connection: KubeConnection
    server_client: Any
    """The server's own client (watch caches, reviews); never used for writes."""
    cache: ReadCache
    authenticator: Authenticator
    authorizer: Authorizer
    database: Database
    audit: AuditLog
    writes: WritePath
    hub: Hub
