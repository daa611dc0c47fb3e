"""State transitions of the jobs besides training (OpenDota syncs, backtests): one owner.

Their tables share the job columns (status, progress, message, error, attempts, max_attempts,
started/finished/heartbeat times); the database is the truth and the queue only transport, as
for training jobs (db/job_state.py). Each function takes the table's class.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.engine import as_utc, transaction
from backend.db.tables import BacktestJob, JobStatus, SyncJob, utcnow

Factory = async_sessionmaker[AsyncSession]
Job = TypeVar("Job", SyncJob, BacktestJob)


async def locked(session: AsyncSession, table: type[Job], job_id: str) -> Job | None:
    """The row as last committed, write-locked until commit (see job_state.locked_job)."""
    await session.exec(update(table).where(col(table.id) == job_id).values(status=table.status))
    return await session.get(table, job_id, populate_existing=True)


def _release(job: SyncJob | BacktestJob) -> None:
    if isinstance(job, SyncJob):
        job.active = None  # one sync may be active: this one no longer is


async def claim(factory: Factory, table: type[Job], job_id: str, attempt: int | None) -> Job | None:
    """queued -> running (one more attempt); None if this delivery must not run."""
    async with transaction(factory) as session:
        job = await locked(session, table, job_id)
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
    factory: Factory,
    table: type[Job],
    job_id: str,
    attempt: int,
    progress: float,
    message: str,
    **values: Any,
) -> bool:
    """Record progress (and other columns); False when this attempt no longer runs the job."""
    async with transaction(factory) as session:
        result = await session.exec(
            update(table)
            .where(
                col(table.id) == job_id,
                col(table.status) == JobStatus.running,
                col(table.attempts) == attempt,
            )
            .values(heartbeat_at=utcnow(), progress=progress, message=message[:500], **values)
        )
        return bool(result.rowcount)


async def finish(
    factory: Factory,
    table: type[Job],
    job_id: str,
    status: JobStatus,
    *,
    attempt: int | None,
    message: str | None = None,
    error: str | None = None,
    **values: Any,
) -> bool:
    """End the job (only from an active state; with `attempt`, only that running attempt)."""
    async with transaction(factory) as session:
        return await finish_in(
            session, table, job_id, status, attempt=attempt, message=message, error=error, **values
        )


async def finish_in(
    session: AsyncSession,
    table: type[Job],
    job_id: str,
    status: JobStatus,
    *,
    attempt: int | None,
    message: str | None = None,
    error: str | None = None,
    **values: Any,
) -> bool:
    """``finish`` inside the caller's transaction, so a job's result and its end commit together
    (a cancel committed first makes this False, and the caller stores nothing)."""
    job = await locked(session, table, job_id)
    if job is None or JobStatus(job.status).finished:
        return False
    if attempt is not None and (job.status != JobStatus.running or job.attempts != attempt):
        return False
    job.status = status
    _release(job)
    job.error = error[:4000] if error is not None else None
    job.finished_at = utcnow()
    for name, value in values.items():
        setattr(job, name, value)
    if status == JobStatus.succeeded:
        job.progress = 1.0
    job.message = (message or status.value)[:500]
    session.add(job)
    return True


async def requeue(factory: Factory, table: type[Job], job_id: str, reason: str) -> int | None:
    """An interrupted running job back to queued (the next attempt), or failed after the last."""
    async with transaction(factory) as session:
        job = await locked(session, table, job_id)
        if job is None or job.status != JobStatus.running:
            return None
        if job.attempts < job.max_attempts:
            job.status = JobStatus.queued
            job.heartbeat_at = None
            job.message = f"{reason}; queued again for attempt {job.attempts + 1}"[:500]
            session.add(job)
            return job.attempts + 1
        job.status = JobStatus.failed
        _release(job)
        job.finished_at = utcnow()
        job.message = "failed"
        job.error = f"{reason}; interrupted {job.attempts} times, not retried again"
        session.add(job)
        return None


async def reap_stale(
    factory: Factory, table: type[Job], stale_after_seconds: float, reason: str
) -> list[tuple[str, int]]:
    """Requeue running jobs whose worker stopped beating (killed); (job id, next attempt)."""
    cutoff = utcnow() - timedelta(seconds=stale_after_seconds)
    async with factory() as session:
        rows = await session.exec(
            select(table.id, table.heartbeat_at).where(table.status == JobStatus.running)
        )
        stale = [job_id for job_id, beat in rows.all() if _before(beat, cutoff)]
    out = []
    for job_id in stale:
        attempt = await requeue(factory, table, job_id, reason)
        if attempt is not None:
            out.append((job_id, attempt))
    return out


def _before(beat: datetime | None, cutoff: datetime) -> bool:
    stamp = as_utc(beat)
    return stamp is None or stamp < cutoff


async def queued(factory: Factory, table: type[Job]) -> list[tuple[str, int]]:
    """Every queued job and the attempt its next message is for."""
    async with factory() as session:
        rows = await session.exec(
            select(table.id, table.attempts).where(table.status == JobStatus.queued)
        )
        return [(job_id, attempts + 1) for job_id, attempts in rows.all()]


async def status_of(factory: Factory, table: type[Job], job_id: str) -> JobStatus | None:
    """The job's status now (None if it is gone)."""
    async with factory() as session:
        job = await session.get(table, job_id)
        return None if job is None else JobStatus(job.status)
