"""The arq task for an OpenDota sync: the run in the worker's loop, a heartbeat beside it.

A sync is network-bound (one call per second anonymously: a run of 1,000 matches takes about
17 minutes), so the arq task only claims the job and starts the run as a task of the worker's
event loop; it does not hold one of the worker's job slots, which stay for training
(APP_WORKER_CONCURRENCY). On shutdown the worker cancels the run and queues it again.

The heartbeat writes progress every second and stops the run when the job was cancelled or
handed to another attempt; cancelling the run mid-page rolls back that page's transaction, so
nothing partial is stored. A kill -9 leaves the job running with a stale heartbeat: the sweep
of any worker queues it again, and the next attempt resumes from the stored cursor (matches
already stored are skipped, never stored twice).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from backend.db.tables import JobStatus, SyncJob
from backend.opendota import jobs
from backend.opendota.client import OpenDotaClient, OpenDotaError
from backend.opendota.run import SyncOptions, run_once
from backend.opendota.store import SyncReport, config_from
from backend.queue import enqueue_sync
from backend.worker.context import WorkerContext, worker_context

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 1.0
WORKER_STOPPED = "the worker was stopped while running this sync"


def _progress(report: SyncReport, client: OpenDotaClient, options: SyncOptions) -> float:
    # Each match costs about one detail call, so calls approximate progress inside a page.
    done = max(report.stored + report.duplicates, client.calls - report.pages - 1)
    return round(min(0.99, max(0.0, done / max(options.max_matches, 1))), 4)


def _message(report: SyncReport, client: OpenDotaClient) -> str:
    return (
        f"{client.calls} OpenDota calls, {report.stored} matches stored, {report.pages} pages done"
    )


async def sync_opendota_job(ctx: dict[str, Any], job_id: str, attempt: int | None = None) -> str:
    """Claim one attempt of a sync job and start it beside the worker's job slots."""
    context = worker_context(ctx)
    job = await jobs.claim(context.session_factory, job_id, attempt)
    if job is None:
        return "skipped"  # a repeated delivery, or cancelled before it started
    task = asyncio.create_task(run_claimed(context, job), name=f"sync-{job_id}")
    context.background.add(task)
    task.add_done_callback(context.background.discard)
    return "started"


async def stop_background(context: WorkerContext) -> None:
    """Worker shutdown: stop running syncs; each queues itself again for another worker."""
    tasks = list(context.background)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def run_claimed(context: WorkerContext, job: SyncJob) -> str:
    """Run a claimed attempt to its end, with a heartbeat that also watches for cancel."""
    job_id = job.id
    factory = context.session_factory
    options = SyncOptions.from_json(job.options)
    report = SyncReport()
    log.info("sync job %s attempt %d: %s", job_id, job.attempts, options)
    async with OpenDotaClient(config_from(context.settings)) as client:
        run = asyncio.create_task(
            run_once(factory, client, options, report, first_attempt=job.attempts == 1)
        )
        try:
            while not run.done():
                await asyncio.wait({run}, timeout=HEARTBEAT_SECONDS)
                if run.done():
                    break
                beat = await jobs.heartbeat(
                    factory,
                    job_id,
                    job.attempts,
                    report,
                    _progress(report, client, options),
                    _message(report, client),
                )
                if not beat:  # cancelled, or requeued after a missed heartbeat
                    run.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await run
                    ended = await jobs.status_of(factory, job_id)
                    log.info("sync job %s stopped (%s)", job_id, ended)
                    return "cancelled" if ended == JobStatus.cancelled else "superseded"
            report = run.result()
        except OpenDotaError as exc:
            report.calls = client.calls
            await jobs.finish(
                factory, job_id, JobStatus.failed, attempt=job.attempts, report=report,
                error=f"OpenDota could not be used: {exc}",
            )  # fmt: skip
            return "failed"
        except asyncio.CancelledError:
            # The worker is shutting down: hand the job to another worker now.
            run.cancel()
            await asyncio.shield(_requeue(context, job_id))
            raise
        except Exception as exc:
            log.exception("sync job %s crashed", job_id)
            report.calls = client.calls
            await jobs.finish(
                factory, job_id, JobStatus.failed, attempt=job.attempts, report=report,
                error=f"internal error: {type(exc).__name__}: {exc}",
            )  # fmt: skip
            return "failed"
        report.calls = client.calls
    await jobs.finish(factory, job_id, JobStatus.succeeded, attempt=job.attempts, report=report)
    log.info("sync job %s: %s", job_id, report)
    return "succeeded"


async def _requeue(context: WorkerContext, job_id: str) -> None:
    next_attempt = await jobs.requeue(context.session_factory, job_id, WORKER_STOPPED)
    if next_attempt is None:
        return
    try:
        await enqueue_sync(context.queue, job_id, context.settings.queue_name, next_attempt)
    except Exception as exc:  # the other workers' sweep sends it once the queue answers
        log.warning("sync job %s is queued again but could not be sent: %s", job_id, exc)


async def sweep_sync_jobs(context: WorkerContext) -> int:
    """Requeue dead workers' syncs, queue a due scheduled one, (re-)send queued ones; sent."""
    settings = context.settings
    factory = context.session_factory
    for job_id, attempt in await jobs.reap_stale(factory, settings.job_heartbeat_stale_seconds):
        log.warning("sync job %s lost its worker; queued again for attempt %d", job_id, attempt)
    if settings.opendota_sync_minutes:
        options = SyncOptions(max_matches=settings.opendota_sync_max_matches, players=True)
        scheduled = await jobs.schedule_due(
            factory, settings.opendota_sync_minutes, options.to_json()
        )
        if scheduled is not None:
            log.info("scheduled sync %s queued", scheduled)
    sent = 0
    for job_id, attempt in await jobs.queued(factory):
        sent += await enqueue_sync(context.queue, job_id, settings.queue_name, attempt)
    return sent
