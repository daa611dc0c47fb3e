"""Submitting training jobs: validate the form, store the dataset, model and job, enqueue."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import re
import secrets
from datetime import UTC, datetime
from typing import Any

from litestar.datastructures import UploadFile
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.schemas import (
    MODEL_ID_PATTERN,
    FitAccepted,
    FitForm,
)
from backend.api.uploads import data_error, read_upload
from backend.context import AppContext
from backend.db.engine import transaction
from backend.db.job_state import finish_failed
from backend.db.tables import Dataset, JobStatus, MLModel, TrainingJob
from backend.errors import ApiError, ErrorCode
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
            ErrorCode.unknown_model_type,
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
                ErrorCode.invalid_hyperparameters,
                f"hyperparameters must be a JSON object: {exc}",
                field="hyperparameters",
            ) from exc
        if not isinstance(values, dict):
            raise ApiError(
                400,
                ErrorCode.invalid_hyperparameters,
                'hyperparameters must be a JSON object such as {"C": 0.5}',
                field="hyperparameters",
            )
    try:
        return validate_hyperparameters(model_type, values)
    except HyperparameterError as exc:
        raise ApiError(
            400,
            ErrorCode.invalid_hyperparameters,
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
            ErrorCode.invalid_model_id,
            "model_id must be 1-64 characters of letters, digits, '_', '.' or '-' "
            f"(and not '.' or '..'); got {model_id!r}",
            field="model_id",
        )
    return model_id


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
    try:  # parse and compress in worker threads: a large upload must not stall the loop
        matches = await asyncio.to_thread(
            read_matches, data, require_label=True, max_rows=ctx.settings.max_csv_matches
        )
    except MatchDataError as exc:
        raise data_error(exc) from exc
    wins = matches["radiant_win"].sum()
    if matches.height < MIN_TRAINING_MATCHES or wins in (0, matches.height):
        raise ApiError(
            400,
            ErrorCode.too_little_data,
            f"file: training needs at least {MIN_TRAINING_MATCHES} matches with both Radiant "
            f"and Dire wins; this file has {matches.height} matches, {wins} Radiant wins",
            field="file",
        )
    digest = (await asyncio.to_thread(hashlib.sha256, data)).hexdigest()
    dataset_id = f"ds-{digest[:24]}"
    if await session.get(Dataset, dataset_id) is None:
        session.add(
            Dataset(
                id=dataset_id,
                filename=(upload.filename or "upload.csv")[:255],
                sha256=digest,
                n_matches=matches.height,
                size_bytes=len(data),
                content=await asyncio.to_thread(gzip.compress, data, 6, mtime=0),
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
            ErrorCode.queue_unavailable,
            "the job queue (Redis/Valkey at APP_REDIS_URL) is not reachable; try again later",
        )
    job_id = f"job-{secrets.token_hex(8)}"
    async with transaction(ctx.session_factory) as session:
        if await session.get(MLModel, model_id) is not None:
            raise ApiError(
                409,
                ErrorCode.model_id_taken,
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
        raise ApiError(
            503, ErrorCode.queue_unavailable, f"the job queue refused the job: {exc}"
        ) from exc
    return FitAccepted(job_id=job_id, model_id=model_id, status="queued")
