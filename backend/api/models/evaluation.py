"""Scoring models on one common labelled file; stored evaluations (promotion: promotion.py).

Size: the one scoring pass every contender shares (evaluate, backtest, promote) and the stored
evaluations it writes and reads back.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from pydantic import BaseModel
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.lifecycle_schemas import (
    MAX_EVALUATED_MODELS,
    EvaluatedModel,
    EvaluateForm,
    EvaluationList,
    EvaluationRead,
    EvaluationSummary,
    ModelEvaluation,
)
from backend.api.models.overlap import in_training, training_match_ids
from backend.api.models.serving import active_model_id, frame_plan, load_entry, ready_model
from backend.api.uploads import data_error, import_options, read_upload
from backend.context import AppContext
from backend.db.engine import as_utc
from backend.db.tables import Evaluation, MLModel, ModelStatus, utcnow
from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError, read_matches
from backend.matches.market import read_market
from backend.ml import scorecard
from backend.ml.frame import prepare_matches, to_arrays
from backend.ml.metrics import evaluation_curves
from backend.ml.paired import paired_comparison

if TYPE_CHECKING:
    from backend.serving.in_time import ServingPlan
    from backend.serving.store import ServedModel

SCORE_KEYS = ("accuracy", "roc_auc", "log_loss", "brier", "ece")
MODE = "point_in_time"


@dataclass(frozen=True)
class Contender:
    """One model to score: how its rows are served, and what it was trained on."""

    served: ServingPlan
    training_ids: np.ndarray | None
    base_rate: float | None


def training_base_rate(entry: ServedModel) -> float | None:
    """The Radiant win share of the model's training data (from its artifact's state)."""
    state = entry.artifact.state
    n = getattr(state, "n_matches", -1)
    return float(state.radiant_wins / n) if n and n > 0 else None


def baseline_blocks(y: np.ndarray, base_rate: float | None, market: np.ndarray) -> dict[str, Any]:
    has_market = np.isfinite(market)
    out: dict[str, Any] = {}
    for name, block in scorecard.baselines(y, base_rate).items():
        out[name] = {"n_matches": len(y), **block}
    if has_market.any():
        out["market"] = {
            "n_matches": int(has_market.sum()),
            **scorecard.scores(y[has_market], market[has_market]),
        }
    return out


def score_models(
    frame: pl.DataFrame,
    contenders: dict[str, Contender],
    active_id: str | None,
    *,
    include_training: bool = False,
    market: np.ndarray | None = None,
) -> dict[str, dict[str, Any]]:
    """Metrics, curves and baselines of every model on the same matches, each match predicted
    at its point in time; matches a model trained on are left out of its scores (unless
    ``include_training``); the paired comparison uses the matches both may be scored on."""
    y = frame["radiant_win"].cast(pl.Float64).to_numpy()
    arrays = to_arrays(prepare_matches(frame, require_label=True))
    market = market if market is not None else np.full(len(y), np.nan)
    probabilities: dict[str, np.ndarray] = {}
    keep: dict[str, np.ndarray] = {}
    for model_id, c in contenders.items():
        probabilities[model_id] = c.served.predict(arrays.heroes, arrays.accounts)
        seen = in_training(arrays.match_id, c.training_ids)
        keep[model_id] = np.ones(len(y), dtype=bool) if include_training else ~seen
    out: dict[str, dict[str, Any]] = {}
    for model_id, p in probabilities.items():
        c = contenders[model_id]
        rows = keep[model_id]
        vs_active = None
        if active_id is not None and model_id != active_id and active_id in probabilities:
            both = rows & keep[active_id]
            if both.any():
                vs_active = {
                    **paired_comparison(y[both], probabilities[active_id][both], p[both]),
                    "n_matches": int(both.sum()),
                }
        yk, pk = y[rows], p[rows]
        curves = (
            evaluation_curves(yk, pk)
            if len(yk)
            else {
                "roc_curve": {"fpr": [], "tpr": [], "thresholds": []},
                "calibration": {"bins": []},
            }
        )
        out[model_id] = {
            **scorecard.scores(yk, pk),
            **curves,
            "vs_active": vs_active,
            "mode": MODE,
            "n_scored": int(rows.sum()),
            "n_training_matches": int(in_training(arrays.match_id, c.training_ids).sum()),
            "in_sample": bool(include_training),
            "n_point_in_time": c.served.n_in_past,
            "baselines": baseline_blocks(yk, c.base_rate, market[rows]),
        }
    return out


async def contenders_for(
    ctx: AppContext, session: AsyncSession, models: list[MLModel], frame: pl.DataFrame
) -> dict[str, Contender]:
    """Each model's serving plan for the file's matches and its training match ids."""
    out: dict[str, Contender] = {}
    for m in models:
        entry = await load_entry(ctx, session, m)
        out[m.id] = Contender(
            await frame_plan(ctx, m.id, entry, frame),
            await training_match_ids(ctx, session, m),
            training_base_rate(entry),
        )
    return out


def market_column(data: bytes, frame: pl.DataFrame) -> np.ndarray | None:
    """The file's market probabilities aligned with the frame (NaN where absent), or None."""
    try:
        market = read_market(data)
    except MatchDataError as exc:
        raise data_error(exc) from exc
    if market is None:
        return None
    joined = frame.select("match_id").join(market, on="match_id", how="left", maintain_order="left")
    return joined["market"].fill_null(np.nan).to_numpy().astype(np.float64)


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


