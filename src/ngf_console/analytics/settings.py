"""Where the analytics data lives, and opening the store for it.

`NGF_CONSOLE_CLICKHOUSE_URL` set (`http[s]://user:password@host:port`): a ClickHouse server
through clickhouse-connect. Unset: chDB, embedded, with its data under `NGF_CONSOLE_CHDB_PATH`
(default `.cache/run/chdb`, relative to the working directory). `NGF_CONSOLE_ANALYTICS_DATABASE`
names the database (default `ngf`). `open_store()` also brings the schema up to date.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ngf_console.analytics.migrate import migrate
from ngf_console.analytics.store import AnalyticsStore

DEFAULT_CHDB_PATH = Path(".cache/run/chdb")


class AnalyticsSettings(BaseSettings):
    """Analytics settings, read from `NGF_CONSOLE_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="NGF_CONSOLE_", extra="ignore")

    clickhouse_url: str | None = Field(
        default=None,
        description="ClickHouse server HTTP(S) URL with credentials; unset: embedded chDB.",
    )
    chdb_path: Path = Field(
        default=DEFAULT_CHDB_PATH,
        description="chDB data directory when no server URL is set (one per process).",
    )
    analytics_database: str = Field(
        default="ngf", max_length=64, description="Database holding the analytics tables."
    )


def open_store(
    settings: AnalyticsSettings | None = None, *, migrated: bool = True
) -> AnalyticsStore:
    """The configured store, its schema migrated to the latest version unless `migrated=False`."""
    config = settings or AnalyticsSettings()
    store: AnalyticsStore
    if config.clickhouse_url:
        from ngf_console.analytics.clickhouse_store import ClickHouseStore  # noqa: PLC0415 - optional

        store = ClickHouseStore(config.clickhouse_url, config.analytics_database)
    else:
        from ngf_console.analytics.chdb_store import ChdbStore  # noqa: PLC0415 - loads the engine

        store = ChdbStore(config.chdb_path, config.analytics_database)
    if migrated:
        try:
            migrate(store)
        except BaseException:
            store.close()
            raise
    return store
