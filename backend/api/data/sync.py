"""Starting, watching and cancelling OpenDota sync jobs (the run itself is a worker's)."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time

from sqlmodel import col, select

from backend.api.data.schemas import SyncJobList, SyncJobRead, SyncRequest
from backend.context import AppContext
from backend.db.engine import as_utc
from backend.db.tables import JobStatus, SyncJob
from backend.errors import ApiError, ErrorCode
from backend.opendota import jobs
from backend.opendota.run import SyncOptions
from backend.queue import enqueue_sync
from backend.text import quote

log = logging.getLogger(__name__)


def job_read(job: SyncJob) -> SyncJobRead:
    """The public view of a sync job row."""
    created = as_utc(job.created_at)
    assert created is not None
    return SyncJobRead(
        job_id=job.id,
        status=JobStatus(job.status).value,
        progress=round(job.progress, 4),
        message=job.message,
        error=job.error,
        scheduled=job.scheduled,
        options=job.options,
        pages=job.pages,
        stored=job.stored,
        duplicates=job.duplicates,
        calls=job.calls,
        player_names=job.player_names,
        skipped=job.skipped,
        dataset_id=job.dataset_id,
        attempts=job.attempts,
        max_attempts=job.max_attempts,
        created_at=created,
        started_at=as_utc(job.started_at),
        finished_at=as_utc(job.finished_at),
    )


def _seconds(day: date | None, end_of_day: bool = False) -> int | None:
    if day is None:
        return None
    moment = datetime.combine(day, time.max if end_of_day else time.min, tzinfo=UTC)
    return int(moment.timestamp())


def options_of(request: SyncRequest) -> SyncOptions:
    """The worker's options for a request (days as UTC seconds, `until` inclusive)."""
    return SyncOptions(
        max_matches=request.max_matches,
        min_start_time=_seconds(request.since),
        max_start_time=_seconds(request.until, end_of_day=True),
        league_ids=tuple(request.league_ids) if request.league_ids else None,
        players=request.players,
        as_dataset=request.as_dataset,
        reset=request.reset,
    )


async def start_sync(ctx: AppContext, request: SyncRequest) -> SyncJobRead:
    """Queue a sync; 409 while another one is queued or running, 503 without a queue."""
    queue = await ctx.live_queue()
    if queue is None:
        raise ApiError(
            503,
            ErrorCode.queue_unavailable,
            "the job queue (Redis/Valkey at APP_REDIS_URL) is not reachable; try again later",
            retry_after=5,
        )
    job = jobs.new_job(options_of(request).to_json(), ctx.settings.job_max_attempts)
    created = await jobs.create_job(ctx.session_factory, job)
    if created.id != job.id:
        raise ApiError(
            409,
            ErrorCode.sync_running,
            f"sync job {created.id} is {created.status}; one sync runs at a time (they share "
            "the cursor): wait for it or cancel it (POST /api/v1/data/sync/cancel)",
        )
    try:
        await enqueue_sync(queue, job.id, ctx.settings.queue_name)
    except Exception as exc:  # stays queued: every worker's sweep sends queued jobs again
        log.warning("sync job %s stored but not sent (a worker's sweep will): %s", job.id, exc)
    return job_read(job)


async def find_sync(ctx: AppContext, job_id: str | None) -> SyncJobRead:
    """One sync job by id, or the latest one."""
    async with ctx.session_factory() as session:
        if job_id is not None:
            job = await session.get(SyncJob, job_id)
        else:
            query = select(SyncJob).order_by(col(SyncJob.created_at).desc()).limit(1)
            job = (await session.exec(query)).first()
    if job is None:
        what = f"with job_id {quote(job_id)}" if job_id is not None else "yet"
        raise ApiError(
            404,
            ErrorCode.sync_job_not_found,
            f"no sync job {what}",
            field="job_id" if job_id is not None else None,
        )
    return job_read(job)


async def recent_syncs(ctx: AppContext, limit: int) -> SyncJobList:
    """The latest sync jobs, newest first."""
    async with ctx.session_factory() as session:
        query = select(SyncJob).order_by(col(SyncJob.created_at).desc()).limit(limit)
        return SyncJobList(jobs=[job_read(j) for j in (await session.exec(query)).all()])


async def cancel_sync(ctx: AppContext, job_id: str) -> SyncJobRead:
    """Cancel a queued or running sync (a running one stops within about a second, and the
    page it was fetching is not stored)."""
    current = await find_sync(ctx, job_id)
    if JobStatus(current.status).finished:
        raise ApiError(
            409,
            ErrorCode.job_finished,
            f"sync job {job_id} already {current.status}; only queued or running jobs can be "
            "cancelled",
            field="job_id",
        )
    await jobs.finish(ctx.session_factory, job_id, JobStatus.cancelled, attempt=None)
    return await find_sync(ctx, job_id)
