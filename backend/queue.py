"""The arq job queue: transport only; job state lives in the database."""

from __future__ import annotations

import logging

from arq import ArqRedis, create_pool
from arq.connections import RedisSettings

log = logging.getLogger(__name__)

TRAIN_TASK = "train_model_job"


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
        return bool(await pool.ping())
    except Exception:
        return False


async def enqueue_training(pool: ArqRedis, job_id: str, queue_name: str) -> None:
    """Queue a training job; arq's _job_id makes re-enqueueing the same job a no-op."""
    await pool.enqueue_job(TRAIN_TASK, job_id, _job_id=job_id, _queue_name=queue_name)
