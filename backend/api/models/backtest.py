"""POST /api/v1/models/backtest: what live use with results ingestion would have scored.

Every chosen model (and the active one) replays the labelled file in time order from its
artifact (``backend/ml/backtest.py``): stored results and the file's earlier matches applied,
never a match's own or later result. Scores come with bootstrap intervals, the frozen model
beside them, baselines and the paired comparison with the active model; matches a model trained
on are left out of its scores unless asked. Stored as an evaluation (mode walk_forward), so
promote accepts it as evidence.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.evaluation import (
    baseline_blocks,
    market_column,
    models_to_score,
    parse_labelled,
    parse_model_ids,
    report_row,
    training_base_rate,
)
from backend.api.models.lifecycle_schemas import BacktestForm, BacktestRead, ModelBacktest
from backend.api.models.overlap import in_training, training_match_ids
from backend.api.models.serving import active_model_id, load_entry, ready_model
from backend.api.uploads import read_upload
from backend.context import AppContext
from backend.db.engine import as_utc
from backend.errors import ApiError, ErrorCode
from backend.ml import scorecard
from backend.ml.backtest import BacktestRun, parse_apply_every, walk_forward
from backend.ml.metrics import evaluation_curves
from backend.ml.paired import paired_comparison
from backend.ml.trained_model import TrainedModel
from backend.results import results_version

MODE = "walk_forward"


def _score_one(
    run: BacktestRun,
    rows: np.ndarray,
    base_rate: float | None,
    market: np.ndarray,
) -> dict[str, Any]:
    y, p = run.radiant_win[rows], run.walk_forward[rows]
    return {
        **scorecard.scores(y, p),
        **evaluation_curves(y, p),
        "intervals": scorecard.intervals(y, p),
        "frozen": {"n_matches": int(rows.sum()), **scorecard.scores(y, run.frozen[rows])},
        "baselines": baseline_blocks(y, base_rate, market[rows]),
        "n_scored": int(rows.sum()),
    }


def score_backtests(
    runs: dict[str, BacktestRun],
    training: dict[str, np.ndarray],
    base_rates: dict[str, float | None],
    active_id: str | None,
    *,
    include_training: bool,
    market: np.ndarray | None,
    apply_every: str,
    include_predictions: bool = False,
) -> dict[str, dict[str, Any]]:
    """Scores of every model's replay; the paired comparison on the matches both may score."""
    out: dict[str, dict[str, Any]] = {}
    keep = {
        m: np.ones(len(r.match_id), dtype=bool) if include_training else ~training[m]
        for m, r in runs.items()
    }
    for model_id, run in runs.items():
        aligned = market if market is not None else np.full(len(run.match_id), np.nan)
        scored = _score_one(run, keep[model_id], base_rates[model_id], aligned)
        vs_active = None
        if active_id is not None and model_id != active_id and active_id in runs:
            both = keep[model_id] & keep[active_id]
            if both.any():
                reference = runs[active_id].walk_forward[both]
                vs_active = {
                    **paired_comparison(run.radiant_win[both], reference, run.walk_forward[both]),
                    "n_matches": int(both.sum()),
                }
        out[model_id] = {
            **scored,
            "vs_active": vs_active,
            "mode": MODE,
            "n_training_matches": int(training[model_id].sum()),
            "in_sample": include_training,
            "n_point_in_time": len(run.match_id),
            "n_results": run.n_results,
            "apply_every": apply_every,
            "predictions": _per_match(run, training[model_id]) if include_predictions else None,
        }
    return out


def _per_match(run: BacktestRun, seen: np.ndarray) -> list[dict[str, Any]]:
    return [
        {"match_id": m, "walk_forward": w, "frozen": f, "results_before": k, "in_training": t}
        for m, w, f, k, t in zip(
            run.match_id.tolist(),
            run.walk_forward.tolist(),
            run.frozen.tolist(),
            run.cutoffs.tolist(),
            seen.tolist(),
            strict=True,
        )
    ]


@dataclass(frozen=True)
class BacktestInput:
    """A validated backtest request: the labelled file read once, and the options."""

    data: bytes
    filename: str | None
    frame: pl.DataFrame
    market: np.ndarray | None
    model_ids: list[str]
    every: str | int
    include_training: bool
    include_predictions: bool


