"""Background tasks of an API process: ledger writes, results roll-forward, monitoring gauges."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from backend.context import AppContext

log = logging.getLogger(__name__)


async def follow_results(ctx: AppContext) -> None:
    """Advance this process's cached models whenever new match results are stored."""
    while True:
        try:
            async with ctx.session_factory() as session:
                await ctx.models.refresh(session)
        except asyncio.CancelledError:
            raise
        except Exception:  # the database may be briefly unavailable; try again next tick
            log.exception("rolling cached models forward failed; will retry")
        await asyncio.sleep(ctx.settings.results_poll_seconds)


async def publish_gauges(ctx: AppContext) -> None:
    """Keep the monitoring gauges of the active model current (no-op without prometheus)."""
    from backend.api.monitoring.gauges import gauges_available
    from backend.api.monitoring.report import refresh_gauges

    if not gauges_available():
        return
    while True:
        try:
            await refresh_gauges(ctx)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("updating monitoring gauges failed; will retry")
        await asyncio.sleep(ctx.settings.monitoring_gauge_seconds)


@asynccontextmanager
async def background_tasks(ctx: AppContext) -> AsyncIterator[None]:
    """Run the tasks while the app runs; on exit stop them and write the ledger's last rows."""
    settings = ctx.settings
    tasks = [
        asyncio.create_task(follow_results(ctx), name="follow-results"),
        asyncio.create_task(publish_gauges(ctx), name="monitoring-gauges"),
    ]
    if ctx.ledger.enabled:
        tasks.append(
            asyncio.create_task(
                ctx.ledger.run(
                    ctx.session_factory,
                    settings.ledger_flush_seconds,
                    settings.ledger_retention_days,
                ),
                name="ledger",
            )
        )
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        try:
            await ctx.ledger.flush(ctx.session_factory)
        except Exception:
            log.exception("writing the prediction ledger on shutdown failed")