def parse_labelled(
    data: bytes, max_rows: int, reader_kwargs: dict[str, Any] | None = None
) -> pl.DataFrame:
    """The labelled file through the one reader (in a worker thread); a bad one is a 400."""
    try:
        return read_matches(data, require_label=True, max_rows=max_rows, **(reader_kwargs or {}))
    except MatchDataError as exc:
        raise data_error(exc) from exc


async def models_to_score(session: AsyncSession, ids: list[str]) -> list[MLModel]:
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
    options = import_options(form.format, form.mapping)
    frame = await asyncio.to_thread(
        parse_labelled, data, ctx.settings.max_csv_matches, options.reader_kwargs()
    )
    market = await asyncio.to_thread(market_column, data, frame)
    models = await models_to_score(session, parse_model_ids(form.model_ids))
    active_id = await active_model_id(session)
    if active_id is not None and active_id not in {m.id for m in models}:
        models.append(await ready_model(session, active_id))
    contenders = await contenders_for(ctx, session, models, frame)
    scores = await asyncio.to_thread(
        score_models,
        frame,
        contenders,
        active_id,
        include_training=form.include_training_matches,
        market=market,
    )
    results = [
        ModelEvaluation(
            model_id=m.id, model_type=m.model_type, is_active=m.id == active_id, **scores[m.id]
        )
        for m in models
    ]
    row = report_row("eval", data, form.file.filename, frame.height, active_id, results)
    session.add(row)
    await session.flush()
    return _read(row)


def report_row(
    kind: str,
    data: bytes,
    filename: str | None,
    n_matches: int,
    active_id: str | None,
    results: Sequence[BaseModel],
) -> Evaluation:
    """The stored row of an evaluation or backtest (per-match predictions left out)."""
    return Evaluation(
        id=f"{kind}-{secrets.token_hex(8)}",
        created_at=utcnow(),
        dataset_sha256=hashlib.sha256(data).hexdigest(),
        filename=(filename or "upload.csv")[:255],
        n_matches=n_matches,
        active_model_id=active_id,
        results=[r.model_dump(mode="json", exclude={"predictions"}) for r in results],
    )


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


KIND_PREFIX = {"evaluation": "eval-", "backtest": "backtest-"}


def _summary(row: Evaluation) -> EvaluationSummary:
    return EvaluationSummary(
        evaluation_id=row.id,
        kind="backtest" if row.id.startswith(KIND_PREFIX["backtest"]) else "evaluation",
        created_at=as_utc(row.created_at) or row.created_at,
        filename=row.filename,
        dataset_sha256=row.dataset_sha256,
        n_matches=row.n_matches,
        active_model_id=row.active_model_id,
        models=[EvaluatedModel.model_validate(r) for r in row.results],
    )


async def list_evaluations(
    session: AsyncSession, kind: str | None, model_id: str | None, limit: int
) -> EvaluationList:
    """Stored evaluations and backtests, newest first (of one kind, scoring one model)."""
    query = select(Evaluation).order_by(col(Evaluation.created_at).desc(), col(Evaluation.id))
    if kind is not None:
        query = query.where(col(Evaluation.id).startswith(KIND_PREFIX[kind]))
    if model_id is None:
        rows = (await session.exec(query.limit(limit))).all()
    else:  # the model ids are inside the results' JSON: filter here, newest first
        rows = []
        for row in (await session.exec(query)).all():
            if any(r.get("model_id") == model_id for r in row.results):
                rows.append(row)
                if len(rows) == limit:
                    break
    return EvaluationList(evaluations=[_summary(r) for r in rows])


__all__ = ["evaluate", "stored_evaluation"]
