"""arq WorkerSettings built from the service settings; our resources live in a WorkerContext."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from pathlib import Path
from typing import Any

from arq.connections import RedisSettings

from backend.db.engine import make_engine, make_session_factory
from backend.db.job_state import queued_jobs, reap_stale_jobs
from backend.queue import enqueue_training, redis_settings
from backend.settings import Settings, get_settings
from backend.worker.backtest_task import backtest_job, sweep_backtest_jobs
from backend.worker.context import CTX_KEY, WorkerContext
from backend.worker.sync_task import stop_background, sweep_sync_jobs, sync_opendota_job
from backend.worker.tasks import train_model_job
from backend.worker.warm_pool import POOL

log = logging.getLogger(__name__)


def sweep_interval(settings: Settings) -> float:
    """Seconds between sweeps: a dead worker's job is requeued within stale + this."""
    return min(settings.job_heartbeat_stale_seconds / 4, 2.0)


async def startup(ctx: dict[str, Any], settings: Settings) -> None:
    """Make the context and start the sweeper; no database I/O here (it may not be migrated)."""
    engine = make_engine(settings.database_url)
    context = WorkerContext(
        settings=settings,
        engine=engine,
        session_factory=make_session_factory(engine),
        queue=ctx["redis"],
    )
    ctx[CTX_KEY] = context
    context.sweeper = asyncio.create_task(sweep_forever(context), name="job-sweeper")
    POOL.prefill()  # the first job's training child starts warm too


async def shutdown(ctx: dict[str, Any]) -> None:
    """Stop the sweeper and close the database engine (whatever startup got to make)."""
    context: WorkerContext | None = ctx.get(CTX_KEY)
    if context is None:
        return
    if context.sweeper is not None:
        context.sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await context.sweeper
    await stop_background(context)
    await context.engine.dispose()


async def sweep_once(context: WorkerContext) -> tuple[int, int]:
    """Requeue jobs of dead workers and (re-)send every queued job; (requeued, sent)."""
    settings = context.settings
    factory = context.session_factory
    requeued = await reap_stale_jobs(factory, settings.job_heartbeat_stale_seconds)
    for job_id, attempt in requeued:
        log.warning("job %s lost its worker; queued again for attempt %d", job_id, attempt)
    sent = 0
    # The queue is transport only: a restarted Valkey has forgotten its messages, so every
    # queued job is offered again; the per-attempt arq job id makes repeats no-ops.
    for job_id, attempt in await queued_jobs(factory):
        sent += await enqueue_training(context.queue, job_id, settings.queue_name, attempt)
    sent += await sweep_sync_jobs(context)
    sent += await sweep_backtest_jobs(context)
    _touch(settings.worker_heartbeat_file)
    return len(requeued), sent


async def sweep_forever(context: WorkerContext) -> None:
    """A plain task rather than an arq cron job: cron jobs wait for a free job slot.

    Errors (database not migrated yet, queue restarting) are logged and retried.
    """
    interval = sweep_interval(context.settings)
    failing = False
    while True:
        try:
            await sweep_once(context)
            if failing:
                log.info("job sweep works again")
            failing = False
        except Exception as exc:
            if not failing:
                log.warning("job sweep failed (%s: %s); retrying", type(exc).__name__, exc)
            failing = True
        await asyncio.sleep(interval)


def _touch(path: str | None) -> None:
    if path:
        Path(path).write_text(f"{time.time():.3f}\n")


def heartbeat_is_fresh(settings: Settings, max_age_seconds: float = 30.0) -> bool:
    """For `python -m backend.worker --check`: did this worker's sweeper run recently?"""
    if not settings.worker_heartbeat_file:
        return False
    try:
        age = time.time() - Path(settings.worker_heartbeat_file).stat().st_mtime
    except OSError:
        return False
    return age <= max_age_seconds


def worker_settings(settings: Settings | None = None) -> dict[str, Any]:
    """Keyword arguments for arq.Worker / run_worker."""
    settings = settings or get_settings()
    if not settings.redis_url:
        raise SystemExit("APP_REDIS_URL is not set; start the worker through the run command")
    redis: RedisSettings = redis_settings(settings.redis_url)
    redis.conn_retries = 30  # at start-up the queue may still be coming up

    async def on_startup(ctx: dict[str, Any]) -> None:
        await startup(ctx, settings)

    return {
        "functions": [train_model_job, sync_opendota_job, backtest_job],
        "on_startup": on_startup,
        "on_shutdown": shutdown,
        "redis_settings": redis,
        "queue_name": settings.queue_name,
        "max_jobs": settings.worker_concurrency,
        "poll_delay": 0.1,  # arq's 0.5 s default added up to 0.5 s to every job
        # Our own limit inside the task ends the job cleanly; arq's is only a backstop.
        "job_timeout": settings.job_time_limit_seconds + 120,
        # Retries are ours (database state, a fresh arq job id per attempt). With max_tries=1
        # arq drops its own redelivery of a cancelled job or of a dead worker's message
        # ("max retries exceeded") instead of running it again half an hour later.
        "max_tries": 1,
        "job_completion_wait": int(settings.worker_stop_grace_seconds),
        "keep_result": 60,
        "health_check_interval": 10,
    }
