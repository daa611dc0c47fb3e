"""Job state transitions, shared by the API and the workers (the database is the truth)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.engine import transaction
from backend.db.inserts import BulkInsert
from backend.db.registry import activate_recorded, remove_model
from backend.db.tables import (
    HoldoutPredictions,
    JobStatus,
    MLModel,
    ModelArtifact,
    ModelStatus,
    Player,
    RollForwardState,
    TrainingJob,
    utcnow,
)
from backend.db.trained import TrainingResult, new_state_row

Factory = async_sessionmaker[AsyncSession]
PLAYERS = Player.__table__  # type: ignore[attr-defined]
ACTIVE_STATES = (JobStatus.queued, JobStatus.running)


async def locked_job(session: AsyncSession, job_id: str) -> TrainingJob | None:
    """The job as last committed, locked until this transaction ends (the read of a
    read-then-write state change).

    SQLite's driver opens a transaction only at the first write, so a plain read followed by
    a write can act on a state another process changed in between: a worker's claim read
    "queued", a cancel committed, and the claim's write put the job back to "running". A no-op
    UPDATE first takes SQLite's write lock (PostgreSQL: the row lock), so the read after it is
    current and nobody else changes the job before our commit.
    """
    await session.exec(
        update(TrainingJob).where(col(TrainingJob.id) == job_id).values(status=TrainingJob.status)
    )
    return await session.get(TrainingJob, job_id, populate_existing=True)


async def claim_job(
    factory: Factory, job_id: str, attempt: int | None = None
) -> TrainingJob | None:
    """Mark a queued job as running (one more attempt); None if it must not run.

    `attempt` is the attempt the queue message was sent for: a late or duplicate delivery of an
    earlier attempt (arq may deliver a message again) finds the number moved on and is skipped.
    """
    async with transaction(factory) as session:
        job = await locked_job(session, job_id)
        if job is None or job.status != JobStatus.queued:
            return None
        if attempt is not None and attempt != job.attempts + 1:
            return None
        now = utcnow()
        job.status = JobStatus.running
        job.attempts += 1
        job.started_at = now
        job.heartbeat_at = now
        job.progress = 0.0
        job.message = "starting" if job.attempts == 1 else f"starting attempt {job.attempts}"
        job.error = None
        session.add(job)
        return job


async def report_progress(factory: Factory, job_id: str, progress: float, message: str) -> bool:
    """Record progress and a heartbeat; False when the job was cancelled meanwhile."""
    async with transaction(factory) as session:
        result = await session.exec(
            update(TrainingJob)
            .where(col(TrainingJob.id) == job_id, col(TrainingJob.status) == JobStatus.running)
            .values(progress=progress, message=message[:500], heartbeat_at=utcnow())
        )
        return bool(result.rowcount)


async def _finish(
    factory: Factory, job_id: str, status: JobStatus, error: str | None, attempt: int | None
) -> bool:
    async with transaction(factory) as session:
        job = await locked_job(session, job_id)
        if job is None or JobStatus(job.status).finished:
            return False
        if attempt is not None and (job.status != JobStatus.running or job.attempts != attempt):
            return False  # that attempt was superseded (requeued after a missed heartbeat)
        job.status = status
        job.error = error[:4000] if error is not None else None
        job.message = status.value
        job.finished_at = utcnow()
        session.add(job)
        model = await session.get(MLModel, job.model_id)
        if model is not None and model.status == ModelStatus.training:
            if status == JobStatus.cancelled and not model.is_active:
                await remove_model(session, model)  # never trained: nothing else to keep
            else:
                model.status = ModelStatus.failed
                session.add(model)
        return True


async def finish_failed(
    factory: Factory, job_id: str, error: str, *, attempt: int | None = None
) -> bool:
    """End a job as failed by its own error (never retried); its model is marked failed too.

    With `attempt`, only while that attempt is the one running.
    """
    return await _finish(factory, job_id, JobStatus.failed, error, attempt)


async def finish_cancelled(factory: Factory, job_id: str) -> bool:
    """End a job as cancelled by request; its never-trained model row is removed (job kept)."""
    return await _finish(factory, job_id, JobStatus.cancelled, None, None)


async def requeue_job(factory: Factory, job_id: str, reason: str) -> int | None:
    """Put an interrupted running job back to queued; the next attempt, or None if it ended.

    A job interrupted max_attempts times ends failed instead, so a job that kills its worker
    (say, out of memory) cannot take the service down forever.
    """
    async with transaction(factory) as session:
        job = await locked_job(session, job_id)
        if job is None or job.status != JobStatus.running:
            return None
        if job.attempts < job.max_attempts:
            job.status = JobStatus.queued
            job.progress = 0.0
            job.heartbeat_at = None
            job.message = (
                f"{reason}; queued again for attempt {job.attempts + 1} of {job.max_attempts}"
            )[:500]
            session.add(job)
            return job.attempts + 1
    await finish_failed(
        factory,
        job_id,
        f"{reason}; the job was interrupted {job.attempts} times "
        f"(APP_JOB_MAX_ATTEMPTS={job.max_attempts}) and is not retried again",
    )
    return None


async def finish_succeeded(
    factory: Factory, job_id: str, result: TrainingResult, *, attempt: int | None = None
) -> bool:
    """Store the trained model, its players and the job's success in one transaction."""
    async with transaction(factory) as session:
        job = await locked_job(session, job_id)
        if job is None or job.status != JobStatus.running:
            return False
        if attempt is not None and job.attempts != attempt:
            return False
        model = await session.get(MLModel, job.model_id)
        if model is None:
            return False
        await write_trained(session, model, result)
        job.status = JobStatus.succeeded
        job.progress = 1.0
        job.message = "done"
        job.finished_at = utcnow()
        session.add(job)
        if job.activate_on_success:
            await activate_recorded(
                session,
                model.id,
                actor="bootstrap",
                reason="default model trained on first start and activated on success",
                evidence={"job_id": job.id, "metrics": result.metrics},
            )
        return True


