"""Routes under /api/v1/models."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar import Controller, Request, Response, get, post, put
from litestar.enums import RequestEncodingType
from litestar.params import Body, Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models import jobs, registry, serving, training
from backend.api.models.schemas import (
    ActivateRequest,
    CancelJobRequest,
    CsvPredictions,
    FitAccepted,
    FitForm,
    JobList,
    JobStatusRead,
    ModelInfo,
    ModelList,
    ModelTypeList,
    PredictCsvForm,
    Prediction,
    PredictRequest,
)
from backend.api.uploads import read_upload
from backend.context import AppContext
from backend.errors import error_responses

MULTIPART = Body(media_type=RequestEncodingType.MULTI_PART)


class ModelsController(Controller):
    """Training, registry and prediction endpoints."""

    path = "/api/v1/models"
    tags = ["models"]

    @post(
        "/fit",
        operation_id="fit",
        status_code=202,
        summary="Queue a training job",
        description="Multipart form: model_type, hyperparameters (JSON object), model_id, file "
        "(training CSV; without it the bundled dataset). Returns 202 with the job id.",
        responses=error_responses(400, 401, 409, 413, 503),
    )
    async def fit(self, ctx: AppContext, data: Annotated[FitForm, MULTIPART]) -> FitAccepted:
        return await training.submit_fit(ctx, data)

    @get(
        "/fit/status",
        operation_id="fit_status",
        summary="Training job status",
        description="By job_id, or the latest job of model_id, or (with neither) the recent "
        "jobs, newest first.",
        responses=error_responses(400, 401, 404),
    )
    async def fit_status(
        self,
        session: AsyncSession,
        job_id: Annotated[str | None, Parameter(query="job_id")] = None,
        model_id: Annotated[str | None, Parameter(query="model_id")] = None,
        limit: Annotated[int, Parameter(query="limit", ge=1, le=200)] = 20,
    ) -> JobStatusRead | JobList:
        return await jobs.find_job(session, job_id, model_id, limit)

    @post(
        "/fit/cancel",
        operation_id="cancel_fit",
        status_code=200,
        summary="Cancel a job",
        responses=error_responses(400, 401, 404, 409),
    )
    async def cancel_fit(self, ctx: AppContext, data: CancelJobRequest) -> JobStatusRead:
        return await jobs.cancel_job(ctx, data.job_id)

    @post(
        "/predict",
        operation_id="predict",
        status_code=200,
        summary="Predict one draft",
        responses=error_responses(400, 401, 404, 409),
    )
    async def predict(self, ctx: AppContext, data: PredictRequest) -> Prediction:
        return await serving.predict_draft(ctx, data)

    @post(
        "/predict_csv",
        operation_id="predict_csv",
        status_code=200,
        summary="Predict every match of a CSV file",
        description="JSON by default; `format=csv` or `Accept: text/csv` gives CSV (match_id, "
        "radiant_win_probability, winner, model_id).",
        responses=error_responses(400, 401, 404, 409, 413),
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
        content = await read_upload(ctx, data.file)
        wants_csv = output == "csv" or (
            output is None and "text/csv" in request.headers.get("accept", "")
        )
        # Streamed (documented as CsvPredictions, which is exactly what the JSON stream is).
        stream = await serving.predict_file(ctx, content, data.model_id, as_csv=wants_csv)
        return stream  # type: ignore[return-value]

    @get("/list", operation_id="list_models", summary="All models", responses=error_responses(401))
    async def list_models(self, session: AsyncSession) -> ModelList:
        return await registry.list_models(session)

    @get(
        "/model_info",
        operation_id="model_info",
        summary="Everything about one model",
        responses=error_responses(400, 401, 404),
    )
    async def model_info(
        self, session: AsyncSession, model_id: Annotated[str, Parameter(query="model_id")]
    ) -> ModelInfo:
        return await registry.model_info(session, model_id)

    @put(
        "/activate",
        operation_id="activate",
        status_code=200,
        summary="Serve this model",
        responses=error_responses(400, 401, 404, 409),
    )
    async def activate(
        self, ctx: AppContext, session: AsyncSession, data: ActivateRequest
    ) -> ModelInfo:
        info = await registry.activate(session, data.model_id)
        await serving.note_activation(ctx, session, data.model_id)
        return info

    @get(
        "/types",
        operation_id="model_types",
        summary="Model types and their hyperparameters",
        responses=error_responses(401),
    )
    async def types(self) -> ModelTypeList:
        return registry.model_types()
