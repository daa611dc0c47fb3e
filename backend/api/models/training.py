"""Submitting training jobs: validate the form, pick the dataset, store model and job, enqueue."""

from __future__ import annotations

import json
import re
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data import datasets
from backend.api.models.schemas import (
    MODEL_ID_PATTERN,
    FitAccepted,
    FitForm,
)
from backend.api.uploads import import_options
from backend.context import AppContext
from backend.db.engine import transaction
from backend.db.job_state import finish_failed
from backend.db.tables import MLModel, TrainingJob
from backend.errors import ApiError, ErrorCode
from backend.ml import MODEL_TYPES, HyperparameterError, validate_hyperparameters
from backend.queue import enqueue_training
from backend.text import clip, quote


def parse_hyperparameters(model_type: str, raw: str | None) -> dict[str, Any]:
    """JSON text from the form → validated hyperparameters with defaults filled in."""
    if model_type not in MODEL_TYPES:
        raise ApiError(
            400,
            ErrorCode.unknown_model_type,
            f"model_type {quote(model_type)} is not known; use one of: {', '.join(MODEL_TYPES)}",
            field="model_type",
            allowed=list(MODEL_TYPES),
        )
    values: Any = {}
    if raw is not None and raw.strip():
        try:
            values = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            # ValueError: bad JSON or an integer past Python's int-str digit limit;
            # RecursionError: nested deeper than the parser goes.
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise ApiError(
                400,
                ErrorCode.invalid_hyperparameters,
                f"hyperparameters must be a JSON object: {clip(reason)}",
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
            _quoted_message(str(exc), exc.field, values),
            field=f"hyperparameters.{clip(exc.field)}" if exc.field else "hyperparameters",
        ) from exc
    except (OverflowError, RecursionError, ValueError) as exc:
        # e.g. an integer too large for a float; name the first value that is not a plain one.
        raise ApiError(
            400,
            ErrorCode.invalid_hyperparameters,
            f"hyperparameters contain a value that is not a usable number or choice: {exc}",
            field="hyperparameters",
        ) from exc


def _quoted_message(message: str, name: str | None, values: dict[str, Any]) -> str:
    """The validator's message with the offending name and value quoted briefly."""
    if name is None:
        return message
    for shown in (values.get(name), name):
        try:
            full = repr(shown)
        except (ValueError, RecursionError):
            continue
        message = message.replace(full, quote(shown))
    return message


def check_model_id(model_id: str | None) -> str:
    """A user-chosen id must be safe in URLs and paths; otherwise we make one."""
    if model_id is None or model_id == "":
        return f"model-{datetime.now(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
    if not re.fullmatch(MODEL_ID_PATTERN, model_id) or model_id in {".", ".."}:
        raise ApiError(
            400,
            ErrorCode.invalid_model_id,
            "model_id must be 1-64 characters of letters, digits, '_', '.' or '-' "
            f"(and not '.' or '..'); got {quote(model_id)}",
            field="model_id",
        )
    return model_id


async def _training_dataset(session: AsyncSession, ctx: AppContext, form: FitForm) -> str:
    """The dataset to train on: a stored one by id, a new upload, or the bundled set."""
    if form.dataset_id is not None and form.file is not None:
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            "give either file or dataset_id, not both",
            field="dataset_id",
        )
    if form.file is not None:
        options = import_options(form.format, form.mapping)
        dataset, _ = await datasets.store_upload(
            ctx, session, form.file, for_training=True, options=options
        )
        return dataset.id
    if form.dataset_id is None:
        return (await datasets.ensure_default(session)).id
    dataset = await datasets.get_dataset(session, form.dataset_id)
    if dataset.content is not None:
        # The one reader again, with the training rules (labels, enough matches).
        frame = await datasets.frame_of(ctx, dataset)
        datasets.check_trainable(frame, field="dataset_id")
    return dataset.id


QUEUE_RETRY_AFTER_SECONDS = 5  # the health check notices a queue that is back within ~1 s


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
            retry_after=QUEUE_RETRY_AFTER_SECONDS,
        )
    job_id = f"job-{secrets.token_hex(8)}"
    async with transaction(ctx.session_factory) as session:
        if await session.get(MLModel, model_id) is not None:
            raise ApiError(
                409,
                ErrorCode.model_id_taken,
                f"model_id {quote(model_id)} is already taken; choose another",
                field="model_id",
            )
        dataset_id = await _training_dataset(session, ctx, form)
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
                max_attempts=ctx.settings.job_max_attempts,
            )
        )
    try:
        await enqueue_training(queue, job_id, ctx.settings.queue_name)
    except Exception as exc:
        await finish_failed(ctx.session_factory, job_id, f"could not enqueue: {exc}")
        raise ApiError(
            503,
            ErrorCode.queue_unavailable,
            f"the job queue refused the job: {exc}",
            retry_after=QUEUE_RETRY_AFTER_SECONDS,
        ) from exc
    return FitAccepted(job_id=job_id, model_id=model_id, status="queued")
