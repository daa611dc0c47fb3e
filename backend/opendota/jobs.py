"""Sync job state, shared by the API and the workers (transitions: db/side_jobs.py).

One sync at a time: its cursor is shared, so a second run would only race the first for the
same pages; the row's unique `active` marker enforces it in the database. A scheduled run
(APP_OPENDOTA_SYNC_MINUTES) has an id derived from its time slot, so several workers asking
for the same slot insert one row.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db import side_jobs
from backend.db.engine import transaction
from backend.db.tables import JobStatus, SyncJob, utcnow
from backend.opendota.store import SyncReport

Factory = async_sessionmaker[AsyncSession]
ACTIVE = (JobStatus.queued.value, JobStatus.running.value)
STOPPED = "the worker running this sync stopped"


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
    slot = int(utcnow().timestamp() // (minutes * 60))
    job = SyncJob(id=f"sync-scheduled-{slot}", options=options, scheduled=True)
    async with factory() as session:
        if await session.get(SyncJob, job.id) is not None:
            return None  # this slot ran (or runs) already
    try:
        created = await create_job(factory, job)
    except IntegrityError:  # another worker stored this slot's row first
        return None
    return created.id if created.id == job.id else None


def counts(report: SyncReport) -> dict[str, Any]:
    """The report's columns of the job row."""
    values = asdict(report)
    values.pop("done")
    return values


async def claim(factory: Factory, job_id: str, attempt: int | None) -> SyncJob | None:
    """queued -> running; None if this delivery must not run."""
    return await side_jobs.claim(factory, SyncJob, job_id, attempt)


async def heartbeat(
    factory: Factory, job_id: str, attempt: int, report: SyncReport, progress: float, message: str
) -> bool:
    """Progress and the report so far; False when this attempt no longer runs the job."""
    return await side_jobs.heartbeat(
        factory, SyncJob, job_id, attempt, progress, message, **counts(report)
    )


async def finish(
    factory: Factory,
    job_id: str,
    status: JobStatus,
    *,
    attempt: int | None,
    report: SyncReport | None = None,
    error: str | None = None,
) -> bool:
    """End the job with its report."""
    message = None
    if status == JobStatus.succeeded:
        message = "finished: no older pages" if report is not None and report.done else "finished"
    values = counts(report) if report is not None else {}
    return await side_jobs.finish(
        factory, SyncJob, job_id, status, attempt=attempt, message=message, error=error, **values
    )


async def requeue(factory: Factory, job_id: str, reason: str) -> int | None:
    """An interrupted running sync back to queued (or failed after its last attempt)."""
    return await side_jobs.requeue(factory, SyncJob, job_id, reason)


async def reap_stale(factory: Factory, stale_after_seconds: float) -> list[tuple[str, int]]:
    """Requeue syncs whose worker stopped beating."""
    return await side_jobs.reap_stale(factory, SyncJob, stale_after_seconds, STOPPED)


async def queued(factory: Factory) -> list[tuple[str, int]]:
    """Queued syncs and the attempt each next message is for."""
    return await side_jobs.queued(factory, SyncJob)


async def status_of(factory: Factory, job_id: str) -> JobStatus | None:
    """The sync's status now."""
    return await side_jobs.status_of(factory, SyncJob, job_id)
