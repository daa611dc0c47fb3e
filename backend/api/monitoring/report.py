"""GET /api/v1/models/monitoring: scored predictions next to the holdout, and input drift."""

from __future__ import annotations

import asyncio
from contextlib import aclosing
from typing import Any

import numpy as np
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.lifecycle_schemas import Baselines
from backend.api.models.serving import active_model_id, ready_model
from backend.api.monitoring.gauges import publish
from backend.api.monitoring.schemas import (
    InputDrift,
    LedgerStatus,
    ModelMonitoring,
    MonitoringCalibration,
    MonitoringWindows,
    RollingPoint,
    RollingSeries,
    ShadowMonitoring,
    ShareDrift,
    WindowMetrics,
)
from backend.context import AppContext
from backend.db.engine import as_utc
from backend.ledger import drift
from backend.ledger.scoring import ScoredPredictions, scored_predictions
from backend.ledger.shadow_record import live_record
from backend.ledger.store import ROW, batch_groups, count_served, of_model
from backend.ml import scorecard
from backend.ml.metrics import calibration_bins, expected_calibration_error, prediction_scores
from backend.serving.active import active_and_shadows

WINDOWS = {"last_100": 100, "last_500": 500}
ROLLING_WINDOW = 100
MAX_ROLLING_POINTS = 200
RECENT_REQUESTS = 1000


def window_metrics(
    y: np.ndarray, p: np.ndarray, holdout_log_loss: float | None, base_rate: float | None = None
) -> WindowMetrics:
    """Metrics (the ML package's own), drift verdict and baselines of one window."""
    if len(y) == 0:
        return WindowMetrics(n=0)
    verdict, margin = drift.drift_verdict(drift.log_losses(y, p), holdout_log_loss)
    baselines = {
        name: {"n_matches": len(y), **block}
        for name, block in scorecard.baselines(y, base_rate).items()
    }
    return WindowMetrics(
        n=len(y),
        **prediction_scores(y, p),
        ece=expected_calibration_error(y, p),
        drift=verdict,
        log_loss_margin=margin,
        baselines=Baselines.model_validate(baselines),
    )


def rolling_series(scored: ScoredPredictions) -> RollingSeries:
    """Rolling log-loss and accuracy after each scored prediction (downsampled)."""
    n = len(scored)
    if n == 0:
        return RollingSeries(window=ROLLING_WINDOW, points=[])
    losses = drift.log_losses(scored.outcomes, scored.probabilities)
    hits = ((scored.probabilities >= 0.5) == (scored.outcomes == 1)).astype(np.float64)
    cum_loss = np.concatenate([[0.0], np.cumsum(losses)])
    cum_hits = np.concatenate([[0.0], np.cumsum(hits)])
    ends = np.unique(np.linspace(1, n, min(n, MAX_ROLLING_POINTS)).round().astype(int))
    points = []
    for end in ends:
        start = max(0, end - ROLLING_WINDOW)
        size = end - start
        points.append(
            RollingPoint(
                scored=int(end),
                result_at=as_utc(scored.result_times[end - 1]),
                log_loss=float((cum_loss[end] - cum_loss[start]) / size),
                accuracy=float((cum_hits[end] - cum_hits[start]) / size),
            )
        )
    return RollingSeries(window=ROLLING_WINDOW, points=points)


def monitoring_windows(
    scored: ScoredPredictions, holdout_log_loss: float | None, base_rate: float | None = None
) -> Any:
    """The last-100, last-500 and all windows."""
    y, p = scored.outcomes, scored.probabilities
    windows = {
        name: window_metrics(y[-k:], p[-k:], holdout_log_loss, base_rate)
        for name, k in WINDOWS.items()
    }
    return MonitoringWindows(**windows, all=window_metrics(y, p, holdout_log_loss, base_rate))


async def _recent(session: AsyncSession, model_id: str) -> np.ndarray:
    """The model's last RECENT_REQUESTS recorded predictions (packed rows, newest first)."""
    batches: list[np.ndarray] = []
    # Newest batches first, until they hold enough rows (batches of several processes may
    # overlap in time, so the rows are sorted once gathered).
    newest = batch_groups(
        session, of_model(model_id), newest_first=True, group_rows=RECENT_REQUESTS
    )
    async with aclosing(newest) as groups:
        async for group in groups:
            batches += [batch.rows for batch in group]
            if sum(len(rows) for rows in batches) >= RECENT_REQUESTS:
                break
    if not batches:
        return np.zeros(0, dtype=ROW)
    recent = np.concatenate(batches)
    return recent[np.argsort(-recent["created_us"], kind="stable")[:RECENT_REQUESTS]]


