"""Routes of evaluation under /api/v1/models: evaluate and promote, backtests (inline and as
jobs), stored evaluations."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.dependencies import MULTIPART, READ
from backend.api.models import (
    backtest_jobs,
    evaluation,
    lifecycle,
    promotion,
)
from backend.api.models.backtest import backtest as run_backtest
from backend.api.models.lifecycle_schemas import (
    BacktestForm,
    BacktestJobForm,
    BacktestJobList,
    BacktestJobRead,
    BacktestRead,
    CancelBacktestJob,
    EvaluateForm,
    EvaluationRead,
    PromoteForm,
    PromotionResult,
)
from backend.context import AppContext
from backend.errors import error_responses


class EvaluationController(Controller):
    """Compare models on data, and promote the better one."""

    path = "/api/v1/models"
    tags = ["models"]

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
        result = await promotion.promote(ctx, session, data, lifecycle.actor_of(request))
        if result.promoted:
            ctx.note_activation(result.model_id)  # this process serves and shows it at once
        return result
