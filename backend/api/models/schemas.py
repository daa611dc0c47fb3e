"""Request and response schemas of /api/v1/models; their names are the SDK's public names.

Size: declarations only (pydantic models, each one of the SDK's public names); they stay
together as the one list of this route group's shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from litestar.datastructures import UploadFile
from litestar.params import Parameter
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from backend.api.import_fields import FormatField, MappingField
from backend.matches.schema import MAX_MATCH_ID, MIN_MATCH_ID
from backend.ml import MODEL_TYPES

JobState = Literal["queued", "running", "succeeded", "failed", "cancelled"]
Winner = Literal["radiant", "dire"]
MODEL_ID_PATTERN = r"^[A-Za-z0-9_.-]{1,64}$"
# The model trained and activated on a first start (backend/bootstrap.py); while no model is
# active it cannot be deleted.
DEFAULT_MODEL_ID = "default-logistic-regression"


# The spec lists the known types as an enum (so the SDK gets a Literal); the handler still
# checks the value itself, to answer unknown_model_type with the allowed list.
MODEL_TYPE_FIELD = Parameter(
    schema_extra={"enum": list(MODEL_TYPES)}, description="One of GET /api/v1/models/types."
)


@dataclass
class FitForm:
    """Multipart form of POST /api/v1/models/fit."""

    model_type: Annotated[str, MODEL_TYPE_FIELD]
    hyperparameters: str | None = None  # a JSON object, e.g. {"C": 0.5}
    model_id: str | None = None
    file: UploadFile | None = None
    dataset_id: Annotated[
        str | None,
        Parameter(description="A stored dataset (GET /api/v1/data/datasets) instead of a file."),
    ] = None
    format: FormatField = None
    mapping: MappingField = None


@dataclass
class ImportForm:
    """Multipart form of POST /api/v1/models/import."""

    file: UploadFile
    model_id: str | None = None


class FitAccepted(BaseModel):
    """A training job was queued."""

    job_id: str
    model_id: str
    status: JobState = "queued"


class JobStatusRead(BaseModel):
    """State of one training job."""

    job_id: str
    model_id: str
    model_type: str
    status: JobState
    progress: float = Field(ge=0.0, le=1.0)
    message: str
    error: str | None = None
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    attempts: int = Field(
        default=0, ge=0, description="Times the job was started; interrupted runs are retried."
    )
    max_attempts: int = Field(default=3, ge=1, description="Starts allowed (APP_JOB_MAX_ATTEMPTS).")
    model_deleted: bool = Field(
        default=False, description="The model was deleted (or its cancelled job's row removed)."
    )


class JobList(BaseModel):
    """Recent training jobs, newest first."""

    jobs: list[JobStatusRead]


class CancelJobRequest(BaseModel):
    """Which job to cancel."""

    job_id: str


def _not_bool(value: object) -> object:
    # Litestar validates in lax mode (even StrictInt fields), where true would be id 1.
    if isinstance(value, bool):
        raise ValueError("a boolean is not an id; give a number")
    return value


# Ids in JSON bodies: integers (or, for heroes, names), never booleans. Digit strings are
# read by pydantic's ASCII-only integer parser; hero names by the hero registry (ASCII digits).
Id = Annotated[int, BeforeValidator(_not_bool)]
HeroRef = Annotated[int | str, BeforeValidator(_not_bool)]


class PlayerPick(BaseModel):
    """One player of a draft: a hero (id or name) and, optionally, the player's account id."""

    hero_id: HeroRef = Field(description="Hero id (dotaconstants) or hero name, e.g. 'Anti-Mage'.")
    account_id: Id | None = Field(default=None, description="32-bit Steam account id, if known.")


class PredictRequest(BaseModel):
    """A draft: exactly five picks per side."""

    radiant: list[PlayerPick]
    dire: list[PlayerPick]
    model_id: str | None = Field(default=None, description="Defaults to the active model.")
    explain: bool = Field(default=False, description="Also return the top factors.")
    match_id: Id | None = Field(
        default=None,
        ge=MIN_MATCH_ID,
        le=MAX_MATCH_ID,
        description="The match this draft is, if known: its result (POST /api/v1/data/results) "
        "then scores this prediction in monitoring.",
    )


class Factor(BaseModel):
    """One reason behind a probability, in log-odds towards Radiant.

    The contributions of all factors of a prediction (the top features, "other factors" and
    the model's baseline) add up to the model's raw log-odds before any calibration.
    """

    factor: str
    contribution: float
    value: float | str | None = None
    kind: Literal["feature", "other", "baseline"] = "feature"


class Prediction(BaseModel):
    """Win probability of one draft."""

    model_id: str
    radiant_win_probability: float
    winner: Winner
    unknown_account_ids: list[int] = Field(default_factory=list)
    unknown_hero_ids: list[int] = Field(default_factory=list)
    factors: list[Factor] | None = None
    prediction_id: str | None = Field(
        default=None, description="Id of this prediction in the ledger (None if not recorded)."
    )


class MatchPrediction(BaseModel):
    """Win probability of one match of a CSV file."""

    match_id: int
    radiant_win_probability: float
    winner: Winner
    prediction_id: str | None = Field(
        default=None, description="Id of this prediction in the ledger (None if not recorded)."
    )


