"""Routes of training under /api/v1/models: queue, follow and cancel fits; the model types."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.params import Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.dependencies import MULTIPART, READ
from backend.api.models import (
    jobs,
    registry,
    training,
)
from backend.api.models.schemas import (
    CancelJobRequest,
    FitAccepted,
    FitForm,
    JobList,
    JobStatusRead,
    ModelTypeList,
)
from backend.context import AppContext
from backend.errors import error_responses


class TrainingController(Controller):
    """Training jobs and the model types they train."""

    path = "/api/v1/models"
    tags = ["models"]

    @post(
        "/fit",
        operation_id="fit",
        opt={"heavy": "fit"},
        status_code=202,
        summary="Queue a training job",
        description="Multipart form: model_type, hyperparameters (JSON object), model_id, file "
        "(training CSV; without it the bundled dataset). Returns 202 with the job id.",
        responses=error_responses(400, 401, 403, 409, 413, 503, 429),
    )
    async def fit(self, ctx: AppContext, data: Annotated[FitForm, MULTIPART]) -> FitAccepted:
        return await training.submit_fit(ctx, data)

    @get(
        "/fit/status",
        operation_id="fit_status",
        opt=READ,
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
        responses=error_responses(400, 401, 403, 404, 409),
    )
    async def cancel_fit(self, ctx: AppContext, data: CancelJobRequest) -> JobStatusRead:
        return await jobs.cancel_job(ctx, data.job_id)

    @get(
        "/types",
        operation_id="model_types",
        opt=READ,
        summary="Model types and their hyperparameters",
        responses=error_responses(401),
    )
    async def types(self) -> ModelTypeList:
        return registry.model_types()
