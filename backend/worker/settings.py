"""arq WorkerSettings built from the service settings; resources live in ctx."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from arq.connections import RedisSettings

from backend.db.engine import make_engine, make_session_factory
from backend.db.job_state import queued_job_ids, reap_stale_jobs
from backend.queue import enqueue_training, redis_settings
from backend.settings import Settings, get_settings
from backend.worker.tasks import train_model_job
from backend.worker.warm_pool import POOL

log = logging.getLogger(__name__)


async def startup(ctx: dict[str, Any]) -> None:
    """Open the database, fail orphaned jobs and re-enqueue queued ones the queue may have lost."""
    settings: Settings = ctx.get("settings") or get_settings()
    ctx["settings"] = settings
    ctx["engine"] = make_engine(settings.database_url)
    ctx["session_factory"] = make_session_factory(ctx["engine"])
    reaped = await reap_stale_jobs(ctx["session_factory"], settings.job_heartbeat_stale_seconds)
    if reaped:
        log.warning("marked %d orphaned running job(s) as failed", reaped)
    for job_id in await queued_job_ids(ctx["session_factory"]):
        await enqueue_training(ctx["redis"], job_id, settings.queue_name)
    ctx["reaper"] = asyncio.create_task(reap_forever(ctx))
    POOL.prefill()  # the first job's training child starts warm too


async def shutdown(ctx: dict[str, Any]) -> None:
    """Stop the reaper and close the database engine."""
    ctx["reaper"].cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await ctx["reaper"]
    await ctx["engine"].dispose()


async def reap_forever(ctx: dict[str, Any]) -> None:
    """A worker that died mid-job must not leave it running forever.

    A plain task rather than an arq cron job: cron jobs wait for a free job slot, and a busy
    worker would then never reap.
    """
    settings: Settings = ctx["settings"]
    interval = min(settings.job_heartbeat_stale_seconds / 2, 10.0)
    while True:
        await asyncio.sleep(interval)
        try:
            await reap_stale_jobs(ctx["session_factory"], settings.job_heartbeat_stale_seconds)
        except Exception:
            log.exception("reaping stale jobs failed; will retry")


def worker_settings(settings: Settings | None = None) -> dict[str, Any]:
    """Keyword arguments for arq.Worker / run_worker."""
    settings = settings or get_settings()
    if not settings.redis_url:
        raise SystemExit("APP_REDIS_URL is not set; start the worker through the run command")
    redis: RedisSettings = redis_settings(settings.redis_url)
    redis.conn_retries = 30  # at start-up the queue may still be coming up

    async def on_startup(ctx: dict[str, Any]) -> None:
        ctx["settings"] = settings
        await startup(ctx)

    return {
        "functions": [train_model_job],
        "on_startup": on_startup,
        "on_shutdown": shutdown,
        "redis_settings": redis,
        "queue_name": settings.queue_name,
        "max_jobs": settings.worker_concurrency,
        "poll_delay": 0.1,  # arq's 0.5 s default added up to 0.5 s to every job
        # Our own limit inside the task ends the job cleanly; arq's is only a backstop.
        "job_timeout": settings.job_time_limit_seconds + 120,
        "max_tries": 2,
        "keep_result": 60,
        "health_check_interval": 30,
    }
