"""Submitting, watching and cancelling training jobs."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import secrets
from datetime import UTC, datetime
from typing import Any

from litestar.datastructures import UploadFile
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.schemas import (
    MODEL_ID_PATTERN,
    FitAccepted,
    FitForm,
    JobList,
    JobStatusRead,
)
from backend.context import AppContext
from backend.db.engine import as_utc, transaction
from backend.db.job_state import finish_failed
from backend.db.tables import Dataset, JobStatus, MLModel, TrainingJob
from backend.errors import ApiError
from backend.matches import MatchDataError, read_matches
from backend.ml import MODEL_TYPES, HyperparameterError, validate_hyperparameters
from backend.queue import enqueue_training

DEFAULT_DATASET_ID = "default"
DEFAULT_DATASET_NAME = "bundled pro matches (backend/resources/default_matches.csv.gz)"
MIN_TRAINING_MATCHES = 50


def parse_hyperparameters(model_type: str, raw: str | None) -> dict[str, Any]:
    """JSON text from the form → validated hyperparameters with defaults filled in."""
    if model_type not in MODEL_TYPES:
        raise ApiError(
            400,
            "unknown_model_type",
            f"model_type {model_type!r} is not known; use one of: {', '.join(MODEL_TYPES)}",
            field="model_type",
            allowed=list(MODEL_TYPES),
        )
    values: Any = {}
    if raw is not None and raw.strip():
        try:
            values = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ApiError(
                400,
                "invalid_hyperparameters",
                f"hyperparameters must be a JSON object: {exc}",
                field="hyperparameters",
            ) from exc
        if not isinstance(values, dict):
            raise ApiError(
                400,
                "invalid_hyperparameters",
                'hyperparameters must be a JSON object such as {"C": 0.5}',
                field="hyperparameters",
            )
    try:
        return validate_hyperparameters(model_type, values)
    except HyperparameterError as exc:
        raise ApiError(
            400,
            "invalid_hyperparameters",
            str(exc),
            field=f"hyperparameters.{exc.field}" if exc.field else "hyperparameters",
        ) from exc


def check_model_id(model_id: str | None) -> str:
    """A user-chosen id must be safe in URLs and paths; otherwise we make one."""
    if model_id is None or model_id == "":
        return f"model-{datetime.now(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
    if not re.fullmatch(MODEL_ID_PATTERN, model_id) or model_id in {".", ".."}:
        raise ApiError(
            400,
            "invalid_model_id",
            "model_id must be 1-64 characters of letters, digits, '_', '.' or '-' "
            f"(and not '.' or '..'); got {model_id!r}",
            field="model_id",
        )
    return model_id


async def read_upload(ctx: AppContext, upload: UploadFile, field: str = "file") -> bytes:
    """The uploaded bytes, refusing empty files and files over the limit."""
    limit = ctx.settings.max_upload_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise ApiError(
            413,
            "too_large",
            f"{field} is larger than the upload limit of {ctx.settings.max_upload_mb:g} MB "
            "(APP_MAX_UPLOAD_MB)",
            field=field,
        )
    if not data.strip():
        raise ApiError(400, "empty_file", f"{field} is empty; upload a CSV file", field=field)
    return data


def data_error(exc: MatchDataError, field: str = "file") -> ApiError:
    """A MatchDataError as a 400 that names the column and row."""
    return ApiError(
        400, "invalid_csv", f"{field}: {exc.message}", field=field, column=exc.column, row=exc.row
    )


async def _training_dataset(
    session: AsyncSession, ctx: AppContext, upload: UploadFile | None
) -> str:
    if upload is None:
        if await session.get(Dataset, DEFAULT_DATASET_ID) is None:
            from backend.matches import load_default_matches

            session.add(
                Dataset(
                    id=DEFAULT_DATASET_ID,
                    filename=DEFAULT_DATASET_NAME,
                    sha256="bundled",
                    n_matches=load_default_matches().height,
                    size_bytes=0,
                )
            )
        return DEFAULT_DATASET_ID
    data = await read_upload(ctx, upload)
    try:
        matches = read_matches(data, require_label=True, max_rows=ctx.settings.max_csv_matches)
    except MatchDataError as exc:
        raise data_error(exc) from exc
    wins = matches["radiant_win"].sum()
    if matches.height < MIN_TRAINING_MATCHES or wins in (0, matches.height):
        raise ApiError(
            400,
            "too_little_data",
            f"file: training needs at least {MIN_TRAINING_MATCHES} matches with both Radiant "
            f"and Dire wins; this file has {matches.height} matches, {wins} Radiant wins",
            field="file",
        )
    digest = hashlib.sha256(data).hexdigest()
    dataset_id = f"ds-{digest[:24]}"
    if await session.get(Dataset, dataset_id) is None:
        session.add(
            Dataset(
                id=dataset_id,
                filename=(upload.filename or "upload.csv")[:255],
                sha256=digest,
                n_matches=matches.height,
                size_bytes=len(data),
                content=gzip.compress(data, compresslevel=6, mtime=0),
            )
        )
    return dataset_id


async def submit_fit(
    ctx: AppContext, form: FitForm, *, activate_on_success: bool = False
) -> FitAccepted:
    """Validate everything, store model + job, then enqueue; nothing is stored on a 4xx."""
    hyperparameters = parse_hyperparameters(form.model_type, form.hyperparameters)
    model_id = check_model_id(form.model_id)
    queue = await ctx.live_queue()
    if queue is None:
        raise ApiError(
            503,
            "queue_unavailable",
            "the job queue (Redis/Valkey at APP_REDIS_URL) is not reachable; try again later",
        )
    job_id = f"job-{secrets.token_hex(8)}"
    async with transaction(ctx.session_factory) as session:
        if await session.get(MLModel, model_id) is not None:
            raise ApiError(
                409,
                "model_id_taken",
                f"model_id {model_id!r} is already taken; choose another",
                field="model_id",
            )
        dataset_id = await _training_dataset(session, ctx, form.file)
        session.add(
            MLModel(
                id=model_id,
                model_type=form.model_type,
                hyperparameters=hyperparameters,
                dataset_id=dataset_id,
            )
        )
        await session.flush()
        session.add(
            TrainingJob(
                id=job_id,
                model_id=model_id,
                model_type=form.model_type,
                hyperparameters=hyperparameters,
                dataset_id=dataset_id,
                activate_on_success=activate_on_success,
                time_limit_seconds=ctx.settings.job_time_limit_seconds,
            )
        )
    try:
        await enqueue_training(queue, job_id, ctx.settings.queue_name)
    except Exception as exc:
        await finish_failed(
            ctx.session_factory, job_id, f"could not enqueue: {exc}", JobStatus.failed
        )
        raise ApiError(503, "queue_unavailable", f"the job queue refused the job: {exc}") from exc
    return FitAccepted(job_id=job_id, model_id=model_id, status="queued")


def job_read(job: TrainingJob) -> JobStatusRead:
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
    )


async def find_job(
    session: AsyncSession, job_id: str | None, model_id: str | None, limit: int
) -> JobStatusRead | JobList:
    """One job by id, the latest job of a model, or the recent jobs."""
    if job_id is not None:
        job = await session.get(TrainingJob, job_id)
        if job is None:
            raise ApiError(
                404, "job_not_found", f"no training job with job_id {job_id!r}", field="job_id"
            )
        return job_read(job)
    query = select(TrainingJob).order_by(col(TrainingJob.created_at).desc())
    if model_id is not None:
        job = (await session.exec(query.where(TrainingJob.model_id == model_id).limit(1))).first()
        if job is None:
            raise ApiError(
                404, "job_not_found", f"no training job for model_id {model_id!r}", field="model_id"
            )
        return job_read(job)
    return JobList(jobs=[job_read(j) for j in (await session.exec(query.limit(limit))).all()])


async def cancel_job(ctx: AppContext, job_id: str) -> JobStatusRead:
    """Cancel a queued or running job (a running one is stopped within a second)."""
    async with transaction(ctx.session_factory) as session:
        job = await session.get(TrainingJob, job_id)
        if job is None:
            raise ApiError(
                404, "job_not_found", f"no training job with job_id {job_id!r}", field="job_id"
            )
        if JobStatus(job.status).finished:
            raise ApiError(
                409,
                "job_finished",
                f"job {job_id} already {job.status}; only queued or running jobs can be cancelled",
                field="job_id",
            )
    await finish_failed(ctx.session_factory, job_id, "", JobStatus.cancelled)
    async with ctx.session_factory() as session:
        job = await session.get(TrainingJob, job_id)
        assert job is not None
        return job_read(job)
