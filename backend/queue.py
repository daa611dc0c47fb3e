"""The arq job queue: transport only; job state lives in the database."""

from __future__ import annotations

import asyncio
import logging

from arq import ArqRedis, create_pool
from arq.connections import RedisSettings

log = logging.getLogger(__name__)

TRAIN_TASK = "train_model_job"
SYNC_TASK = "sync_opendota_job"
BACKTEST_TASK = "backtest_job"
# One queue command may take this long: a hung (e.g. SIGSTOPped) Valkey keeps the TCP connection
# open and answers nothing, and redis-py has no command timeout of its own here.
COMMAND_TIMEOUT_SECONDS = 1.0


def redis_settings(url: str) -> RedisSettings:
    """arq settings for a redis:// URL, failing fast when nothing listens."""
    settings = RedisSettings.from_dsn(url)
    settings.conn_retries = 1
    settings.conn_timeout = 2
    return settings


async def connect_queue(url: str | None) -> ArqRedis | None:
    """A pool, or None when the queue is not reachable (the API still serves predictions)."""
    if not url:
        return None
    try:
        async with asyncio.timeout(COMMAND_TIMEOUT_SECONDS + 2):  # + the connect timeout
            return await create_pool(redis_settings(url))
    except (OSError, ConnectionError) as exc:
        log.warning("job queue at %s unavailable: %s", url, exc)
        return None
    except Exception as exc:  # redis raises its own ConnectionError/TimeoutError family
        log.warning("job queue at %s unavailable: %s", url, exc)
        return None


async def queue_is_up(pool: ArqRedis | None) -> bool:
    """True when the queue answers a PING."""
    if pool is None:
        return False
    try:
        async with asyncio.timeout(COMMAND_TIMEOUT_SECONDS):
            return bool(await pool.ping())
    except Exception:  # TimeoutError included
        return False


def arq_job_id(job_id: str, attempt: int) -> str:
    """One queue message per attempt.

    arq ignores an enqueue whose id still has a job key or a result key (kept `keep_result`
    seconds), so reusing the job id for a retry could be dropped silently; each attempt gets its
    own id, and sending the same attempt twice (API and a worker's sweep) stays a no-op.
    """
    return f"{job_id}:{attempt}"


async def enqueue_training(pool: ArqRedis, job_id: str, queue_name: str, attempt: int = 1) -> bool:
    """Queue one attempt of a training job; False if that attempt was already queued.

    Raises TimeoutError when the queue does not answer in time (the attempt may still be queued:
    arq's id makes a second send of it a no-op, and workers re-send queued jobs every sweep).
    """
    return await _enqueue(pool, TRAIN_TASK, job_id, queue_name, attempt)


async def enqueue_sync(pool: ArqRedis, job_id: str, queue_name: str, attempt: int = 1) -> bool:
    """Queue one attempt of an OpenDota sync job (as enqueue_training)."""
    return await _enqueue(pool, SYNC_TASK, job_id, queue_name, attempt)


async def enqueue_backtest(pool: ArqRedis, job_id: str, queue_name: str, attempt: int = 1) -> bool:
    """Queue one attempt of a backtest job (as enqueue_training)."""
    return await _enqueue(pool, BACKTEST_TASK, job_id, queue_name, attempt)


async def _enqueue(pool: ArqRedis, task: str, job_id: str, queue_name: str, attempt: int) -> bool:
    async with asyncio.timeout(2 * COMMAND_TIMEOUT_SECONDS):  # a few round trips
        job = await pool.enqueue_job(
            task, job_id, attempt, _job_id=arq_job_id(job_id, attempt), _queue_name=queue_name
        )
    return job is not None


async def queue_depth(pool: ArqRedis, queue_name: str) -> int:
    """Messages waiting in the queue (arq keeps them in a sorted set)."""
    async with asyncio.timeout(COMMAND_TIMEOUT_SECONDS):
        return int(await pool.zcard(queue_name))
