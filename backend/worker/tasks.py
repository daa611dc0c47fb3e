"""The arq task: thin and idempotent; training itself runs in a child process we can kill."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from backend.db.job_state import (
    Factory,
    claim_job,
    finish_failed,
    finish_succeeded,
    job_status,
    report_progress,
)
from backend.db.tables import Dataset, JobStatus, TrainingJob
from backend.settings import Settings
from backend.worker.child import TRAIN_DONE, train_in_child
from backend.worker.warm_pool import POOL

log = logging.getLogger(__name__)
PROGRESS_INTERVAL = 0.5  # seconds between progress writes: live enough, cheap enough
WORKER_STOPPED = "the worker was stopped while training this job; submit it again"


class JobEnded(Exception):
    """Training stopped for a reason the user should read."""

    def __init__(self, message: str, status: JobStatus = JobStatus.failed) -> None:
        super().__init__(message)
        self.status = status


async def train_model_job(ctx: dict[str, Any], job_id: str) -> str:
    """Run one training job end to end; safe to run twice (finished jobs are skipped)."""
    factory: Factory = ctx["session_factory"]
    settings: Settings = ctx["settings"]
    job = await claim_job(factory, job_id)
    if job is None:
        return "skipped"
    log.info("training job %s (%s, model %s)", job_id, job.model_type, job.model_id)
    try:
        dataset = await _dataset_content(factory, job)
        artifact, metadata = await _run_child(factory, job, dataset, settings)
        await report_progress(factory, job_id, 0.96, "saving model")
        if not await finish_succeeded(factory, job_id, artifact, metadata):
            return "cancelled"
    except JobEnded as exc:
        await finish_failed(factory, job_id, str(exc), exc.status)
        return exc.status.value
    except asyncio.CancelledError:
        # The worker is shutting down; record it so the job does not look alive.
        await asyncio.shield(finish_failed(factory, job_id, WORKER_STOPPED, JobStatus.failed))
        raise
    except Exception as exc:
        log.exception("job %s crashed", job_id)
        await finish_failed(
            factory, job_id, f"internal error: {type(exc).__name__}: {exc}", JobStatus.failed
        )
        return "failed"
    return "succeeded"


async def _dataset_content(factory: Factory, job: TrainingJob) -> bytes | None:
    async with factory() as session:
        dataset = await session.get(Dataset, job.dataset_id)
    if dataset is None:
        raise JobEnded(f"dataset {job.dataset_id} no longer exists")
    return dataset.content  # None = the bundled default dataset


async def _run_child(
    factory: Factory, job: TrainingJob, dataset: bytes | None, settings: Settings
) -> tuple[bytes, dict[str, Any]]:
    """Start the child, relay its progress, enforce the time limit and cancellation."""
    # A pre-started child with its imports done (warm_pool.py).
    process, receiver = POOL.start(train_in_child, (dataset, job.model_type, job.hyperparameters))
    deadline = time.monotonic() + job.time_limit_seconds
    last_write = 0.0
    progress, message = 0.0, "starting"
    try:
        while True:
            ready = await asyncio.to_thread(receiver.poll, PROGRESS_INTERVAL)
            if ready:
                try:
                    kind, *payload = await asyncio.to_thread(receiver.recv)
                except EOFError:
                    raise JobEnded(_died(process)) from None
                if kind == "result":
                    return payload[0], payload[1]
                if kind == "error":
                    if payload[1]:
                        log.error("job %s failed in training:\n%s", job.id, payload[1])
                    raise JobEnded(payload[0])
                progress = max(progress, min(float(payload[0]), TRAIN_DONE))
                message = str(payload[1])
            elif not process.is_alive():
                raise JobEnded(_died(process))
            if time.monotonic() > deadline:
                raise JobEnded(
                    f"the job passed its time limit of {job.time_limit_seconds:g} s "
                    f"(APP_JOB_TIME_LIMIT_SECONDS) while {message!r}; it was stopped"
                )
            if time.monotonic() - last_write >= PROGRESS_INTERVAL:
                last_write = time.monotonic()
                if not await report_progress(factory, job.id, progress, message):
                    if await job_status(factory, job.id) == JobStatus.cancelled:
                        raise JobEnded("cancelled by request", JobStatus.cancelled)
                    raise JobEnded("the job was ended elsewhere while running")
    finally:
        if process.is_alive():
            process.kill()
        await asyncio.to_thread(process.join, 5)
        receiver.close()


def _died(process: Any) -> str:
    process.join(1)
    return (
        f"the training process exited unexpectedly (exit code {process.exitcode}); "
        "it may have run out of memory"
    )