# Called before each model's replay with (models done, models): False stops the backtest.
OnStep = Callable[[int, int], Awaitable[bool]]


class BacktestStopped(Exception):
    """on_step said stop (the job was cancelled): nothing is stored."""


def checked_every(value: str | int | None) -> str | int:
    """apply_every, or a 400 naming it."""
    try:
        return parse_apply_every(value)
    except ValueError as exc:
        raise ApiError(400, ErrorCode.invalid_request, str(exc), field="apply_every") from exc


async def read_input(
    ctx: AppContext,
    data: bytes,
    filename: str | None,
    *,
    model_ids: str | None,
    apply_every: str | int | None,
    include_training: bool,
    include_predictions: bool = False,
) -> BacktestInput:
    """Check everything about the request a file can fail on (a 400 names what)."""
    every = checked_every(apply_every)
    ids = parse_model_ids(model_ids)
    frame = await asyncio.to_thread(parse_labelled, data, ctx.settings.max_csv_matches)
    market = await asyncio.to_thread(market_column, data, frame)
    return BacktestInput(
        data, filename, frame, market, ids, every, include_training, include_predictions
    )


async def backtest(ctx: AppContext, session: AsyncSession, form: BacktestForm) -> BacktestRead:
    """Replay the labelled file for the chosen (default: all ready) models and the active one."""
    checked_every(form.apply_every)  # before reading the file
    data = await read_upload(ctx, form.file)
    request = await read_input(
        ctx,
        data,
        form.file.filename,
        model_ids=form.model_ids,
        apply_every=form.apply_every,
        include_training=form.include_training_matches,
        include_predictions=form.include_predictions,
    )
    return await compute(ctx, session, request)


async def compute(
    ctx: AppContext, session: AsyncSession, request: BacktestInput, on_step: OnStep | None = None
) -> BacktestRead:
    """Run a validated backtest and add its report to the session (the caller commits)."""
    frame, every = request.frame, request.every
    models = await models_to_score(session, request.model_ids)
    active_id = await active_model_id(session)
    if active_id is not None and active_id not in {m.id for m in models}:
        models.append(await ready_model(session, active_id))
    artifacts: dict[str, TrainedModel] = {}
    training: dict[str, np.ndarray] = {}
    base_rates: dict[str, float | None] = {}
    ids = frame["match_id"].to_numpy().astype(np.int64)
    for m in models:
        entry = await load_entry(ctx, session, m)
        artifacts[m.id] = entry.artifact
        training[m.id] = in_training(ids, await training_match_ids(ctx, session, m))
        base_rates[m.id] = training_base_rate(entry)
    stored = await ctx.models.results.upto(session, await results_version(session))
    runs: dict[str, BacktestRun] = {}
    for done, (model_id, artifact) in enumerate(artifacts.items()):
        if on_step is not None and not await on_step(done, len(artifacts)):
            raise BacktestStopped
        runs[model_id] = await asyncio.to_thread(walk_forward, artifact, stored, frame, every)
    if on_step is not None and not await on_step(len(artifacts), len(artifacts)):
        raise BacktestStopped
    scores = await asyncio.to_thread(
        score_backtests,
        runs,
        training,
        base_rates,
        active_id,
        include_training=request.include_training,
        market=request.market,
        apply_every=str(every),
        include_predictions=request.include_predictions,
    )
    results = [
        ModelBacktest(
            model_id=m.id, model_type=m.model_type, is_active=m.id == active_id, **scores[m.id]
        )
        for m in models
    ]
    # Per-match predictions go to the caller only: the stored report stays small.
    row = report_row("backtest", request.data, request.filename, frame.height, active_id, results)
    session.add(row)
    await session.flush()
    meta = scorecard.interval_meta()
    return BacktestRead(
        backtest_id=row.id,
        created_at=as_utc(row.created_at) or row.created_at,
        filename=row.filename,
        dataset_sha256=row.dataset_sha256,
        n_matches=row.n_matches,
        active_model_id=active_id,
        apply_every=str(every),
        interval_resamples=meta["n_resamples"],
        interval_seed=meta["seed"],
        results=results,
    )
