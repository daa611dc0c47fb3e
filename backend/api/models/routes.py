"""Routes under /api/v1/models."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal, cast

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.enums import MediaType, RequestEncodingType
from litestar.params import Body, Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.dependencies import READ
from backend.api.models import (
    backtest_jobs,
    evaluation,
    jobs,
    lifecycle,
    registry,
    serving,
    shadows,
    suggest,
    training,
)
from backend.api.models.backtest import backtest as run_backtest
from backend.api.models.lifecycle_schemas import (
    ActivationList,
    BacktestForm,
    BacktestJobForm,
    BacktestJobList,
    BacktestJobRead,
    BacktestRead,
    CancelBacktestJob,
    EvaluateForm,
    EvaluationRead,
    ModelDeleted,
    PickSuggestions,
    PromoteForm,
    PromotionResult,
    SuggestPicksRequest,
)
from backend.api.models.schemas import (
    ActivateRequest,
    CancelJobRequest,
    CsvPredictions,
    FitAccepted,
    FitForm,
    JobList,
    JobStatusRead,
    ModelInfo,
    ModelTypeList,
    PredictCsvForm,
    Prediction,
    PredictRequest,
)
from backend.api.models.shadows import ShadowSet, ShadowSetRequest
from backend.api.monitoring.report import model_monitoring
from backend.api.monitoring.schemas import ModelMonitoring
from backend.api.uploads import as_canonical_csv, import_options, read_upload
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

    @post(
        "/predict",
        operation_id="predict",
        opt=READ,
        status_code=200,
        summary="Predict one draft",
        responses=error_responses(400, 401, 404, 409),
    )
    async def predict(self, request: Request, data: PredictRequest) -> Response[Prediction]:
        # No database session: the active model is the process's cached one (fast_path). The
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

    @post(
        "/evaluate",
        operation_id="evaluate_models",
        opt={**READ, "heavy": "evaluate"},
        status_code=200,
        summary="Score models on one common labelled file",
        description="Multipart form: file (labelled match CSV), model_ids (comma-separated; "
        "default every ready model). The active model is always scored too; every other model "
        "gets a paired-bootstrap comparison with it (1,000 resamples, fixed seed). The result "
        "is stored; promote can cite its evaluation_id.",
        responses=error_responses(400, 401, 404, 409, 413, 429),
    )
    async def evaluate(
        self, ctx: AppContext, session: AsyncSession, data: Annotated[EvaluateForm, MULTIPART]
    ) -> EvaluationRead:
        return await evaluation.evaluate(ctx, session, data)

    @post(
        "/backtest",
        operation_id="backtest_models",
        opt=READ,
        status_code=200,
        summary="Walk-forward backtest: replay a labelled file as live use would have seen it",
        description="Multipart form: file (labelled match CSV), model_ids (comma-separated; "
        "default every ready model; the active model is always included), apply_every "
        "(match, day — UTC day of start_time, or blocks of 2 million match ids when a match "
        "has none — or a number N of matches), include_training_matches. Each match is "
        "predicted from the model's artifact advanced by the stored results and the file's "
        "earlier matches, never its own or a later result; nothing is stored but the report. "
        "Metrics with 95 % bootstrap intervals, the frozen model, baselines (coin flip, "
        "training base rate, the file's radiant_win_probability_market) and the paired "
        "comparison with the active model. Promote accepts its backtest_id as evaluation_id.",
        responses=error_responses(400, 401, 404, 409, 413),
    )
    async def backtest(
        self, ctx: AppContext, session: AsyncSession, data: Annotated[BacktestForm, MULTIPART]
    ) -> BacktestRead:
        return await run_backtest(ctx, session, data)

    @post(
        "/backtest/jobs",
        operation_id="start_backtest_job",
        opt=READ,
        status_code=202,
        summary="Queue a walk-forward backtest of a large file as a worker job",
        description="The form of POST /api/v1/models/backtest (per-match predictions aside). "
        "The file and model ids are checked now (400/404/409 as there); a worker replays it, "
        "with progress and cancel, and stores the same report: GET "
        "/api/v1/models/evaluation?evaluation_id=<backtest_id> reads it and promote accepts "
        "it. Watch it with GET /api/v1/models/backtest/status.",
        responses=error_responses(400, 401, 404, 409, 413, 503),
    )
    async def start_backtest_job(
        self, ctx: AppContext, data: Annotated[BacktestJobForm, MULTIPART]
    ) -> BacktestJobRead:
        return await backtest_jobs.submit(ctx, data)

    @get(
        "/backtest/status",
        operation_id="backtest_job_status",
        opt=READ,
        summary="A backtest job's state (and its backtest_id once done)",
        responses=error_responses(400, 401, 404),
    )
    async def backtest_job_status(
        self, ctx: AppContext, job_id: Annotated[str, Parameter(query="job_id", max_length=64)]
    ) -> BacktestJobRead:
        return await backtest_jobs.find(ctx, job_id)

    @get(
        "/backtest/jobs",
        operation_id="backtest_jobs",
        opt=READ,
        summary="Recent backtest jobs, newest first",
        responses=error_responses(400, 401),
    )
    async def backtest_job_list(
        self, ctx: AppContext, limit: Annotated[int, Parameter(query="limit", ge=1, le=100)] = 20
    ) -> BacktestJobList:
        return BacktestJobList(jobs=await backtest_jobs.recent(ctx, limit))

    @post(
        "/backtest/cancel",
        operation_id="cancel_backtest_job",
        opt=READ,
        status_code=200,
        summary="Cancel a backtest job (nothing of it is stored)",
        responses=error_responses(400, 401, 404, 409),
    )
    async def cancel_backtest_job(
        self, ctx: AppContext, data: CancelBacktestJob
    ) -> BacktestJobRead:
        return await backtest_jobs.cancel(ctx, data.job_id)

    @get(
        "/evaluation",
        operation_id="get_evaluation",
        opt=READ,
        summary="A stored evaluation",
        responses=error_responses(400, 401, 404),
    )
    async def get_evaluation(
        self,
        session: AsyncSession,
        evaluation_id: Annotated[str, Parameter(query="evaluation_id")],
    ) -> EvaluationRead:
        return await evaluation.stored_evaluation(session, evaluation_id)

    @post(
        "/promote",
        operation_id="promote_model",
        opt={"heavy": "evaluate"},
        status_code=200,
        summary="Champion/challenger: activate the challenger only if it is clearly better",
        description="Multipart form: model_id (the challenger) and one of file (labelled match "
        "CSV), evaluation_id (a stored evaluation) or evidence=shadow (its live record as a "
        "shadow challenger against the active model, from the ledger). Promotes only if the "
        "challenger's log-loss minus the active model's has its whole 95 % paired-bootstrap "
        "interval below zero; otherwise promoted is false, the reason says why and nothing "
        "changes.",
        responses=error_responses(400, 401, 404, 409, 413, 429),
    )
    async def promote(
        self,
        request: Request,
        ctx: AppContext,
        session: AsyncSession,
        data: Annotated[PromoteForm, MULTIPART],
    ) -> PromotionResult:
        result = await evaluation.promote(ctx, session, data, lifecycle.actor_of(request))
        if result.promoted:
            ctx.note_activation(result.model_id)  # this process serves and shows it at once
        return result

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

    @get(
        "/types",
        operation_id="model_types",
        opt=READ,
        summary="Model types and their hyperparameters",
        responses=error_responses(401),
    )
    async def types(self) -> ModelTypeList:
        return registry.model_types()
