"""The model registry: list, inspect and activate models; describe model types."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select as sa_select
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.schemas import (
    DatasetRead,
    HyperparameterRead,
    ModelInfo,
    ModelList,
    ModelMetadataRequest,
    ModelSummary,
    ModelTypeList,
    ModelTypeRead,
)
from backend.api.models.serving import active_model_id, ready_model
from backend.db.engine import as_utc
from backend.db.registry import activate_recorded
from backend.db.tables import (
    Dataset,
    HoldoutPredictions,
    MLModel,
    ModelStatus,
    Player,
    TrainingJob,
)
from backend.errors import ApiError, ErrorCode
from backend.ml import DEFAULT_MODEL_TYPE, MODEL_TYPES
from backend.text import quote

SUMMARY_COLUMNS = (
    col(MLModel.id),
    col(MLModel.model_type),
    col(MLModel.status),
    col(MLModel.is_active),
    col(MLModel.created_at),
    col(MLModel.metrics),
    col(MLModel.description),
    col(MLModel.tags),
)


class SummaryFields(Protocol):
    """What a summary reads: an MLModel, or a row of SUMMARY_COLUMNS (read-only)."""

    @property
    def id(self) -> str: ...
    @property
    def model_type(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def metrics(self) -> dict[str, Any] | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def tags(self) -> list[str]: ...


def summary(model: SummaryFields) -> ModelSummary:
    """The list view of a model."""
    return ModelSummary(
        model_id=model.id,
        model_type=model.model_type,
        status=ModelStatus(model.status).value,
        is_active=model.is_active,
        created_at=as_utc(model.created_at),
        metrics=model.metrics,
        description=model.description,
        tags=list(model.tags or []),
    )


def _matches(model: SummaryFields, tags: Sequence[str], text: str | None) -> bool:
    """Has every tag (case-insensitive) and ``text`` in its id, type, description or tags."""
    own = {t.casefold() for t in model.tags or []}
    if any(t.casefold() not in own for t in tags):
        return False
    if not text:
        return True
    haystack = " ".join([model.id, model.model_type, model.description or "", *own]).casefold()
    return text.casefold() in haystack


async def list_models(
    session: AsyncSession,
    tags: Sequence[str] = (),
    text: str | None = None,
    status: ModelStatus | None = None,
) -> ModelList:
    """All models (with every tag, the text and the status asked for), newest first."""
    # Only what a summary shows: the evaluation, importances and training summary are JSON
    # documents of tens of KB per model, decoded on the event loop if loaded.
    # Plain rows, not ORM instances: building a few hundred of those was most of the cost.
    query = sa_select(*SUMMARY_COLUMNS).order_by(col(MLModel.created_at).desc())
    if status is not None:
        query = query.where(col(MLModel.status) == status)
    # (8 columns: past sqlmodel's typed select overloads, so the query is SQLAlchemy's own)
    rows: Sequence[Any] = (await session.exec(query)).all()  # type: ignore[call-overload]
    return ModelList(models=[summary(m) for m in rows if _matches(m, tags, text)])


async def set_metadata(session: AsyncSession, request: ModelMetadataRequest) -> ModelInfo:
    """Replace the description and/or tags the request names; the rest is kept."""
    model = await session.get(MLModel, request.model_id)
    if model is None:
        raise ApiError(
            404,
            ErrorCode.model_not_found,
            f"no model with model_id {quote(request.model_id)}",
            field="model_id",
        )
    if request.description is not None:
        model.description = request.description.strip() or None
    if request.tags is not None:
        seen: dict[str, str] = {}
        for tag in request.tags:
            seen.setdefault(tag.strip().casefold(), tag.strip())
        model.tags = list(seen.values())
    session.add(model)
    await session.flush()
    return await model_info(session, model.id)


async def model_info(session: AsyncSession, model_id: str) -> ModelInfo:
    """Everything about one model."""
    model = await session.get(MLModel, model_id)
    if model is None:
        raise ApiError(
            404,
            ErrorCode.model_not_found,
            f"no model with model_id {quote(model_id)}",
            field="model_id",
        )
    dataset = await session.get(Dataset, model.dataset_id) if model.dataset_id else None
    job_id = (
        await session.exec(
            select(TrainingJob.id)
            .where(TrainingJob.model_id == model.id)
            .order_by(col(TrainingJob.created_at).desc())
        )
    ).first()
    return ModelInfo(
        **summary(model).model_dump(),
        hyperparameters=model.hyperparameters,
        evaluation=model.evaluation,
        feature_importances=model.feature_importances,
        training_summary=model.training_summary,
        fit_seconds=model.fit_seconds,
        trained_at=as_utc(model.trained_at),
        dataset=DatasetRead(
            dataset_id=dataset.id, filename=dataset.filename, n_matches=dataset.n_matches
        )
        if dataset
        else None,
        job_id=job_id,
    )


async def activate(session: AsyncSession, model_id: str, actor: str = "anonymous") -> ModelInfo:
    """Serve this model from now on (every API process reads the active id per request)."""
    await ready_model(session, model_id)
    await activate_recorded(
        session, model_id, actor=actor, reason="manual activation (PUT /api/v1/models/activate)"
    )
    await session.flush()
    session.expire_all()
    return await model_info(session, model_id)


async def account_ids(
    session: AsyncSession, model_id: str | None, limit: int, offset: int
) -> tuple[str, list[int], int]:
    """Players a model knows (the active one by default), ordered by games played."""
    model = await ready_model(session, model_id)
    total = (
        await session.exec(
            select(func.count()).select_from(Player).where(Player.model_id == model.id)
        )
    ).one()
    rows = await session.exec(
        select(Player.account_id)
        .where(Player.model_id == model.id)
        .order_by(col(Player.games).desc(), col(Player.account_id))
        .limit(limit)
        .offset(offset)
    )
    return model.id, list(rows.all()), int(total)


def model_types() -> ModelTypeList:
    """Model types and their hyperparameters, for forms and validation messages."""
    return ModelTypeList(
        model_types=[
            ModelTypeRead(
                name=spec.name,
                title=spec.title,
                description=spec.description,
                is_default=spec.name == DEFAULT_MODEL_TYPE,
                hyperparameters=[
                    HyperparameterRead(
                        name=h.name,
                        type=h.type,
                        default=h.default,
                        minimum=h.minimum,
                        maximum=h.maximum,
                        choices=list(h.choices) if h.choices else None,
                        description=h.description,
                        label=h.label,
                    )
                    for h in spec.hyperparameters
                ],
            )
            for spec in MODEL_TYPES.values()
        ]
    )


__all__ = ["account_ids", "activate", "active_model_id", "list_models", "model_info", "model_types"]


async def holdout_predictions(session: AsyncSession, model_id: str) -> tuple[bytes, int]:
    """A trained model's holdout predictions as gzip CSV, and how many rows."""
    await ready_model(session, model_id)  # unknown 404, not trained 409: as everywhere
    row = await session.get(HoldoutPredictions, model_id)
    if row is None:
        raise ApiError(
            404,
            ErrorCode.holdout_not_stored,
            f"model {quote(model_id)} has no stored holdout predictions (trained before they "
            "were kept, or imported from another instance)",
            field="model_id",
        )
    return row.content, row.n_matches
