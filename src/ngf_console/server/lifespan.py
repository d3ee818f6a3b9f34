"""Start-up and shutdown: connect, migrate the database, start the watch caches.

Start-up order: the cluster connection (the server's own identity), the configuration
database brought to head (`upgrade_to_head`), the watch caches (listing in the background;
`/readyz` turns 200 when the parent kinds have listed), then the request-time services
(`app.state.inference`: the analytics store and OTLP receiver, opened on first use).
Shutdown stops the caches and closes the client and the database, in reverse.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import structlog
from fastapi import FastAPI

from ngf_console.edition import EditionSources
from ngf_console.kube.connection import KubeConnection
from ngf_console.kube.pool import ClientPool
from ngf_console.server.auth.kubernetes import KubernetesAuth
from ngf_console.server.context import AppContext
from ngf_console.server.hub import Hub
from ngf_console.server.inference_services import InferenceServices
from ngf_console.server.readcache import ReadCache
from ngf_console.server.settings import ServerSettings
from ngf_console.server.writes import WritePath
from ngf_console.store import AuditLog, Database, upgrade_to_head
from ngf_console.store.settings import display_url

log = structlog.get_logger(__name__)


def connect(settings: ServerSettings) -> KubeConnection:
    """The cluster the settings name (a kubeconfig file, or in-cluster)."""
    if settings.kubeconfig is not None:
        return KubeConnection.from_kubeconfig(settings.kubeconfig)
    return KubeConnection.in_cluster()


@contextlib.asynccontextmanager
async def running(app: FastAPI, settings: ServerSettings) -> AsyncIterator[None]:
    """Build the `AppContext` for the app's lifetime (see the module docstring)."""
    connection = connect(settings)
    url = settings.store.url()
    revision = await upgrade_to_head(url)
    log.info("configuration database ready", url=display_url(url), revision=revision)
    async with contextlib.AsyncExitStack() as stack:
        server_client = connection.client()
        stack.push_async_callback(server_client.close)
        database = Database(url, echo=settings.store.echo_sql)
        stack.push_async_callback(database.close)
        cache = ReadCache(server_client, edition=EditionSources(namespace=settings.ngf_namespace))
        await cache.start()
        stack.push_async_callback(cache.stop)
        audit = AuditLog(database.sessions)
        clients = ClientPool(connection)
        stack.push_async_callback(clients.close)
        auth = KubernetesAuth(server_client, ttl=settings.auth_cache_seconds)
        stack.push_async_callback(auth.close)
        inference = InferenceServices.build(settings)
        stack.push_async_callback(inference.close)
        app.state.inference = inference
        app.state.context = AppContext(
            settings=settings,
            connection=connection,
            server_client=server_client,
            cache=cache,
            authenticator=auth,
            authorizer=auth,
            database=database,
            audit=audit,
            writes=WritePath(clients, audit, cache),
            hub=Hub(settings.ws_queue_size),
        )
        log.info("API server started", cluster=connection.server)
        yield
