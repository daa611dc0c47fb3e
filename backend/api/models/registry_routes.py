"""Routes of the model registry under /api/v1/models: list and search, inspect, describe and
tag, export and import models; the stored evaluations and backtests."""

from __future__ import annotations

import asyncio
import gzip
from typing import Annotated, Literal

from litestar import Controller, Response, get, post, put
from litestar.params import Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data import results
from backend.api.dependencies import MULTIPART, READ
from backend.api.models import evaluation, registry, transfer
from backend.api.models.lifecycle_schemas import EvaluationList
from backend.api.models.schemas import (
    MAX_TAGS,
    ImportForm,
    ModelInfo,
    ModelList,
    ModelMetadataRequest,
)
from backend.context import AppContext
from backend.db.tables import ModelStatus
from backend.errors import error_responses


class RegistryController(Controller):
    """What MLflow users expect of a registry: find, describe, move and compare models."""

    path = "/api/v1/models"
    tags = ["models"]

    @get(
        "/list",
        operation_id="list_models",
        opt=READ,
        summary="All models (filter by tag, text and status)",
        responses=error_responses(400, 401),
    )
    async def list_models(
        self,
        session: AsyncSession,
        tag: Annotated[
            list[str] | None,
            Parameter(
                query="tag",
                description="Only models with this tag (repeat: with every one; any case).",
                max_items=MAX_TAGS,
            ),
        ] = None,
        q: Annotated[
            str | None,
            Parameter(
                query="q",
                description="Only models whose id, type, description or tags contain this "
                "text (any case).",
                max_length=200,
            ),
        ] = None,
        status: Annotated[
            Literal["any", "training", "ready", "failed"],
            Parameter(query="status", description="Only models in this state."),
        ] = "any",
    ) -> ModelList:
        return await registry.list_models(
            session, tag or (), q, None if status == "any" else ModelStatus(status)
        )

    @get(
        "/model_info",
        operation_id="model_info",
        opt=READ,
        summary="Everything about one model",
        responses=error_responses(400, 401, 404),
    )
    async def model_info(
        self,
        ctx: AppContext,
        session: AsyncSession,
        model_id: Annotated[str, Parameter(query="model_id")],
    ) -> ModelInfo:
        info = await registry.model_info(session, model_id)
        return await results.with_roll_forward(ctx, session, info)

    @get(
        "/export",
        operation_id="export_model",
        opt=READ,
        summary="Download a model: its data-only artifact and a model card, in one zip",
        description="model_card.json (type, hyperparameters, metrics, training dataset name and "
        "SHA-256, trained_at, the artifact's SHA-256) and artifact.dpml. POST "
        "/api/v1/models/import stores it on another instance; results applied here are not "
        "included (the importing instance applies its own).",
        media_type="application/zip",
        responses=error_responses(400, 401, 404, 409),
    )
    async def export_model(
        self, session: AsyncSession, model_id: Annotated[str, Parameter(query="model_id")]
    ) -> Response[bytes]:
        data, filename = await transfer.export_model(session, model_id)
        return Response(
            data,
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @post(
        "/import",
        operation_id="import_model",
        status_code=201,
        summary="Store a model exported by GET /api/v1/models/export (not activated)",
        description="Multipart form: file (the export zip), model_id (default: the card's). "
        "The artifact must match the card's SHA-256 and load through the data-only reader "
        "and a probe prediction (400 invalid_model_file otherwise); 409 model_id_taken. The "
        "training dataset is linked when this instance stores the same content.",
        responses=error_responses(400, 401, 403, 409, 413, 415),
    )
    async def import_model(
        self, ctx: AppContext, session: AsyncSession, data: Annotated[ImportForm, MULTIPART]
    ) -> ModelInfo:
        return await transfer.import_model(ctx, session, data.file, data.model_id)

    @get(
        "/holdout_predictions",
        operation_id="holdout_predictions",
        opt=READ,
        summary="A trained model's predictions of each holdout match (CSV)",
        description="match_id, start_time, radiant_win, radiant_win_probability: the rows the "
        "model's holdout metrics score (the latest matches of its training data, predicted by "
        "the model fitted on the earlier ones). 404 holdout_not_stored for models trained "
        "before these were kept or imported.",
        media_type="text/csv",
        responses=error_responses(400, 401, 404, 409),
    )
    async def holdout_predictions(
        self, session: AsyncSession, model_id: Annotated[str, Parameter(query="model_id")]
    ) -> Response[bytes]:
        content, n_matches = await registry.holdout_predictions(session, model_id)
        return Response(
            await asyncio.to_thread(gzip.decompress, content),
            media_type="text/csv",
            headers={
                "Content-Disposition": f'attachment; filename="{model_id}-holdout.csv"',
                "X-Matches": str(n_matches),
            },
        )

    @put(
        "/metadata",
        operation_id="set_model_metadata",
        summary="Set a model's description and/or tags",
        description="JSON: model_id, description (free text; empty clears it), tags (replaces "
        "them). A field left out keeps its value. Search with GET /api/v1/models/list?tag=…&q=….",
        responses=error_responses(400, 401, 403, 404),
    )
    async def set_metadata(self, session: AsyncSession, data: ModelMetadataRequest) -> ModelInfo:
        return await registry.set_metadata(session, data)

    @get(
        "/evaluations",
        operation_id="list_evaluations",
        opt=READ,
        summary="Stored evaluations and backtests, newest first",
        description="Each with its file (name, SHA-256, matches), the active model then, and "
        "every scored model's headline scores and mode; GET /api/v1/models/evaluation?"
        "evaluation_id=… has the whole report (curves, intervals, paired comparison).",
        responses=error_responses(400, 401),
    )
    async def list_evaluations(
        self,
        session: AsyncSession,
        kind: Annotated[
            Literal["any", "evaluation", "backtest"],
            Parameter(query="kind", description="Only evaluations or only backtests."),
        ] = "any",
        model_id: Annotated[
            str | None,
            Parameter(query="model_id", description="Only those that scored this model."),
        ] = None,
        limit: Annotated[int, Parameter(query="limit", ge=1, le=500)] = 50,
    ) -> EvaluationList:
        return await evaluation.list_evaluations(
            session, None if kind == "any" else kind, model_id, limit
        )
