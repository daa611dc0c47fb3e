"""The arq task for a backtest job: the API's backtest computation, run by a worker.

The job holds one of the worker's slots (it is CPU work, like training). The computation is
backend/api/models/backtest.compute with a per-process AppContext of the worker's own (model
store, results cache), so the report equals POST /api/v1/models/backtest's. A heartbeat task
writes progress every second and notices a cancel; the computation stops before its next model
and stores nothing. A killed worker's job is queued again by the sweep, like a sync.
"""

from __future__ import annotations

import asyncio
import gzip
import logging
from typing import Any

from backend.api.models.backtest import BacktestStopped, compute, read_input
from backend.context import AppContext
from backend.db import side_jobs
from backend.db.tables import BacktestJob, JobStatus
from backend.errors import ApiError
from backend.queue import enqueue_backtest
from backend.worker.context import WorkerContext, worker_context

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 1.0
STOPPED = "the worker running this backtest stopped"


def app_context(context: WorkerContext) -> AppContext:
    """The worker's AppContext for the API's computations (made once, no queue, no ledger)."""
    if context.app is None:
        context.app = AppContext(context.settings, context.engine, context.session_factory)
    return context.app


class _Progress:
    """What the heartbeat writes; `stopped` once the job is no longer this attempt's."""

    def __init__(self) -> None:
        self.fraction = 0.0
        self.message = "reading the file"
        self.stopped = False


async def _beat(context: WorkerContext, job: BacktestJob, progress: _Progress) -> None:
    while not progress.stopped:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        alive = await side_jobs.heartbeat(
            context.session_factory,
            BacktestJob,
            job.id,
            job.attempts,
            progress.fraction,
            progress.message,
        )
        progress.stopped = progress.stopped or not alive


async def backtest_job(ctx: dict[str, Any], job_id: str, attempt: int | None = None) -> str:
    """Run one attempt of a backtest job; repeated deliveries are skipped."""
    context = worker_context(ctx)
    factory = context.session_factory
    job = await side_jobs.claim(factory, BacktestJob, job_id, attempt)
    if job is None:
        return "skipped"
    progress = _Progress()
    beat = asyncio.create_task(_beat(context, job, progress), name=f"beat-{job_id}")

    async def on_step(done: int, total: int) -> bool:
        progress.fraction = round(0.05 + 0.9 * done / max(total, 1), 4)
        progress.message = f"replayed {done} of {total} models" if done < total else "scoring"
        return not progress.stopped

    try:
        app = app_context(context)
        form = job.form
        data = await asyncio.to_thread(gzip.decompress, job.content or b"")
        request = await read_input(
            app,
            data,
            job.filename,
            model_ids=",".join(form.get("model_ids") or []),
            apply_every=form.get("apply_every"),
            include_training=bool(form.get("include_training_matches")),
        )
        async with factory() as session:
            report = await compute(app, session, request, on_step)
            # The report and the job's success commit together: if a cancel got in first this
            # is False, and the session closes without a commit, storing nothing.
            ended = await side_jobs.finish_in(
                session,
                BacktestJob,
                job_id,
                JobStatus.succeeded,
                attempt=job.attempts,
                message=f"finished: report {report.backtest_id}",
                backtest_id=report.backtest_id,
                content=None,  # the report is stored; the file is not needed any more
            )
            if not ended:
                raise BacktestStopped
            await session.commit()
    except BacktestStopped:
        log.info("backtest job %s stopped (%s)", job_id, await _status(context, job_id))
        return "stopped"
    except ApiError as exc:  # e.g. a model deleted since the job was queued
        await _fail(context, job, exc.body.message)
        return "failed"
    except asyncio.CancelledError:  # the worker is shutting down: another worker takes it
        await asyncio.shield(_requeue(context, job_id))
        raise
    except Exception as exc:
        log.exception("backtest job %s crashed", job_id)
        await _fail(context, job, f"internal error: {type(exc).__name__}: {exc}")
        return "failed"
    finally:
        progress.stopped = True
        beat.cancel()
    return "succeeded"


async def _status(context: WorkerContext, job_id: str) -> JobStatus | None:
    return await side_jobs.status_of(context.session_factory, BacktestJob, job_id)


async def _fail(context: WorkerContext, job: BacktestJob, error: str) -> None:
    await side_jobs.finish(
        context.session_factory,
        BacktestJob,
        job.id,
        JobStatus.failed,
        attempt=job.attempts,
        error=error,
        content=None,
    )


async def _requeue(context: WorkerContext, job_id: str) -> None:
    factory = context.session_factory
    next_attempt = await side_jobs.requeue(factory, BacktestJob, job_id, STOPPED)
    if next_attempt is None:
        return
    try:
        await enqueue_backtest(context.queue, job_id, context.settings.queue_name, next_attempt)
    except Exception as exc:  # the other workers' sweep sends it once the queue answers
        log.warning("backtest job %s is queued again but could not be sent: %s", job_id, exc)


async def sweep_backtest_jobs(context: WorkerContext) -> int:
    """Requeue dead workers' backtests and (re-)send queued ones; messages sent."""
    factory = context.session_factory
    stale = context.settings.job_heartbeat_stale_seconds
    for job_id, attempt in await side_jobs.reap_stale(factory, BacktestJob, stale, STOPPED):
        log.warning("backtest job %s lost its worker; queued again (attempt %d)", job_id, attempt)
    sent = 0
    for job_id, attempt in await side_jobs.queued(factory, BacktestJob):
        sent += await enqueue_backtest(context.queue, job_id, context.settings.queue_name, attempt)
    return sent
