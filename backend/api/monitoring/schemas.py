"""Schemas of GET /api/v1/models/monitoring; their names are the SDK's public names."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from backend.api.models.lifecycle_schemas import (  # one reliability-bin, one paired shape
    Baselines,
    CalibrationBin,
    PairedComparison,
)
from backend.api.models.schemas import HoldoutMetrics


class DriftVerdict(StrEnum):
    """How a window of scored predictions compares with the holdout (see drift_rule)."""

    ok = "ok"
    watch = "watch"
    degraded = "degraded"


class PsiLevel(StrEnum):
    """The usual reading of a population-stability index."""

    stable = "stable"
    moderate = "moderate"
    major = "major"


class WindowMetrics(BaseModel):
    """Quality of the latest n scored predictions (metrics None when n is 0)."""

    n: int
    accuracy: float | None = None
    roc_auc: float | None = None
    log_loss: float | None = None
    brier: float | None = None
    ece: float | None = None
    drift: DriftVerdict | None = Field(
        default=None,
        description="ok / watch / degraded against the holdout log-loss (see drift_rule); "
        "None with fewer than 30 scored predictions.",
    )
    log_loss_margin: float | None = Field(
        default=None, description="One-sided bootstrap 95 % margin of the window's log-loss."
    )
    baselines: Baselines | None = Field(
        default=None,
        description="The coin flip and the training base rate on the same predictions.",
    )


class MonitoringWindows(BaseModel):
    """Rolling windows of scored predictions (by result arrival)."""

    last_100: WindowMetrics
    last_500: WindowMetrics
    all: WindowMetrics


class ShareDrift(BaseModel):
    """A share in the training data and in recent requests."""

    training: float | None
    recent: float | None


class InputDrift(BaseModel):
    """How recent requests differ from the training data."""

    n_recent: int = Field(description="Recorded predictions compared (the latest ones).")
    unknown_player_share: ShareDrift
    unknown_hero_share: ShareDrift
    hero_pick_psi: float | None = Field(
        description="Population-stability index of hero pick shares, training vs recent."
    )
    hero_pick_psi_level: PsiLevel | None = Field(
        default=None,
        description="stable (within sampling noise or < 0.1), moderate (<= 0.25) or major.",
    )
    n_recent_picks: int = Field(0, description="Hero picks behind the PSI (10 per prediction).")
    hero_pick_psi_noise: float | None = Field(
        default=None,
        description="The PSI that sampling alone exceeds with 1 % chance at this many picks.",
    )


class MonitoringCalibration(BaseModel):
    """Reliability curve of all scored predictions."""

    n: int
    bins: list[CalibrationBin]


class RollingPoint(BaseModel):
    """Rolling quality after the scored-th scored prediction."""

    scored: int
    result_at: datetime
    log_loss: float
    accuracy: float


class RollingSeries(BaseModel):
    """Rolling log-loss and accuracy over the last ``window`` scored predictions, over time."""

    window: int
    points: list[RollingPoint]


class LedgerStatus(BaseModel):
    """This API process's ledger buffer."""

    recording: bool
    pending: int
    dropped: int = Field(description="Predictions not recorded because the buffer was full.")


class ShadowMonitoring(BaseModel):
    """A shadow challenger's live record next to the champion's."""

    model_id: str
    served: int = Field(description="Shadow predictions recorded in the ledger.")
    scored: int = Field(description="Predicted matches with a result (latest prediction each).")
    all: WindowMetrics = Field(description="Its metrics over all its scored predictions.")
    vs_champion: PairedComparison | None = Field(
        description="This shadow minus the champion on the matches both scored (n_matches), "
        "paired bootstrap; None before any such match."
    )


class ModelMonitoring(BaseModel):
    """A model's live record: served and scored predictions next to its holdout metrics."""

    model_id: str
    served: int = Field(description="Predictions recorded in the ledger.")
    scored: int = Field(description="Predicted matches with a result (latest prediction each).")
    holdout: HoldoutMetrics | None
    windows: MonitoringWindows
    input_drift: InputDrift
    calibration: MonitoringCalibration
    rolling: RollingSeries
    ledger: LedgerStatus
    drift_rule: str
    shadows: list[ShadowMonitoring] = Field(
        default_factory=list,
        description="For the active model: each shadow challenger (PUT /api/v1/models/shadow).",
    )
