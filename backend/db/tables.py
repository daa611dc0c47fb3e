"""All database tables. ("model" means an ML model here, so tables live in tables.py.)

Size: declarations only; every table in one metadata, which alembic's autogenerate compares.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the service writes."""
    return datetime.now(UTC)


def _timestamp(nullable: bool = True) -> Any:
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=nullable)


class JobStatus(StrEnum):
    """Life cycle of a training job."""

    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"
    cancelled = "cancelled"

    @property
    def finished(self) -> bool:
        """True for the states a job never leaves."""
        return self in (JobStatus.succeeded, JobStatus.failed, JobStatus.cancelled)


class ModelStatus(StrEnum):
    """Life cycle of an ML model record."""

    training = "training"
    ready = "ready"
    failed = "failed"


class Dataset(SQLModel, table=True):
    """An uploaded (or the bundled) match file; content is kept so any worker can train on it."""

    __tablename__ = "datasets"

    id: str = Field(primary_key=True, max_length=64)
    filename: str = Field(max_length=255)
    sha256: str = Field(index=True, max_length=64)
    n_matches: int
    size_bytes: int
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class MLModel(SQLModel, table=True):
    """A trained (or training) model and everything users look at."""

    __tablename__ = "ml_models"
    __table_args__ = (
        # The database, not the code, guarantees at most one active model.
        Index(
            "uq_ml_models_single_active",
            "is_active",
            unique=True,
            sqlite_where=text("is_active = 1"),
            postgresql_where=text("is_active"),
        ),
    )

    id: str = Field(primary_key=True, max_length=64)
    model_type: str = Field(max_length=64)
    status: ModelStatus = Field(default=ModelStatus.training, sa_type=String(16))
    is_active: bool = Field(default=False)
    # A shadow challenger: predicts every request the active model serves, off the request
    # path, into the ledger (backend/serving/shadows.py). Never the active model itself.
    shadow: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    hyperparameters: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    # The user's notes, to search and filter by (PUT /api/v1/models/metadata).
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    tags: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False, server_default=text("'[]'")),
    )
    metrics: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    evaluation: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    feature_importances: list[Any] | None = Field(default=None, sa_column=Column(JSON))
    training_summary: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    fit_seconds: float | None = None
    dataset_id: str | None = Field(default=None, foreign_key="datasets.id", max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    trained_at: datetime | None = _timestamp()


class HoldoutPredictions(SQLModel, table=True):
    """A trained model's predictions of its time-ordered holdout, as gzip CSV (match_id,
    start_time, radiant_win, radiant_win_probability): the rows its holdout metrics score."""

    __tablename__ = "holdout_predictions"

    model_id: str = Field(
        sa_column=Column(ForeignKey("ml_models.id", ondelete="CASCADE"), primary_key=True)
    )
    n_matches: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ModelArtifact(SQLModel, table=True):
    """Serialized model bytes, in the database so every API process and worker can load them."""

    __tablename__ = "model_artifacts"

    model_id: str = Field(
        sa_column=Column(ForeignKey("ml_models.id", ondelete="CASCADE"), primary_key=True)
    )
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    size_bytes: int
    sha256: str = Field(max_length=64)


class RollForwardState(SQLModel, table=True):
    """Where a ready model's served state stands, kept without loading the model.

    The training end and time order come from the artifact's state (written with it); the
    counts are those of the stored results after the training end up to ingestion batch
    ``seq`` (-1: not counted yet). Every ingestion advances them in its own transaction from
    its new results only (``backend/results/positions.py``), so they always equal what a
    process serving artifact + stored results reports.
    """

    __tablename__ = "model_roll_forward"

    model_id: str = Field(
        sa_column=Column(ForeignKey("ml_models.id", ondelete="CASCADE"), primary_key=True)
    )
    advanceable: bool  # False: a state from before roll-forward existed (nothing applied)
    order_key: str = Field(max_length=16)
    end_match_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    end_start_time: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    seq: int = Field(default=-1, sa_column=Column(BigInteger, nullable=False))
    results_applied: int = 0
    as_of_match_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    as_of_start_time: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class Player(SQLModel, table=True):
    """A player (account id) a model has state for, i.e. one a prediction can use."""

    __tablename__ = "players"

    model_id: str = Field(
        sa_column=Column(ForeignKey("ml_models.id", ondelete="CASCADE"), primary_key=True)
    )
    account_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    games: int = 0


class TrainingJob(SQLModel, table=True):
    """A training job; its state lives here, the queue is only transport."""

    __tablename__ = "training_jobs"

    id: str = Field(primary_key=True, max_length=64)
    # No foreign key: a job outlives its model (deleted models keep their job history).
    model_id: str = Field(index=True, max_length=64)
    model_type: str = Field(max_length=64)
    hyperparameters: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    dataset_id: str = Field(foreign_key="datasets.id", max_length=64)
    status: JobStatus = Field(default=JobStatus.queued, index=True, sa_type=String(16))
    progress: float = 0.0
    message: str = Field(default="queued", max_length=500)
    error: str | None = Field(default=None, max_length=4000)
    activate_on_success: bool = False
    time_limit_seconds: float
    # Interrupted runs (dead or stopped worker) are retried; attempts counts the starts.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    max_attempts: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=DateTime(timezone=True), index=True
    )
    started_at: datetime | None = _timestamp()
    finished_at: datetime | None = _timestamp()
    heartbeat_at: datetime | None = _timestamp()