class PredictionQuality(BaseModel):
    """How good the predictions were, when the file carried radiant_win.

    Each match is predicted from the model's state just before it. Matches the model was
    trained on are left out of these scores (in-sample) unless include_training_matches.
    """

    n_labelled: int
    accuracy: float | None
    roc_auc: float | None
    log_loss: float | None
    brier: float | None
    n_scored: int | None = Field(default=None, description="Labelled matches scored here.")
    n_training_matches: int = Field(
        default=0, description="Labelled matches that were in the model's training data."
    )
    in_sample: bool = Field(default=False, description="Training matches included (asked for).")
    n_point_in_time: int = Field(
        default=0, description="Matches predicted from a state before later stored results."
    )


class CsvPredictions(BaseModel):
    """Predictions for every match of a CSV file, in file order."""

    model_id: str
    predictions: list[MatchPrediction]
    quality: PredictionQuality | None = None


@dataclass
class PredictCsvForm:
    """Multipart form of POST /api/v1/models/predict_csv."""

    file: UploadFile
    model_id: str | None = None
    # quality: keep matches the model was trained on (then labelled in-sample).
    include_training_matches: bool = False
    format: FormatField = None
    mapping: MappingField = None


class BaselineMetrics(BaseModel):
    """The majority-class baseline on the same holdout."""

    model_config = ConfigDict(extra="allow")

    accuracy: float
    log_loss: float
    brier: float
    roc_auc: float
    radiant_win_rate: float


class HoldoutMetrics(BaseModel):
    """Quality on the time-ordered holdout (the latest matches, never seen in training)."""

    model_config = ConfigDict(extra="allow")

    accuracy: float
    roc_auc: float | None
    log_loss: float
    brier: float
    ece: float | None = Field(default=None, description="Expected calibration error, 10 bins.")
    baseline: BaselineMetrics
    coin_flip: BaselineMetrics | None = Field(
        default=None, description="p = 0.5 on the same holdout (models trained since 17)."
    )
    n_train: int
    n_holdout: int
    split: str = Field(description="How the holdout was chosen.")


# The rules of a model's notes (PUT /api/v1/models/metadata): stated once, here.
MAX_TAGS = 20
MAX_DESCRIPTION = 2000
TAG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.:/+-]{0,39}$"
Tag = Annotated[
    str,
    Field(
        pattern=TAG_PATTERN,
        description="1-40 characters: letters, digits, space and _ . : / + - (not first).",
    ),
]


class ModelSummary(BaseModel):
    """One row of the model list."""

    model_id: str
    model_type: str
    status: Literal["training", "ready", "failed"]
    is_active: bool
    created_at: datetime
    metrics: HoldoutMetrics | None = None
    description: str | None = None
    tags: list[str] = Field(default_factory=list)


class ModelList(BaseModel):
    """All models, newest first."""

    models: list[ModelSummary]


class ModelMetadataRequest(BaseModel):
    """A model's notes; a field left out keeps its value, an empty description clears it."""

    model_config = ConfigDict(extra="forbid")

    model_id: str
    description: str | None = Field(
        default=None,
        max_length=MAX_DESCRIPTION,
        description=f"Free text, at most {MAX_DESCRIPTION} characters (no control characters "
        "besides newline and tab); an empty string clears it.",
    )
    tags: list[Tag] | None = Field(
        default=None,
        max_length=MAX_TAGS,
        description=f"Replaces the tags (at most {MAX_TAGS}; duplicates ignored, case kept).",
    )

    @field_validator("description")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        if value is not None and any(
            (ord(c) < 32 and c not in "\n\t") or ord(c) == 127 for c in value
        ):
            raise ValueError("control characters other than newline and tab are not allowed")
        return value


class DatasetRead(BaseModel):
    """The data a model was trained on."""

    dataset_id: str
    filename: str
    n_matches: int


class RatingsAsOf(BaseModel):
    """The last match result in a model's player ratings and statistics."""

    match_id: int
    start_time: datetime | None = Field(
        default=None, description="Its start time, when the model orders matches by time."
    )


class ModelInfo(ModelSummary):
    """Everything known about one model."""

    hyperparameters: dict[str, Any]
    evaluation: dict[str, Any] | None = None
    feature_importances: list[dict[str, Any]] | None = None
    training_summary: dict[str, Any] | None = None
    fit_seconds: float | None = None
    trained_at: datetime | None = None
    dataset: DatasetRead | None = None
    job_id: str | None = None
    ratings_as_of: RatingsAsOf | None = Field(
        default=None,
        description="Last match in the served ratings: the training end, then the newest "
        "ingested result applied.",
    )
    results_applied: int | None = Field(
        default=None, description="Ingested results applied after training."
    )


class ActivateRequest(BaseModel):
    """Which model to serve."""

    model_id: str


class HyperparameterRead(BaseModel):
    """One hyperparameter a model type accepts."""

    name: str
    type: Literal["int", "float", "bool", "choice"]
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    choices: list[str] | None = None
    description: str
    label: str = Field(description="A readable name for forms, e.g. 'Learning rate'.")


class ModelTypeRead(BaseModel):
    """A model type and its hyperparameters, for building forms."""

    name: str
    title: str
    description: str
    is_default: bool
    hyperparameters: list[HyperparameterRead]


class ModelTypeList(BaseModel):
    """All model types the service can train."""

    model_types: list[ModelTypeRead]
