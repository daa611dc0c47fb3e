"""Deleting models, and the activation history (who activated what, when and why)."""

from __future__ import annotations

from typing import Any

from litestar import Request
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.lifecycle_schemas import ActivationList, ActivationRead, ModelDeleted
from backend.api.models.schemas import DEFAULT_MODEL_ID
from backend.context import AppContext
from backend.db.engine import as_utc
from backend.db.registry import active_model_id, remove_model
from backend.db.tables import (
    Activation,
    MLModel,
    ModelStatus,
    TrainingJob,
)
from backend.errors import ApiError, ErrorCode

ANONYMOUS = "anonymous"


def actor_of(request: Request[Any, Any, Any]) -> str:
    """Who made the request: the API key's name/role when keys are configured, else anonymous."""
    for key in ("api_key_name", "api_key_role"):
        value = getattr(request.state, key, None)
        if value:
            return str(value)
    user = request.scope.get("user")
    if isinstance(user, str) and user:
        return user
    return "api-key" if request.app.state.ctx.settings.api_key else ANONYMOUS


async def delete_model(ctx: AppContext, session: AsyncSession, model_id: str) -> ModelDeleted:
    """Remove a model, its artifact and players; its training jobs stay as history."""
    model = await session.get(MLModel, model_id, with_for_update=True)
    if model is None:
        raise ApiError(
            404, ErrorCode.model_not_found, f"no model with model_id {model_id!r}", field="model_id"
        )
    if model.is_active:
        raise ApiError(
            409,
            ErrorCode.model_active,
            f"model {model_id!r} is the active model; activate another model before deleting it",
            field="model_id",
        )
    if model.status == ModelStatus.training:
        raise ApiError(
            409,
            ErrorCode.model_training,
            f"model {model_id!r} is still training; cancel its job "
            "(POST /api/v1/models/fit/cancel) first",
            field="model_id",
        )
    if model_id == DEFAULT_MODEL_ID and await active_model_id(session) is None:
        raise ApiError(
            409,
            ErrorCode.no_active_model,
            f"the default model {model_id!r} can be deleted only while another model is active",
            field="model_id",
        )
    jobs_kept = (
        await session.exec(
            select(func.count()).select_from(TrainingJob).where(TrainingJob.model_id == model_id)
        )
    ).one()
    await remove_model(session, model)
    ctx.models.discard(model_id)
    ctx.by_id.discard(model_id)
    return ModelDeleted(model_id=model_id, jobs_kept=int(jobs_kept))


async def activation_history(session: AsyncSession, limit: int) -> ActivationList:
    """Activations, newest first."""
    rows = await session.exec(
        select(Activation)
        .order_by(col(Activation.created_at).desc(), col(Activation.id).desc())
        .limit(limit)
    )
    return ActivationList(
        activations=[
            ActivationRead(
                activation_id=a.id or 0,
                created_at=as_utc(a.created_at) or a.created_at,
                actor=a.actor,
                previous_model_id=a.previous_model_id,
                model_id=a.model_id,
                reason=a.reason,
                evidence=a.evidence,
            )
            for a in rows.all()
        ]
    )
