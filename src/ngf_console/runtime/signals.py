"""Turn SIGTERM and SIGINT into a graceful stop.

`run_until_signalled(main)` calls `main(stop)` with an `asyncio.Event` that the first
SIGTERM or SIGINT sets; `main` (e.g. `Manager.run`) then shuts down in order and returns,
so the process exits 0. The handlers are removed afterwards.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def run_until_signalled(main: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    """Run `main(stop)`; the first SIGTERM/SIGINT sets `stop`."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal(sig: signal.Signals) -> None:
        log.info("signal received, shutting down", signal=sig.name)
        stop.set()

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, on_signal, sig)
    try:
        await main(stop)
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
