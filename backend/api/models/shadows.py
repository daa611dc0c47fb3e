"""PUT/GET /api/v1/models/shadow: the set of shadow challengers (backend/serving/shadows.py)."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.serving import ready_model
from backend.db.registry import replace_shadows
from backend.errors import ApiError, ErrorCode
from backend.serving.active import active_and_shadows
from backend.text import quote

MAX_SHADOWS = 3  # each costs one vectorised prediction per ledger flush in every API process


class ShadowSetRequest(BaseModel):
    """Body of PUT /api/v1/models/shadow: the whole new set (an empty list clears it)."""

    model_ids: list[str] = Field(
        description=f"Up to {MAX_SHADOWS} ready models other than the active one."
    )


class ShadowSet(BaseModel):
    """The models shadowing the active one (ids sorted)."""

    model_ids: list[str]
    active_model_id: str | None
    max_shadows: int = MAX_SHADOWS


async def shadow_set(session: AsyncSession) -> ShadowSet:
    """The stored shadow set and the active model."""
    active, shadows = await active_and_shadows(session)
    return ShadowSet(model_ids=shadows, active_model_id=active)


async def set_shadows(session: AsyncSession, model_ids: list[str]) -> ShadowSet:
    """Replace the shadow set (validated whole first: a bad id changes nothing)."""
    if len(model_ids) > MAX_SHADOWS:
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            f"model_ids names {len(model_ids)} models; at most {MAX_SHADOWS} can shadow",
            field="model_ids",
        )
    repeated = sorted({m for m in model_ids if model_ids.count(m) > 1})
    if repeated:
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            f"model_ids names {quote(repeated[0])} more than once",
            field="model_ids",
        )
    for model_id in model_ids:
        model = await ready_model(session, model_id, field="model_ids")  # 404 / 409
        if model.is_active:
            raise ApiError(
                409,
                ErrorCode.model_active,
                f"model {quote(model_id)} is the active model; it cannot shadow itself",
                field="model_ids",
            )
    await replace_shadows(session, model_ids)
    return await shadow_set(session)
