"""Backtests of large files as worker jobs: submit (everything a file can fail on is a 400
now), watch, cancel. A worker runs the same computation as POST /api/v1/models/backtest
(backend/worker/backtest_task.py) and stores the same report."""

from __future__ import annotations

import asyncio
import gzip
import logging
import uuid

from sqlmodel import col, select

from backend.api.models.backtest import read_input
from backend.api.models.evaluation import models_to_score
from backend.api.models.lifecycle_schemas import BacktestJobForm, BacktestJobRead
from backend.api.uploads import read_upload
from backend.context import AppContext
from backend.db import side_jobs
from backend.db.engine import as_utc, transaction
from backend.db.tables import BacktestJob, JobStatus
from backend.errors import ApiError, ErrorCode
from backend.queue import enqueue_backtest
from backend.text import quote

log = logging.getLogger(__name__)


def job_read(job: BacktestJob) -> BacktestJobRead:
    """The public view of a backtest job row."""
    created = as_utc(job.created_at)
    assert created is not None
    return BacktestJobRead(
        job_id=job.id,
        status=JobStatus(job.status).value,
        progress=round(job.progress, 4),
        message=job.message,
        error=job.error,
        filename=job.filename,
        n_matches=job.n_matches,
        options=job.form,
        backtest_id=job.backtest_id,
        attempts=job.attempts,
        max_attempts=job.max_attempts,
        created_at=created,
        started_at=as_utc(job.started_at),
        finished_at=as_utc(job.finished_at),
    )


async def submit(ctx: AppContext, form: BacktestJobForm) -> BacktestJobRead:
    """Validate the file and the models, store the job with its file, queue it."""
    queue = await ctx.live_queue()
    if queue is None:
        raise ApiError(
            503,
            ErrorCode.queue_unavailable,
            "the job queue (Redis/Valkey at APP_REDIS_URL) is not reachable; try again later",
            retry_after=5,
        )
    data = await read_upload(ctx, form.file)
    request = await read_input(
        ctx,
        data,
        form.file.filename,
        model_ids=form.model_ids,
        apply_every=form.apply_every,
        include_training=form.include_training_matches,
    )
    async with ctx.session_factory() as session:
        await models_to_score(session, request.model_ids)  # unknown or unready ids: 4xx now
    job = BacktestJob(
        id=f"backtest-job-{uuid.uuid4().hex[:16]}",
        form={
            "model_ids": request.model_ids,
            "apply_every": str(request.every),
            "include_training_matches": request.include_training,
        },
        filename=(form.file.filename or "upload.csv")[:255],
        n_matches=request.frame.height,
        content=await asyncio.to_thread(gzip.compress, data, 6, mtime=0),
        max_attempts=ctx.settings.job_max_attempts,
    )
    async with transaction(ctx.session_factory) as session:
        session.add(job)
    try:
        await enqueue_backtest(queue, job.id, ctx.settings.queue_name)
    except Exception as exc:  # stays queued: every worker's sweep sends queued jobs again
        log.warning("backtest job %s stored but not sent (a worker's sweep will): %s", job.id, exc)
    return job_read(job)


async def find(ctx: AppContext, job_id: str) -> BacktestJobRead:
    """One backtest job by id."""
    async with ctx.session_factory() as session:
        job = await session.get(BacktestJob, job_id)
    if job is None:
        raise ApiError(
            404,
            ErrorCode.backtest_job_not_found,
            f"no backtest job with job_id {quote(job_id)}",
            field="job_id",
        )
    return job_read(job)


async def recent(ctx: AppContext, limit: int) -> list[BacktestJobRead]:
    """The latest backtest jobs, newest first."""
    async with ctx.session_factory() as session:
        query = select(BacktestJob).order_by(col(BacktestJob.created_at).desc()).limit(limit)
        return [job_read(j) for j in (await session.exec(query)).all()]


async def cancel(ctx: AppContext, job_id: str) -> BacktestJobRead:
    """Cancel a queued or running backtest (a running one stops before its next model and
    stores nothing)."""
    current = await find(ctx, job_id)
    if JobStatus(current.status).finished:
        raise ApiError(
            409,
            ErrorCode.job_finished,
            f"backtest job {job_id} already {current.status}; only queued or running jobs can "
            "be cancelled",
            field="job_id",
        )
    await side_jobs.finish(
        ctx.session_factory, BacktestJob, job_id, JobStatus.cancelled, attempt=None, content=None
    )
    return await find(ctx, job_id)
