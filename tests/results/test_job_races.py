"""Job state changes from two processes at once: a cancel is never undone by a worker's claim.

The API and a worker each have their own connection. A read-then-write state change that read
before the other committed used to overwrite it (SQLite opens a transaction only at the first
write): a worker claimed a job the API had just cancelled and trained it anyway.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.job_state import Factory, claim_job, finish_cancelled, requeue_job
from backend.db.tables import Dataset, JobStatus, MLModel, TrainingJob

ROUNDS = 30


async def _add_job(factory: Factory, job_id: str) -> None:
    async with transaction(factory) as session:
        session.add(MLModel(id=job_id, model_type="logistic_regression"))
        session.add(
            TrainingJob(
                id=job_id,
                model_id=job_id,
                model_type="logistic_regression",
                dataset_id="d",
                time_limit_seconds=60,
            )
        )


async def _status(factory: Factory, job_id: str) -> JobStatus:
    async with factory() as session:
        job = await session.get(TrainingJob, job_id)
        assert job is not None
        return JobStatus(job.status)


def test_a_cancel_racing_a_claim_or_a_requeue_always_ends_cancelled(database_url: str) -> None:
    async def scenario() -> None:
        api_engine, worker_engine = make_engine(database_url), make_engine(database_url)
        api, worker = make_session_factory(api_engine), make_session_factory(worker_engine)
        async with transaction(api) as session:
            session.add(
                Dataset(id="d", filename="d.csv", sha256="0" * 64, n_matches=0, size_bytes=0)
            )
        outcomes = []
        for i in range(ROUNDS):
            job_id = f"job-{i}"
            await _add_job(api, job_id)
            if i % 2:  # a running job: the worker's sweep requeues it as the API cancels it
                assert await claim_job(worker, job_id, 1) is not None
                racer: Coroutine[Any, Any, object] = requeue_job(worker, job_id, "test")
            else:  # a queued job: the worker claims it as the API cancels it
                racer = claim_job(worker, job_id, 1)
            cancelled, raced = await asyncio.gather(finish_cancelled(api, job_id), racer)
            assert cancelled, f"{job_id}: the cancel found the job finished"
            outcomes.append((job_id, raced is not None, await _status(api, job_id)))
        await api_engine.dispose()
        await worker_engine.dispose()
        assert [o for o in outcomes if o[2] != JobStatus.cancelled] == []

    asyncio.run(scenario())
