"""The arq task: thin and idempotent; training itself runs in a child process we can kill."""

from __future__ import annotations

import asyncio
import logging
import time
from multiprocessing.process import BaseProcess
from typing import Any

from backend.db.job_state import (
    Factory,
    claim_job,
    finish_cancelled,
    finish_failed,
    finish_succeeded,
    job_status,
    report_progress,
    requeue_job,
)
from backend.db.tables import Dataset, JobStatus, TrainingJob
from backend.queue import enqueue_training
from backend.worker.child import TRAIN_DONE, train_in_child
from backend.worker.context import WorkerContext, worker_context
from backend.worker.messages import Progress, TrainingFailed, TrainingResult
from backend.worker.warm_pool import POOL, exit_code

log = logging.getLogger(__name__)
PROGRESS_INTERVAL = 0.5  # seconds between progress writes (the heartbeat): live, cheap enough
WORKER_STOPPED = "the worker was stopped while training this job"


class JobFailed(Exception):
    """Training ended by the job's own fault (bad data, time limit, an exception): no retry."""


class JobCancelled(Exception):
    """Someone cancelled the job while it ran."""


class JobSuperseded(Exception):
    """This attempt no longer owns the job (requeued after missed heartbeats); stop quietly."""


async def train_model_job(ctx: dict[str, Any], job_id: str, attempt: int | None = None) -> str:
    """Run one attempt of a training job end to end; repeated deliveries are skipped."""
    context = worker_context(ctx)
    factory = context.session_factory
    job = await claim_job(factory, job_id, attempt)
    if job is None:
        return "skipped"
    log.info(
        "training job %s attempt %d/%d (%s, model %s)",
        job_id, job.attempts, job.max_attempts, job.model_type, job.model_id,
    )  # fmt: skip
    try:
        dataset = await _dataset_content(factory, job)
        started = time.perf_counter()
        result = await _run_child(factory, job, dataset)
        in_child = time.perf_counter() - started
        await report_progress(factory, job_id, 0.96, "saving model")
        if not await finish_succeeded(factory, job_id, result, attempt=job.attempts):
            return "ended elsewhere"
        log.info(
            "job %s: %.2f s in the child (%s), saved in %.2f s",
            job_id, in_child,
            ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items()),
            time.perf_counter() - started - in_child,
        )  # fmt: skip
    except JobFailed as exc:
        await finish_failed(factory, job_id, str(exc), attempt=job.attempts)
        return "failed"
    except JobCancelled:
        await finish_cancelled(factory, job_id)
        return "cancelled"
    except JobSuperseded:
        log.warning("job %s attempt %d was taken over elsewhere; stopped", job_id, job.attempts)
        return "superseded"
    except asyncio.CancelledError:
        # The worker is shutting down (SIGTERM/SIGINT): hand the job to another worker now.
        await asyncio.shield(_requeue(context, job_id))
        raise
    except Exception as exc:
        log.exception("job %s crashed", job_id)
        await finish_failed(
            factory, job_id, f"internal error: {type(exc).__name__}: {exc}", attempt=job.attempts
        )
        return "failed"
    return "succeeded"


async def _requeue(context: WorkerContext, job_id: str) -> None:
    next_attempt = await requeue_job(context.session_factory, job_id, WORKER_STOPPED)
    if next_attempt is None:
        return
    try:
        await enqueue_training(context.queue, job_id, context.settings.queue_name, next_attempt)
        log.warning("worker stopping: job %s queued again (attempt %d)", job_id, next_attempt)
    except Exception as exc:  # the other workers' sweep sends it once the queue answers
        log.warning("job %s is queued again but could not be sent: %s", job_id, exc)


async def _dataset_content(factory: Factory, job: TrainingJob) -> bytes | None:
    async with factory() as session:
        dataset = await session.get(Dataset, job.dataset_id)
    if dataset is None:
        raise JobFailed(f"dataset {job.dataset_id} no longer exists")
    return dataset.content  # None = the bundled default dataset


async def _run_child(factory: Factory, job: TrainingJob, dataset: bytes | None) -> TrainingResult:
    """Start the child, relay its progress, enforce the time limit and cancellation."""
    # A pre-started child with its imports done (warm_pool.py).
    process, receiver = POOL.start(train_in_child, (dataset, job.model_type, job.hyperparameters))
    deadline = time.monotonic() + job.time_limit_seconds
    last_write = 0.0
    progress, message = 0.0, "starting"
    try:
        while True:
            if await asyncio.to_thread(receiver.poll, PROGRESS_INTERVAL):
                try:
                    received = await asyncio.to_thread(receiver.recv)
                except EOFError:
                    raise JobFailed(_died(process)) from None
                if isinstance(received, TrainingResult):
                    return received
                if isinstance(received, TrainingFailed):
                    if received.details:
                        log.error("job %s failed in training:\n%s", job.id, received.details)
                    raise JobFailed(received.message)
                if isinstance(received, Progress):
                    progress = max(progress, min(received.fraction, TRAIN_DONE))
                    message = received.message
            elif not process.is_alive():
                raise JobFailed(_died(process))
            if time.monotonic() > deadline:
                raise JobFailed(
                    f"the job passed its time limit of {job.time_limit_seconds:g} s "
                    f"(APP_JOB_TIME_LIMIT_SECONDS) while {message!r}; it was stopped"
                )
            if time.monotonic() - last_write >= PROGRESS_INTERVAL:
                last_write = time.monotonic()
                if not await report_progress(factory, job.id, progress, message):
                    if await job_status(factory, job.id) == JobStatus.cancelled:
                        raise JobCancelled
                    raise JobSuperseded
    finally:
        if process.is_alive():
            process.kill()
        await asyncio.to_thread(process.join, 5)
        receiver.close()


def _died(process: BaseProcess) -> str:
    return (
        f"the training process exited unexpectedly (exit code {exit_code(process, 1)}); "
        "it may have run out of memory"
    )