async def write_trained(session: AsyncSession, model: MLModel, result: TrainingResult) -> None:
    """A trained model's row, artifact and players (a fit's result, or an imported model)."""
    model.hyperparameters = result.hyperparameters
    model.metrics = result.metrics
    model.evaluation = result.evaluation
    model.feature_importances = result.feature_importances
    model.training_summary = result.training_summary
    model.fit_seconds = result.fit_seconds
    model.status = ModelStatus.ready
    model.trained_at = utcnow()
    session.add(model)
    await session.exec(delete(ModelArtifact).where(col(ModelArtifact.model_id) == model.id))
    await session.exec(delete(Player).where(col(Player.model_id) == model.id))
    await session.exec(
        delete(HoldoutPredictions).where(col(HoldoutPredictions.model_id) == model.id)
    )
    if result.holdout_csv is not None:
        session.add(
            HoldoutPredictions(
                model_id=model.id, n_matches=result.n_holdout, content=result.holdout_csv
            )
        )
    await session.exec(delete(RollForwardState).where(col(RollForwardState.model_id) == model.id))
    if result.training_end is not None:  # else the next results post reads it from the artifact
        session.add(new_state_row(model.id, result.training_end))
    session.add(
        ModelArtifact(
            model_id=model.id,
            content=result.artifact,
            size_bytes=len(result.artifact),
            sha256=hashlib.sha256(result.artifact).hexdigest(),
        )
    )
    # A model knows thousands of players: one driver-level executemany/COPY, not an ORM
    # object per row (that was ~1.5 s of a small fit's overhead).
    connection = await session.connection()
    players = BulkInsert(PLAYERS, "model_id, account_id", connection.dialect)
    await players.execute(
        connection, [(model.id, account, games) for account, games in result.players]
    )


async def reap_stale_jobs(factory: Factory, stale_after_seconds: float) -> list[tuple[str, int]]:
    """Requeue running jobs whose worker stopped sending heartbeats (e.g. it was killed).

    Returns (job id, next attempt) of the jobs to send to the queue again.
    """
    cutoff = utcnow() - timedelta(seconds=stale_after_seconds)
    async with factory() as session:
        stale = (
            await session.exec(
                select(TrainingJob.id).where(
                    col(TrainingJob.status) == JobStatus.running,
                    col(TrainingJob.heartbeat_at) < cutoff,
                )
            )
        ).all()
    requeued = []
    for job_id in stale:
        attempt = await requeue_job(
            factory, job_id, "the worker running this job stopped sending heartbeats (it died)"
        )
        if attempt is not None:
            requeued.append((job_id, attempt))
    return requeued


async def queued_jobs(factory: Factory) -> list[tuple[str, int]]:
    """(job id, next attempt) of the jobs still waiting, oldest first, to (re-)enqueue."""
    async with factory() as session:
        rows = await session.exec(
            select(TrainingJob.id, TrainingJob.attempts)
            .where(col(TrainingJob.status) == JobStatus.queued)
            .order_by(col(TrainingJob.created_at))
        )
        return [(job_id, attempts + 1) for job_id, attempts in rows.all()]


async def job_status(factory: Factory, job_id: str) -> JobStatus | None:
    """The current status of a job, read fresh."""
    async with factory() as session:
        job = await session.get(TrainingJob, job_id)
        return None if job is None else JobStatus(job.status)
