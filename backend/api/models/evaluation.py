"""Scoring models on one common labelled file, and champion/challenger promotion."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from typing import TYPE_CHECKING, Any

import polars as pl
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.lifecycle_schemas import (
    MAX_EVALUATED_MODELS,
    EvaluateForm,
    EvaluationRead,
    ModelEvaluation,
    PromoteForm,
    PromotionResult,
)
from backend.api.models.serving import active_model_id, load_model, ready_model
from backend.api.uploads import data_error, read_upload
from backend.context import AppContext
from backend.db.activations import activate_recorded
from backend.db.engine import as_utc
from backend.db.tables import Evaluation, MLModel, ModelStatus, utcnow
from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError, read_matches
from backend.ml.metrics import evaluation_curves, expected_calibration_error, prediction_scores
from backend.ml.paired import paired_comparison

if TYPE_CHECKING:
    from backend.ml import TrainedModel

SCORE_KEYS = ("accuracy", "roc_auc", "log_loss", "brier", "ece")


def score_models(
    frame: pl.DataFrame, models: dict[str, TrainedModel], active_id: str | None
) -> dict[str, dict[str, Any]]:
    """Metrics and curves of every model on the same matches, plus the paired comparison."""
    y = frame["radiant_win"].cast(pl.Float64).to_numpy()
    probabilities = {model_id: m.predict_proba(frame) for model_id, m in models.items()}
    reference = probabilities.get(active_id) if active_id is not None else None
    out: dict[str, dict[str, Any]] = {}
    for model_id, p in probabilities.items():
        vs_active = None
        if reference is not None and model_id != active_id:
            vs_active = paired_comparison(y, reference, p)
        out[model_id] = {
            **prediction_scores(y, p),
            "ece": expected_calibration_error(y, p),
            **evaluation_curves(y, p),
            "vs_active": vs_active,
        }
    return out


def parse_model_ids(raw: str | None) -> list[str]:
    """'a, b,c' → ['a', 'b', 'c'] without repeats; empty → []; over MAX_EVALUATED_MODELS: 400."""
    ids = list(dict.fromkeys(part.strip() for part in (raw or "").split(",") if part.strip()))
    if len(ids) > MAX_EVALUATED_MODELS:
        raise ApiError(
            400,
            ErrorCode.invalid_model_id,
            f"model_ids names {len(ids)} models; at most {MAX_EVALUATED_MODELS} per evaluation",
            field="model_ids",
        )
    return ids


async def _models_to_score(session: AsyncSession, ids: list[str]) -> list[MLModel]:
    if ids:
        return [await ready_model(session, model_id, field="model_ids") for model_id in ids]
    rows = await session.exec(
        select(MLModel)
        .where(col(MLModel.status) == ModelStatus.ready)
        .order_by(col(MLModel.created_at).desc())
    )
    models = list(rows.all())
    if not models:
        raise ApiError(409, ErrorCode.model_not_ready, "no model is ready yet; train one first")
    return models


async def evaluate(ctx: AppContext, session: AsyncSession, form: EvaluateForm) -> EvaluationRead:
    """Score the chosen (default: all ready) models and the active one on one labelled file."""
    data = await read_upload(ctx, form.file)
    try:
        frame = read_matches(data, require_label=True, max_rows=ctx.settings.max_csv_matches)
    except MatchDataError as exc:
        raise data_error(exc) from exc
    models = await _models_to_score(session, parse_model_ids(form.model_ids))
    active_id = await active_model_id(session)
    if active_id is not None and active_id not in {m.id for m in models}:
        models.append(await ready_model(session, active_id))
    trained = {m.id: await load_model(ctx, session, m) for m in models}
    scores = await asyncio.to_thread(score_models, frame, trained, active_id)
    results = [
        ModelEvaluation(
            model_id=m.id, model_type=m.model_type, is_active=m.id == active_id, **scores[m.id]
        )
        for m in models
    ]
    row = Evaluation(
        id=f"eval-{secrets.token_hex(8)}",
        created_at=utcnow(),
        dataset_sha256=hashlib.sha256(data).hexdigest(),
        filename=(form.file.filename or "upload.csv")[:255],
        n_matches=frame.height,
        active_model_id=active_id,
        results=[r.model_dump(mode="json") for r in results],
    )
    session.add(row)
    await session.flush()
    return _read(row)


def _read(row: Evaluation) -> EvaluationRead:
    return EvaluationRead(
        evaluation_id=row.id,
        created_at=as_utc(row.created_at) or row.created_at,
        filename=row.filename,
        dataset_sha256=row.dataset_sha256,
        n_matches=row.n_matches,
        active_model_id=row.active_model_id,
        results=[ModelEvaluation.model_validate(r) for r in row.results],
    )


async def stored_evaluation(session: AsyncSession, evaluation_id: str) -> EvaluationRead:
    """A stored evaluation by id."""
    row = await session.get(Evaluation, evaluation_id)
    if row is None:
        raise ApiError(
            404,
            ErrorCode.evaluation_not_found,
            f"no evaluation with evaluation_id {evaluation_id!r}; run POST "
            "/api/v1/models/evaluate first",
            field="evaluation_id",
        )
    return _read(row)


def _scores(result: ModelEvaluation) -> dict[str, Any]:
    return {"model_id": result.model_id, **{k: getattr(result, k) for k in SCORE_KEYS}}


def _ci(values: list[float] | None) -> str:
    return "n/a" if values is None else f"[{values[0]:+.4f}, {values[1]:+.4f}]"


async def promote(
    ctx: AppContext, session: AsyncSession, form: PromoteForm, actor: str
) -> PromotionResult:
    """Activate the challenger only if it beats the active model's log-loss, 95 % surely."""
    if (form.file is None) == (form.evaluation_id is None or form.evaluation_id == ""):
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            "give exactly one of file (a labelled match CSV) or evaluation_id (a stored "
            "evaluation)",
            field="file" if form.file is None else "evaluation_id",
        )
    challenger = await ready_model(session, form.model_id)
    active_id = await active_model_id(session)
    if active_id is None:
        raise ApiError(
            409,
            ErrorCode.no_active_model,
            "no model is active, so there is no champion to compare against; use PUT "
            "/api/v1/models/activate",
        )

    def refuse(reason: str, evaluation: EvaluationRead | None = None, **evidence: Any) -> Any:
        return PromotionResult(
            promoted=False,
            reason=reason,
            model_id=challenger.id,
            active_model_id=active_id,
            evaluation_id=evaluation.evaluation_id if evaluation else None,
            evidence=evidence or None,
        )

    if challenger.id == active_id:
        return refuse(f"model {challenger.id!r} is already the active model")
    if form.file is not None:
        evaluation = await evaluate(
            ctx, session, EvaluateForm(file=form.file, model_ids=challenger.id)
        )
    else:
        evaluation = await stored_evaluation(session, str(form.evaluation_id))
    if evaluation.active_model_id != active_id:
        return refuse(
            f"evaluation {evaluation.evaluation_id} compared against {evaluation.active_model_id!r}"
            f" but the active model is now {active_id!r}; evaluate again",
            evaluation,
        )
    by_id = {r.model_id: r for r in evaluation.results}
    result = by_id.get(challenger.id)
    if result is None or result.vs_active is None or active_id not in by_id:
        return refuse(
            f"evaluation {evaluation.evaluation_id} did not score {challenger.id!r} against the "
            "active model; evaluate it with model_ids including it",
            evaluation,
        )
    vs = result.vs_active
    evidence = {
        "evaluation_id": evaluation.evaluation_id,
        "filename": evaluation.filename,
        "dataset_sha256": evaluation.dataset_sha256,
        "n_matches": evaluation.n_matches,
        "challenger": _scores(result),
        "champion": _scores(by_id[active_id]),
        "vs_active": vs.model_dump(),
        "rule": "promote iff the 95 % interval of log-loss(challenger) - log-loss(active) < 0",
    }
    summary = (
        f"log-loss difference {vs.log_loss_diff:+.4f} (95 % interval {_ci(vs.log_loss_ci)}) "
        f"on {evaluation.n_matches} matches of evaluation {evaluation.evaluation_id}"
    )
    if vs.log_loss_ci is None or vs.log_loss_ci[1] >= 0:
        return refuse(
            f"not promoted: {summary}; the whole interval must lie below zero",
            evaluation,
            **evidence,
        )
    reason = f"promoted over {active_id!r}: {summary}"
    await activate_recorded(session, challenger.id, actor=actor, reason=reason, evidence=evidence)
    return PromotionResult(
        promoted=True,
        reason=reason,
        model_id=challenger.id,
        active_model_id=challenger.id,
        evaluation_id=evaluation.evaluation_id,
        evidence=evidence,
    )


__all__ = ["evaluate", "promote", "stored_evaluation"]