class Evaluation(SQLModel, table=True):
    """Models scored on one common labelled file; promote can cite it by id."""

    __tablename__ = "evaluations"

    id: str = Field(primary_key=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    dataset_sha256: str = Field(max_length=64)
    filename: str = Field(max_length=255)
    n_matches: int
    active_model_id: str | None = Field(default=None, max_length=64)
    results: list[Any] = Field(default_factory=list, sa_column=Column(JSON))


class Activation(SQLModel, table=True):
    """One change of the active model: who, when, from which to which, why, on what evidence."""

    __tablename__ = "activations"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=DateTime(timezone=True), index=True
    )
    actor: str = Field(max_length=128)
    previous_model_id: str | None = Field(default=None, max_length=64)
    model_id: str = Field(max_length=64)
    reason: str = Field(max_length=1000)
    evidence: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class Counter(SQLModel, table=True):
    """Named counters; bumping one row serialises writers (row lock / SQLite write lock)."""

    __tablename__ = "counters"

    name: str = Field(primary_key=True, max_length=64)
    value: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class MatchResult(SQLModel, table=True):
    """A match result posted to POST /api/v1/data/results; stored once per match id."""

    __tablename__ = "match_results"

    match_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    start_time: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    radiant_win: bool
    heroes: list[int] = Field(sa_column=Column(JSON, nullable=False))  # radiant 1-5, dire 1-5
    account_ids: list[int | None] = Field(sa_column=Column(JSON, nullable=False))  # same order
    # The ingestion batch (counter "match_results"); commit order = seq order.
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    ingested_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class PredictionBatch(SQLModel, table=True):
    """Served predictions (the ledger), a batch per model per flush of a process's buffer.

    The rows live in ``payload``, a packed array (backend.ledger.store): a row per prediction
    costs ~50 bytes and no index entries, so recording a 10k-row file is one insert instead of
    10k. Scoring joins the rows with match_results in memory; ``match_min``/``match_max`` and the
    time span let readers skip batches that cannot matter.
    """

    __tablename__ = "prediction_batches"
    __table_args__ = (Index("ix_prediction_batches_model_last", "model_id", "last_at"),)

    id: str = Field(primary_key=True, max_length=64)
    model_id: str = Field(max_length=64)
    n_rows: int
    # Smallest and largest known match id of the rows (None when no row has one).
    match_min: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    match_max: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    first_at: datetime = Field(sa_type=DateTime(timezone=True))
    last_at: datetime = Field(sa_type=DateTime(timezone=True), index=True)
    # [[prediction id prefix, source], ...]: the requests the rows came from.
    requests: list[list[str]] = Field(sa_column=Column(JSON, nullable=False))
    payload_format: int = 1
    payload: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class OpenDotaSync(SQLModel, table=True):
    """Where an OpenDota sync stands; moved in the same transaction as a page's matches."""

    __tablename__ = "opendota_sync"

    id: str = Field(primary_key=True, max_length=32)
    less_than_match_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True)
    )
    done: bool = False
    matches_stored: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    pages: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class ProPlayerName(SQLModel, table=True):
    """A pro player's name from OpenDota /proPlayers."""

    __tablename__ = "pro_player_names"

    account_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str = Field(max_length=255)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class SyncJob(SQLModel, table=True):
    """One OpenDota sync run as a worker job; like a training job, the queue is only transport.

    The sync's position is the opendota_sync cursor, not this row: a retried or later run
    resumes from it, so an attempt interrupted mid-page only refetches that page.
    """

    __tablename__ = "sync_jobs"

    id: str = Field(primary_key=True, max_length=64)
    options: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: JobStatus = Field(default=JobStatus.queued, index=True, sa_type=String(16))
    progress: float = 0.0
    message: str = Field(default="queued", max_length=500)
    error: str | None = Field(default=None, max_length=4000)
    pages: int = 0
    stored: int = 0
    duplicates: int = 0
    calls: int = 0
    player_names: int = 0
    skipped: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    dataset_id: str | None = Field(default=None, max_length=64)
    scheduled: bool = False
    # 1 while queued or running, NULL once finished: its unique index lets one sync be active
    # on every database, whichever API process or worker inserts it.
    active: int | None = Field(default=1, unique=True, index=True, nullable=True)
    attempts: int = 0
    max_attempts: int = 3
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=DateTime(timezone=True), index=True
    )
    started_at: datetime | None = _timestamp()
    finished_at: datetime | None = _timestamp()
    heartbeat_at: datetime | None = _timestamp()


class BacktestJob(SQLModel, table=True):
    """A walk-forward backtest of a large file as a worker job; its result is an Evaluation.

    The uploaded file is kept (gzip) until the job ends, so any worker can run it.
    """

    __tablename__ = "backtest_jobs"

    id: str = Field(primary_key=True, max_length=64)
    form: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    filename: str = Field(max_length=255)
    n_matches: int = 0
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    status: JobStatus = Field(default=JobStatus.queued, index=True, sa_type=String(16))
    progress: float = 0.0
    message: str = Field(default="queued", max_length=500)
    error: str | None = Field(default=None, max_length=4000)
    backtest_id: str | None = Field(default=None, max_length=64)
    attempts: int = 0
    max_attempts: int = 3
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=DateTime(timezone=True), index=True
    )
    started_at: datetime | None = _timestamp()
    finished_at: datetime | None = _timestamp()
    heartbeat_at: datetime | None = _timestamp()
