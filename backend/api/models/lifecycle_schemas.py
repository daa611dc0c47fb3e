"""Schemas of the model life cycle: delete, evaluate, promote, activations, draft helper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from litestar.datastructures import UploadFile
from pydantic import BaseModel, Field

from backend.api.models.schemas import HeroRef, Id, PlayerPick

Side = Literal["radiant", "dire"]
# Most models one evaluate request may name (60,000 ids once held the API for 24 s).
MAX_EVALUATED_MODELS = 50


class ModelDeleted(BaseModel):
    """A model was deleted; its training jobs were kept."""

    model_id: str
    deleted: bool = True
    jobs_kept: int = Field(description="Training jobs of this model still listed (history).")


@dataclass
class EvaluateForm:
    """Multipart form of POST /api/v1/models/evaluate."""

    file: UploadFile
    model_ids: str | None = (
        None  # comma-separated (at most MAX_EVALUATED_MODELS); default: every ready model
    )


class RocCurve(BaseModel):
    """ROC curve points (at most 101)."""

    fpr: list[float]
    tpr: list[float]
    thresholds: list[float]


class CalibrationBin(BaseModel):
    """One equal-width bin of the reliability diagram."""

    lower: float
    upper: float
    mean_predicted: float | None
    observed_rate: float | None
    count: int


class Calibration(BaseModel):
    """Reliability diagram: 10 equal-width bins of predicted probability."""

    bins: list[CalibrationBin]


class PairedComparison(BaseModel):
    """This model minus the active model on the same matches, with paired-bootstrap intervals.

    Negative log_loss_diff and positive roc_auc_diff favour this model.
    """

    log_loss_diff: float
    log_loss_ci: list[float] | None = Field(description="95 % interval [low, high].")
    roc_auc_diff: float | None
    roc_auc_ci: list[float] | None = Field(description="95 % interval [low, high].")
    n_resamples: int
    seed: int
    confidence: float


class ModelEvaluation(BaseModel):
    """One model's scores on the common test set."""

    model_id: str
    model_type: str
    is_active: bool
    accuracy: float
    roc_auc: float | None
    log_loss: float
    brier: float
    ece: float
    roc_curve: RocCurve
    calibration: Calibration
    vs_active: PairedComparison | None = Field(
        default=None, description="None for the active model itself or when none is active."
    )


class EvaluationRead(BaseModel):
    """Every chosen model (and the active one) scored on the same labelled matches."""

    evaluation_id: str
    created_at: datetime
    filename: str
    dataset_sha256: str
    n_matches: int
    active_model_id: str | None
    results: list[ModelEvaluation]


@dataclass
class PromoteForm:
    """Multipart form of POST /api/v1/models/promote: a labelled file or a stored evaluation."""

    model_id: str
    file: UploadFile | None = None
    evaluation_id: str | None = None


class PromotionResult(BaseModel):
    """Whether the challenger replaced the active model, and why."""

    promoted: bool
    reason: str
    model_id: str
    active_model_id: str | None = Field(description="The active model after this request.")
    evaluation_id: str | None = None
    evidence: dict[str, Any] | None = None


class ActivationRead(BaseModel):
    """One change of the active model."""

    activation_id: int
    created_at: datetime
    actor: str = Field(description="API key name/role, 'anonymous' without keys, or 'bootstrap'.")
    previous_model_id: str | None
    model_id: str
    reason: str
    evidence: dict[str, Any] | None = None


class ActivationList(BaseModel):
    """Activation history, newest first."""

    activations: list[ActivationRead]


class SuggestPicksRequest(BaseModel):
    """A partial draft; suggestions are for the next pick of ``side``."""

    side: Side
    radiant: list[PlayerPick] = Field(default_factory=list, description="0-5 picks so far.")
    dire: list[PlayerPick] = Field(default_factory=list, description="0-5 picks so far.")
    bans: list[HeroRef] = Field(default_factory=list, description="Banned heroes (ids/names).")
    account_id: Id | None = Field(
        default=None, description="Account id of the player who takes the suggested hero."
    )
    model_id: str | None = Field(default=None, description="Defaults to the active model.")
    top_n: Id = Field(default=10, ge=1, le=200)


class PickSuggestion(BaseModel):
    """One candidate hero and the picking side's win probability with it."""

    hero_id: int
    hero_name: str
    win_probability: float
    delta: float = Field(description="win_probability - current_probability.")


class PickSuggestions(BaseModel):
    """Best next picks for one side, best first.

    Probabilities are for ``side``. When the draft is complete after the pick (the side has
    4 heroes and the other 5), each equals POST /predict on that draft. Otherwise each is the
    mean over ``n_completions`` completions of the open slots, sampled once (fixed seed) from
    the model's hero pick rates without the picked, banned and candidate heroes; the same
    completions serve every candidate and ``current_probability``.
    """

    model_id: str
    side: Side
    current_probability: float
    n_completions: int
    suggestions: list[PickSuggestion]