async def input_drift(ctx: AppContext, session: AsyncSession, model_id: str) -> InputDrift:
    """Unknown players/heroes and hero picks of recent requests against the training data."""
    recent = await _recent(session, model_id)
    entry = await ctx.models.entry(session, model_id)
    training_players = entry.profile.unknown_player_share if entry else None
    training_heroes = entry.profile.hero_games if entry else {}
    heroes, counts = np.unique(recent["heroes"], return_counts=True)
    picks = {int(h): float(c) for h, c in zip(heroes, counts, strict=True)}
    psi = drift.hero_pick_psi(training_heroes, picks)
    n_picks = int(sum(picks.values()))
    noise = drift.psi_noise(training_heroes, n_picks) if psi is not None else None
    shares = len(recent) > 0
    return InputDrift(
        n_recent=len(recent),
        unknown_player_share=ShareDrift(
            training=training_players,
            recent=float(recent["unknown_players"].mean() / 10) if shares else None,
        ),
        # Unknown heroes are those absent from the training data: none there by definition.
        unknown_hero_share=ShareDrift(
            training=0.0 if entry else None,
            recent=float(recent["unseen_heroes"].mean() / 10) if shares else None,
        ),
        hero_pick_psi=psi,
        hero_pick_psi_level=drift.psi_level(psi, noise),
        n_recent_picks=n_picks,
        hero_pick_psi_noise=noise,
    )


async def model_monitoring(
    ctx: AppContext, session: AsyncSession, model_id: str | None
) -> ModelMonitoring:
    """The monitoring report of a model (the active one by default)."""
    model = await ready_model(session, model_id)
    served = await count_served(session, model.id)
    scored = await scored_predictions(session, model.id)
    holdout = model.metrics or None
    holdout_loss = float(holdout["log_loss"]) if holdout and "log_loss" in holdout else None
    base_rate = (holdout or {}).get("baseline", {}).get("radiant_win_rate")
    windows, rolling = await asyncio.to_thread(
        lambda: (monitoring_windows(scored, holdout_loss, base_rate), rolling_series(scored))
    )
    bins = calibration_bins(scored.outcomes, scored.probabilities)
    report = ModelMonitoring(
        model_id=model.id,
        served=int(served),
        scored=len(scored),
        holdout=holdout,
        windows=windows,
        input_drift=await input_drift(ctx, session, model.id),
        calibration=MonitoringCalibration(n=len(scored), bins=bins),
        rolling=rolling,
        ledger=LedgerStatus(
            recording=ctx.ledger.enabled, pending=ctx.ledger.pending, dropped=ctx.ledger.dropped
        ),
        drift_rule=(drift.__doc__ or "").strip(),
        shadows=await shadow_reports(session, model.id, scored),
    )
    publish(report)
    return report


async def shadow_reports(
    session: AsyncSession, model_id: str, scored: ScoredPredictions
) -> list[ShadowMonitoring]:
    """Each shadow's record against this model, when it is the champion (the active model)."""
    champion, shadow_ids = await active_and_shadows(session)
    if champion != model_id:
        return []
    out = []
    for shadow_id in shadow_ids:
        own, record = await live_record(session, model_id, shadow_id, scored)
        comparison = await asyncio.to_thread(record.comparison)
        out.append(
            ShadowMonitoring(
                model_id=shadow_id,
                served=await count_served(session, shadow_id),
                scored=len(own),
                all=await asyncio.to_thread(window_metrics, own.outcomes, own.probabilities, None),
                vs_champion=comparison,
            )
        )
    return out


async def refresh_gauges(ctx: AppContext) -> None:
    """Recompute the active model's report so its gauges are current."""
    async with ctx.session_factory() as session:
        model_id = await active_model_id(session)
        if model_id is not None:
            await model_monitoring(ctx, session, model_id)
