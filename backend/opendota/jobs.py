"""Sync job state, shared by the API and the workers (the database is the truth, as for fits).

One sync at a time: its cursor is shared, so a second run would only race the first for the
same pages; the row's unique `active` marker enforces it in the database. A scheduled run
(APP_OPENDOTA_SYNC_MINUTES) has an id derived from its time slot, so several workers asking
for the same slot insert one row.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.engine import as_utc, transaction
from backend.db.tables import JobStatus, SyncJob, utcnow
from backend.opendota.store import SyncReport

Factory = async_sessionmaker[AsyncSession]
ACTIVE = (JobStatus.queued.value, JobStatus.running.value)


async def _locked(session: AsyncSession, job_id: str) -> SyncJob | None:
    """The row as last committed, write-locked until commit (see db/job_state.locked_job)."""
    await session.exec(
        update(SyncJob).where(col(SyncJob.id) == job_id).values(status=SyncJob.status)
    )
    return await session.get(SyncJob, job_id, populate_existing=True)


async def active_job(session: AsyncSession) -> SyncJob | None:
    """The queued or running sync, if any."""
    query = select(SyncJob).where(col(SyncJob.status).in_(ACTIVE)).limit(1)
    return (await session.exec(query)).first()


def new_job(options: dict[str, Any], max_attempts: int) -> SyncJob:
    """A queued job row (not yet stored)."""
    return SyncJob(id=f"sync-{uuid.uuid4().hex[:16]}", options=options, max_attempts=max_attempts)


async def create_job(factory: Factory, job: SyncJob) -> SyncJob:
    """Store a queued job unless a sync is already queued or running; returns the one that is.

    The caller compares ids to tell its own new job from the one that was already there.
    """
    try:
        async with transaction(factory) as session:
            session.add(job)
        return job
    except IntegrityError:  # the unique active marker (or this id) is taken
        async with factory() as session:
            running = await active_job(session)
            if running is None:  # it ended in between, or the id was a scheduled slot's
                raise
            return running


async def schedule_due(factory: Factory, minutes: float, options: dict[str, Any]) -> str | None:
    """Queue this time slot's scheduled sync once (any number of workers); its id or None."""
    now = utcnow()
    slot = int(now.timestamp() // (minutes * 60))
    job = SyncJob(id=f"sync-scheduled-{slot}", options=options, scheduled=True)
    async with factory() as session:
        if await session.get(SyncJob, job.id) is not None:
            return None  # this slot ran (or runs) already
    try:
        created = await create_job(factory, job)
    except IntegrityError:  # another worker stored this slot's row first
        return None
    return created.id if created.id == job.id else None


async def claim(factory: Factory, job_id: str, attempt: int | None) -> SyncJob | None:
    """queued -> running (one more attempt); None if this delivery must not run."""
    async with transaction(factory) as session:
        job = await _locked(session, job_id)
        if job is None or job.status != JobStatus.queued:
            return None
        if attempt is not None and attempt != job.attempts + 1:
            return None  # a late or duplicate delivery of an earlier attempt
        now = utcnow()
        job.status = JobStatus.running
        job.attempts += 1
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.message = "starting" if job.attempts == 1 else f"starting attempt {job.attempts}"
        job.error = None
        session.add(job)
        return job


async def heartbeat(
    factory: Factory, job_id: str, attempt: int, report: SyncReport, progress: float, message: str
) -> bool:
    """Record progress; False when this attempt no longer runs the job (cancelled, requeued)."""
    async with transaction(factory) as session:
        result = await session.exec(
            update(SyncJob)
            .where(
                col(SyncJob.id) == job_id,
                col(SyncJob.status) == JobStatus.running,
                col(SyncJob.attempts) == attempt,
            )
            .values(
                heartbeat_at=utcnow(), progress=progress, message=message[:500], **_counts(report)
            )
        )
        return bool(result.rowcount)


def _counts(report: SyncReport) -> dict[str, Any]:
    values = asdict(report)
    values.pop("done")
    return values


async def finish(
    factory: Factory,
    job_id: str,
    status: JobStatus,
    *,
    attempt: int | None,
    report: SyncReport | None = None,
    error: str | None = None,
) -> bool:
    """End the job (only from an active state; with `attempt`, only that running attempt)."""
    async with transaction(factory) as session:
        job = await _locked(session, job_id)
        if job is None or JobStatus(job.status).finished:
            return False
        if attempt is not None and (job.status != JobStatus.running or job.attempts != attempt):
            return False
        job.status = status
        job.active = None
        job.error = error[:4000] if error is not None else None
        job.finished_at = utcnow()
        if report is not None:
            for name, value in _counts(report).items():
                setattr(job, name, value)
        if status == JobStatus.succeeded:
            job.progress = 1.0
            ended = report is not None and report.done
            job.message = "finished: no older pages" if ended else "finished"
        else:
            job.message = status.value
        session.add(job)
        return True


async def requeue(factory: Factory, job_id: str, reason: str) -> int | None:
    """An interrupted running job back to queued (the next attempt), or failed after the last."""
    async with transaction(factory) as session:
        job = await _locked(session, job_id)
        if job is None or job.status != JobStatus.running:
            return None
        if job.attempts < job.max_attempts:
            job.status = JobStatus.queued
            job.heartbeat_at = None
            job.message = f"{reason}; queued again for attempt {job.attempts + 1}"[:500]
            session.add(job)
            return job.attempts + 1
        job.status = JobStatus.failed
        job.active = None
        job.finished_at = utcnow()
        job.message = "failed"
        job.error = f"{reason}; interrupted {job.attempts} times, not retried again"
        session.add(job)
        return None


async def reap_stale(factory: Factory, stale_after_seconds: float) -> list[tuple[str, int]]:
    """Requeue running jobs whose worker stopped beating (killed); (job id, next attempt)."""
    cutoff = utcnow() - timedelta(seconds=stale_after_seconds)
    async with factory() as session:
        rows = await session.exec(
            select(SyncJob.id, SyncJob.heartbeat_at).where(SyncJob.status == JobStatus.running)
        )
        stale = [job_id for job_id, beat in rows.all() if _before(beat, cutoff)]
    out = []
    for job_id in stale:
        attempt = await requeue(factory, job_id, "the worker running this sync stopped")
        if attempt is not None:
            out.append((job_id, attempt))
    return out


def _before(beat: datetime | None, cutoff: datetime) -> bool:
    stamp = as_utc(beat)
    return stamp is None or stamp < cutoff


async def queued(factory: Factory) -> list[tuple[str, int]]:
    """Every queued job and the attempt its next message is for."""
    async with factory() as session:
        rows = await session.exec(
            select(SyncJob.id, SyncJob.attempts).where(SyncJob.status == JobStatus.queued)
        )
        return [(job_id, attempts + 1) for job_id, attempts in rows.all()]


async def status_of(factory: Factory, job_id: str) -> JobStatus | None:
    """The job's status now (None if it is gone)."""
    async with factory() as session:
        job = await session.get(SyncJob, job_id)
        return None if job is None else JobStatus(job.status)
