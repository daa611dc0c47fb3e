"""Schemas of the model life cycle: delete, evaluate, promote, activations, draft helper.

Size: declarations only (pydantic models, each one of the SDK's public names); they stay
together as the one list of this route group's shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from litestar.datastructures import UploadFile
from pydantic import BaseModel, Field

from backend.api.import_fields import FormatField, MappingField
from backend.api.models.schemas import HeroRef, Id, PlayerPick
from backend.matches.schema import MAX_MATCH_ID, MIN_MATCH_ID

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
    # Matches a model was trained on are left out of its scores unless this is true (the
    # scores are then labelled in-sample).
    include_training_matches: bool = False
    format: FormatField = None
    mapping: MappingField = None


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
    n_matches: int | None = Field(
        default=None, description="Matches both models were scored on (neither trained on)."
    )


class BaselineScores(BaseModel):
    """A prediction that needs no model, scored on the same matches as the model."""

    n_matches: int
    accuracy: float | None
    roc_auc: float | None
    log_loss: float | None
    brier: float | None
    ece: float | None


class Baselines(BaseModel):
    """What the model is measured against: a coin flip, the base rate, the market."""

    coin_flip: BaselineScores
    training_base_rate: BaselineScores | None = Field(
        default=None, description="p = the Radiant win rate of the model's training data."
    )
    market: BaselineScores | None = Field(
        default=None,
        description="The file's radiant_win_probability_market (bookmaker implied "
        "probability), scored on the matches that carry it.",
    )


class ModelEvaluation(BaseModel):
    """One model's scores on the common test set."""

    model_id: str
    model_type: str
    is_active: bool
    accuracy: float | None
    roc_auc: float | None
    log_loss: float | None
    brier: float | None
    ece: float | None
    roc_curve: RocCurve
    calibration: Calibration
    vs_active: PairedComparison | None = Field(
        default=None, description="None for the active model itself or when none is active."
    )
    mode: str = Field(
        default="latest_state",
        description="point_in_time: every match predicted from the model's state just before "
        "it (never its own or a later result); latest_state: older evaluations.",
    )
    n_scored: int | None = Field(default=None, description="Matches these scores are over.")
    n_training_matches: int = Field(
        default=0, description="Matches of the file that were in this model's training data."
    )
    in_sample: bool = Field(
        default=False,
        description="True when training matches are included in the scores (asked for).",
    )
    n_point_in_time: int = Field(
        default=0, description="Matches predicted from a state before later stored results."
    )
    baselines: Baselines | None = None


class EvaluationRead(BaseModel):
    """Every chosen model (and the active one) scored on the same labelled matches."""

    evaluation_id: str
    created_at: datetime
    filename: str
    dataset_sha256: str
    n_matches: int
    active_model_id: str | None
    results: list[ModelEvaluation]


class EvaluatedModel(BaseModel):
    """One model's headline scores in a stored evaluation or backtest."""

    model_id: str
    log_loss: float | None = None
    roc_auc: float | None = None
    mode: str | None = Field(default=None, description="point_in_time, walk_forward, ...")
    n_scored: int | None = None
    n_training_matches: int = 0


class EvaluationSummary(BaseModel):
    """A stored evaluation or backtest, as listed (GET /api/v1/models/evaluation: all of it)."""

    evaluation_id: str
    kind: Literal["evaluation", "backtest"]
    created_at: datetime
    filename: str
    dataset_sha256: str
    n_matches: int
    active_model_id: str | None
    models: list[EvaluatedModel]


class EvaluationList(BaseModel):
    """Stored evaluations and backtests, newest first."""

    evaluations: list[EvaluationSummary]


@dataclass
class PromoteForm:
    """Multipart form of POST /api/v1/models/promote: a labelled file or a stored evaluation."""

    model_id: str
    file: UploadFile | None = None
    evaluation_id: str | None = None
    evidence: str | None = None  # "shadow": the live record of the ledger decides


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
    match_id: int | None = Field(
        default=None,
        ge=MIN_MATCH_ID,
        le=MAX_MATCH_ID,
        description="The match being drafted, if known: a past match is scored from the "
        "model's state just before it (never its own or a later result).",
    )


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


@dataclass
class BacktestForm:
    """Multipart form of POST /api/v1/models/backtest."""

    file: UploadFile
    model_ids: str | None = None  # comma-separated; default: every ready model
    # 'match' (default: each result applied right after its match), 'day' (once per UTC day
    # of start_time) or a whole number N (after every N matches).
    apply_every: str | None = None
    include_training_matches: bool = False
    include_predictions: bool = False  # also return every match's two probabilities


class BacktestPrediction(BaseModel):
    """One match of a backtest: P(radiant wins) walk-forward and frozen."""

    match_id: int
    walk_forward: float
    frozen: float
    results_before: int = Field(description="Results applied before this match was predicted.")
    in_training: bool


class MetricIntervals(BaseModel):
    """95 % percentile bootstrap intervals [low, high] of each metric."""

    accuracy: list[float] | None = None
    roc_auc: list[float] | None = None
    log_loss: list[float] | None = None
    brier: list[float] | None = None
    ece: list[float] | None = None


class ModelBacktest(ModelEvaluation):
    """One model replayed walk-forward (mode walk_forward), beside its frozen self."""

    intervals: MetricIntervals
    frozen: BaselineScores = Field(
        description="The same matches predicted by the model as trained (no result applied)."
    )
    n_results: int = Field(
        description="Results on the replay's timeline: stored ones and the file's own."
    )
    apply_every: str = Field(description="When results were applied: match, day or N.")
    predictions: list[BacktestPrediction] | None = Field(
        default=None, description="Per match, in file order (include_predictions=true)."
    )


class BacktestRead(BaseModel):
    """A walk-forward backtest of every chosen model (and the active one) on one file.

    Stored like an evaluation (its id works as promote's evaluation_id).
    """

    backtest_id: str
    created_at: datetime
    filename: str
    dataset_sha256: str
    n_matches: int
    active_model_id: str | None
    apply_every: str
    interval_resamples: int
    interval_seed: int
    results: list[ModelBacktest]


@dataclass
class BacktestJobForm:
    """Multipart form of POST /api/v1/models/backtest/jobs (a backtest run by a worker)."""

    file: UploadFile
    model_ids: str | None = None  # comma-separated; default: every ready model
    apply_every: str | None = None  # as for POST /api/v1/models/backtest
    include_training_matches: bool = False


class BacktestJobRead(BaseModel):
    """State of one backtest job; when it succeeded, GET /api/v1/models/evaluation with
    evaluation_id=backtest_id returns the report (and promote accepts it)."""

    job_id: str
    status: Literal["queued", "running", "succeeded", "failed", "cancelled"]
    progress: float = Field(ge=0.0, le=1.0)
    message: str
    error: str | None = None
    filename: str
    n_matches: int
    options: dict[str, Any] = Field(description="model_ids, apply_every, include_training_matches")
    backtest_id: str | None = Field(default=None, description="The stored report, once done.")
    attempts: int
    max_attempts: int
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class CancelBacktestJob(BaseModel):
    """Which backtest job to cancel."""

    job_id: str = Field(max_length=64)


class BacktestJobList(BaseModel):
    """Recent backtest jobs, newest first."""

    jobs: list[BacktestJobRead]
