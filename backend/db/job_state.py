"""Job state transitions, shared by the API and the workers (the database is the truth)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.engine import transaction
from backend.db.tables import (
    JobStatus,
    MLModel,
    ModelArtifact,
    ModelStatus,
    Player,
    TrainingJob,
    utcnow,
)

Factory = async_sessionmaker[AsyncSession]
ACTIVE_STATES = (JobStatus.queued, JobStatus.running)


async def claim_job(factory: Factory, job_id: str) -> TrainingJob | None:
    """Mark a queued (or orphaned running) job as running; None if it must not run."""
    async with transaction(factory) as session:
        job = await session.get(TrainingJob, job_id, with_for_update=True)
        if job is None or JobStatus(job.status).finished:
            return None
        now = utcnow()
        job.status = JobStatus.running
        job.started_at = now
        job.heartbeat_at = now
        job.progress = 0.0
        job.message = "starting"
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


async def finish_failed(factory: Factory, job_id: str, error: str, status: JobStatus) -> None:
    """End a job as failed or cancelled; its model is marked failed, or deleted if cancelled.

    A cancelled job's model never got an artifact: its row goes so the model list shows no
    half-made model; the job stays (status cancelled, model_deleted true).
    """
    async with transaction(factory) as session:
        job = await session.get(TrainingJob, job_id)
        if job is None or JobStatus(job.status).finished:
            return
        job.status = status
        job.error = error[:4000] if status == JobStatus.failed else None
        job.message = "cancelled" if status == JobStatus.cancelled else "failed"
        job.finished_at = utcnow()
        session.add(job)
        model = await session.get(MLModel, job.model_id)
        if model is not None and model.status == ModelStatus.training:
            if status == JobStatus.cancelled and not model.is_active:
                await session.delete(model)
            else:
                model.status = ModelStatus.failed
                session.add(model)


async def finish_succeeded(
    factory: Factory, job_id: str, artifact: bytes, metadata: dict[str, Any]
) -> bool:
    """Store the trained model, its players and the job's success in one transaction."""
    async with transaction(factory) as session:
        job = await session.get(TrainingJob, job_id, with_for_update=True)
        if job is None or job.status != JobStatus.running:
            return False
        model = await session.get(MLModel, job.model_id)
        if model is None:
            return False
        for key in ("hyperparameters", "metrics", "evaluation", "feature_importances"):
            setattr(model, key, metadata[key])
        model.training_summary = metadata["training_summary"]
        model.fit_seconds = metadata["fit_seconds"]
        model.status = ModelStatus.ready
        model.trained_at = utcnow()
        session.add(model)
        await session.exec(delete(ModelArtifact).where(col(ModelArtifact.model_id) == model.id))
        await session.exec(delete(Player).where(col(Player.model_id) == model.id))
        session.add(
            ModelArtifact(
                model_id=model.id,
                content=artifact,
                size_bytes=len(artifact),
                sha256=hashlib.sha256(artifact).hexdigest(),
            )
        )
        session.add_all(
            Player(model_id=model.id, account_id=account_id, games=games)
            for account_id, games in metadata["players"]
        )
        job.status = JobStatus.succeeded
        job.progress = 1.0
        job.message = "done"
        job.finished_at = utcnow()
        session.add(job)
        if job.activate_on_success:
            from backend.db.activations import current_active_id, record_activation

            previous = await current_active_id(session)
            await _activate(session, model.id)
            record_activation(
                session,
                previous,
                model.id,
                actor="bootstrap",
                reason="default model trained on first start and activated on success",
                evidence={"job_id": job.id, "metrics": metadata["metrics"]},
            )
        return True


async def _activate(session: AsyncSession, model_id: str) -> None:
    # Two statements in one transaction; the partial unique index rejects two actives.
    await session.exec(update(MLModel).where(col(MLModel.is_active)).values(is_active=False))
    await session.flush()
    await session.exec(update(MLModel).where(col(MLModel.id) == model_id).values(is_active=True))


async def activate_model(session: AsyncSession, model_id: str) -> None:
    """Make one model the active one (caller owns the transaction)."""
    await _activate(session, model_id)


async def reap_stale_jobs(factory: Factory, stale_after_seconds: float) -> int:
    """Fail running jobs whose worker stopped sending heartbeats (e.g. it was killed)."""
    cutoff = utcnow() - timedelta(seconds=stale_after_seconds)
    async with factory() as session:
        stale = (
            await session.exec(
                select(TrainingJob).where(
                    col(TrainingJob.status) == JobStatus.running,
                    col(TrainingJob.heartbeat_at) < cutoff,
                )
            )
        ).all()
    for job in stale:
        await finish_failed(
            factory,
            job.id,
            "the worker running this job stopped (restart or crash); submit the job again",
            JobStatus.failed,
        )
    return len(stale)


async def queued_job_ids(factory: Factory) -> list[str]:
    """Jobs still waiting; re-enqueued at worker start in case the queue lost them."""
    async with factory() as session:
        rows = await session.exec(
            select(TrainingJob.id)
            .where(col(TrainingJob.status) == JobStatus.queued)
            .order_by(col(TrainingJob.created_at))
        )
        return list(rows.all())


async def job_status(factory: Factory, job_id: str) -> JobStatus | None:
    """The current status of a job, read fresh."""
    async with factory() as session:
        job = await session.get(TrainingJob, job_id)
        return None if job is None else JobStatus(job.status)
