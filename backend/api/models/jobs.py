"""Watching and cancelling training jobs."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.schemas import JobList, JobStatusRead
from backend.context import AppContext
from backend.db.engine import as_utc, transaction
from backend.db.job_state import finish_cancelled
from backend.db.tables import JobStatus, MLModel, TrainingJob
from backend.errors import ApiError, ErrorCode
from backend.text import quote


def job_read(job: TrainingJob, model_deleted: bool = False) -> JobStatusRead:
    """The public view of a job row."""
    return JobStatusRead(
        job_id=job.id,
        model_id=job.model_id,
        model_type=job.model_type,
        status=JobStatus(job.status).value,
        progress=round(job.progress, 4),
        message=job.message,
        error=job.error,
        created_at=as_utc(job.created_at),
        started_at=as_utc(job.started_at),
        finished_at=as_utc(job.finished_at),
        attempts=job.attempts,
        max_attempts=job.max_attempts,
        model_deleted=model_deleted,
    )


async def _read_jobs(session: AsyncSession, jobs: list[TrainingJob]) -> list[JobStatusRead]:
    """Job views, marking jobs whose model no longer exists."""
    ids = {j.model_id for j in jobs}
    existing = set((await session.exec(select(MLModel.id).where(col(MLModel.id).in_(ids)))).all())
    return [job_read(j, model_deleted=j.model_id not in existing) for j in jobs]


async def find_job(
    session: AsyncSession, job_id: str | None, model_id: str | None, limit: int
) -> JobStatusRead | JobList:
    """One job by id, the latest job of a model, or the recent jobs."""
    if job_id is not None:
        job = await session.get(TrainingJob, job_id)
        if job is None:
            raise ApiError(
                404,
                ErrorCode.job_not_found,
                f"no training job with job_id {quote(job_id)}",
                field="job_id",
            )
        return (await _read_jobs(session, [job]))[0]
    query = select(TrainingJob).order_by(col(TrainingJob.created_at).desc())
    if model_id is not None:
        job = (await session.exec(query.where(TrainingJob.model_id == model_id).limit(1))).first()
        if job is None:
            raise ApiError(
                404,
                ErrorCode.job_not_found,
                f"no training job for model_id {quote(model_id)}",
                field="model_id",
            )
        return (await _read_jobs(session, [job]))[0]
    return JobList(
        jobs=await _read_jobs(session, list((await session.exec(query.limit(limit))).all()))
    )


async def cancel_job(ctx: AppContext, job_id: str) -> JobStatusRead:
    """Cancel a queued or running job (a running one is stopped within a second)."""
    async with transaction(ctx.session_factory) as session:
        job = await session.get(TrainingJob, job_id)
        if job is None:
            raise ApiError(
                404,
                ErrorCode.job_not_found,
                f"no training job with job_id {quote(job_id)}",
                field="job_id",
            )
        if JobStatus(job.status).finished:
            raise ApiError(
                409,
                ErrorCode.job_finished,
                f"job {job_id} already {job.status}; only queued or running jobs can be cancelled",
                field="job_id",
            )
    await finish_cancelled(ctx.session_factory, job_id)
    async with ctx.session_factory() as session:
        job = await session.get(TrainingJob, job_id)
        assert job is not None
        return (await _read_jobs(session, [job]))[0]
