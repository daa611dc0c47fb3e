"""Routes of the model life cycle under /api/v1/models: activate, shadows, delete, the
activation history."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, delete, get, put
from litestar.params import Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.dependencies import READ
from backend.api.models import (
    lifecycle,
    registry,
    shadows,
)
from backend.api.models.lifecycle_schemas import (
    ActivationList,
    ModelDeleted,
)
from backend.api.models.schemas import (
    ActivateRequest,
    ModelInfo,
)
from backend.api.models.shadows import ShadowSet, ShadowSetRequest
from backend.context import AppContext
from backend.errors import error_responses


class LifecycleController(Controller):
    """Which model serves, which shadow it, and removing models."""

    path = "/api/v1/models"
    tags = ["models"]

    @put(
        "/activate",
        operation_id="activate",
        status_code=200,
        summary="Serve this model",
        responses=error_responses(400, 401, 403, 404, 409),
    )
    async def activate(
        self, ctx: AppContext, request: Request, session: AsyncSession, data: ActivateRequest
    ) -> ModelInfo:
        info = await registry.activate(session, data.model_id, lifecycle.actor_of(request))
        ctx.note_activation(data.model_id)  # /predict and GET / in this process follow at once
        return info

    @put(
        "/shadow",
        operation_id="set_shadows",
        status_code=200,
        summary="Name the shadow challengers",
        description="JSON body {model_ids: [...]}: the whole new set, up to 3 ready models other "
        "than the active one ([] clears it). Every prediction the active model serves through "
        "/predict or an unlabelled /predict_csv is also made by each shadow, off the request "
        "path (at the ledger's flush), at the same point in time, and recorded in the ledger "
        "(source shadow, the champion's prediction ids); /monitoring compares them with the "
        "champion and /promote can cite that record (evidence=shadow). Every API process "
        "follows the set within a poll. Deleting a model or activating a shadow removes it.",
        responses=error_responses(400, 401, 403, 404, 409),
    )
    async def set_shadows(self, session: AsyncSession, data: ShadowSetRequest) -> ShadowSet:
        return await shadows.set_shadows(session, data.model_ids)

    @get(
        "/shadow",
        operation_id="list_shadows",
        opt=READ,
        summary="The shadow challengers",
        responses=error_responses(401),
    )
    async def list_shadows(self, session: AsyncSession) -> ShadowSet:
        return await shadows.shadow_set(session)

    @delete(
        "/delete",
        operation_id="delete_model",
        status_code=200,
        summary="Delete a model",
        description="Removes the model, its artifact and players; its training jobs stay "
        "(their status shows model_deleted: true). The active model cannot be deleted (409); "
        "the default model only while another model is active.",
        responses=error_responses(400, 401, 404, 409),
    )
    async def delete_model(
        self,
        ctx: AppContext,
        session: AsyncSession,
        model_id: Annotated[str, Parameter(query="model_id")],
    ) -> ModelDeleted:
        return await lifecycle.delete_model(ctx, session, model_id)

    @get(
        "/activations",
        operation_id="list_activations",
        opt=READ,
        summary="Activation history, newest first",
        responses=error_responses(400, 401),
    )
    async def activations(
        self,
        session: AsyncSession,
        limit: Annotated[int, Parameter(query="limit", ge=1, le=500)] = 100,
    ) -> ActivationList:
        return await lifecycle.activation_history(session, limit)
