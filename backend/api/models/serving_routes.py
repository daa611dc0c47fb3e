"""Routes of serving under /api/v1/models: predict a draft or a file, suggest picks, and the
live record of what was served."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal, cast

from litestar import Controller, Request, Response, get, post
from litestar.enums import MediaType
from litestar.params import Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.dependencies import MULTIPART, READ
from backend.api.models import (
    serving,
    suggest,
)
from backend.api.models.lifecycle_schemas import (
    PickSuggestions,
    SuggestPicksRequest,
)
from backend.api.models.schemas import (
    CsvPredictions,
    PredictCsvForm,
    Prediction,
    PredictRequest,
)
from backend.api.monitoring.report import model_monitoring
from backend.api.monitoring.schemas import ModelMonitoring
from backend.api.uploads import as_canonical_csv, import_options, read_upload
from backend.context import AppContext
from backend.errors import error_responses


class ServingController(Controller):
    """Predictions, the draft helper and the monitoring of served predictions."""

    path = "/api/v1/models"
    tags = ["models"]

    @post(
        "/predict",
        operation_id="predict",
        opt=READ,
        status_code=200,
        summary="Predict one draft",
        responses=error_responses(400, 401, 404, 409),
    )
    async def predict(self, request: Request, data: PredictRequest) -> Response[Prediction]:
        # No database session: the active model is the process's cached one (serving/active.py).
        # context comes from the app state, not a dependency, and pydantic-core encodes the
        # answer: Litestar's dependency resolution and generic encoding cost more than both.
        ctx: AppContext = request.app.state.ctx
        prediction = await serving.predict_draft(ctx, data)
        body = prediction.model_dump_json().encode()
        return cast("Response[Prediction]", Response(body, media_type=MediaType.JSON))

    @post(
        "/predict_csv",
        operation_id="predict_csv",
        opt={**READ, "heavy": "predict_csv"},
        status_code=200,
        summary="Predict every match of a CSV file",
        description="JSON by default; `format=csv` or `Accept: text/csv` gives CSV (match_id, "
        "radiant_win_probability, winner, model_id, prediction_id).",
        responses=error_responses(400, 401, 404, 409, 413, 429),
    )
    async def predict_csv(
        self,
        ctx: AppContext,
        request: Request,
        data: Annotated[PredictCsvForm, MULTIPART],
        output: Annotated[
            Literal["json", "csv"] | None,
            Parameter(query="format", description="Response format; default from Accept."),
        ] = None,
    ) -> Response[CsvPredictions]:
        options = import_options(data.format, data.mapping)
        content = await read_upload(ctx, data.file)
        content = await asyncio.to_thread(
            as_canonical_csv,
            content,
            options,
            require_label=False,
            max_rows=ctx.settings.max_csv_matches,
        )
        wants_csv = output == "csv" or (
            output is None and "text/csv" in request.headers.get("accept", "")
        )
        # Streamed (documented as CsvPredictions, which is exactly what the JSON stream is);
        # model and file errors are raised before the first byte.
        stream = await serving.predict_file(
            ctx,
            content,
            data.model_id,
            as_csv=wants_csv,
            include_training=data.include_training_matches,
        )
        return stream  # type: ignore[return-value]

    @get(
        "/monitoring",
        operation_id="monitoring",
        summary="Live record of a model",
        description="Served and scored predictions (scored when POST /api/v1/data/results "
        "brings their match's result; per model and match the latest prediction made before "
        "the result), rolling-window metrics next to the holdout's with a drift verdict, input "
        "drift and the reliability curve. Defaults to the active model.",
        responses=error_responses(400, 401, 404, 409),
    )
    async def monitoring(
        self,
        ctx: AppContext,
        session: AsyncSession,
        model_id: Annotated[str | None, Parameter(query="model_id")] = None,
    ) -> ModelMonitoring:
        return await model_monitoring(ctx, session, model_id)

    @post(
        "/suggest_picks",
        operation_id="suggest_picks",
        opt=READ,
        status_code=200,
        summary="Draft helper: the best next picks for one side",
        description="A partial draft (0-4 picks for side, 0-5 for the other, optional bans) → "
        "heroes ranked by the side's win probability. Exact (= /predict) when the draft is "
        "complete after the pick; otherwise the mean over sampled completions of the open "
        "slots (see PickSuggestions).",
        responses=error_responses(400, 401, 404, 409),
    )
    async def suggest_picks(
        self, ctx: AppContext, session: AsyncSession, data: SuggestPicksRequest
    ) -> PickSuggestions:
        return await suggest.suggest_picks(ctx, session, data)
