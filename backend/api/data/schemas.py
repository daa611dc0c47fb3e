"""Schemas of /api/v1/data and /api/v1/heroes.

Size: declarations only (pydantic models, each one of the SDK's public names); they stay
together as the one list of this route group's shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from litestar.datastructures import UploadFile
from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.api.import_fields import FormatField, MappingField
from backend.api.models.schemas import Id, RatingsAsOf


class AccountName(BaseModel):
    """An account id and, when OpenDota lists it as a pro, the player's name."""

    account_id: int
    name: str | None = None


class AccountIds(BaseModel):
    """Players a model knows, most games first."""

    model_id: str
    account_ids: list[int]
    players: list[AccountName] = Field(
        default_factory=list,
        description="The same ids in the same order, each with its pro player name when the "
        "OpenDota sync cached one (make sync ARGS=--players).",
    )
    total: int
    limit: int
    offset: int


class HeroRead(BaseModel):
    """A hero as in dotaconstants."""

    id: int
    name: str
    short_name: str
    primary_attr: str
    attack_type: str
    roles: list[str]


class HeroList(BaseModel):
    """Every hero, by id."""

    heroes: list[HeroRead]


class DatasetSummary(BaseModel):
    """A stored match file (the bundled one has dataset_id "default")."""

    dataset_id: str
    filename: str = Field(description="The file name it was uploaded with.")
    n_matches: int
    size_bytes: int = Field(description="Size of the uploaded CSV (0 for the bundled set).")
    created_at: datetime


class DatasetRename(BaseModel):
    """A new display name for a stored dataset."""

    dataset_id: str = Field(max_length=64)
    filename: str = Field(max_length=1000, description="1-255 characters, trimmed.")


class DatasetDeleted(BaseModel):
    dataset_id: str
    deleted: bool


class DatasetList(BaseModel):
    """Every stored dataset, the bundled one first, then newest first."""

    datasets: list[DatasetSummary]


class MonthCount(BaseModel):
    """Matches in one calendar month."""

    month: str = Field(description="YYYY-MM (UTC).")
    matches: int
    radiant_win_rate: float | None


class HeroStat(BaseModel):
    """How often a hero was picked and won in a dataset."""

    hero_id: int
    name: str
    picks: int
    radiant_picks: int
    pick_rate: float = Field(description="Share of matches with this hero.")
    wins: int
    win_rate: float | None


class PlayerCount(BaseModel):
    """Matches of one account id in a dataset."""

    account_id: int
    matches: int


class DatasetInfo(DatasetSummary):
    """A dataset's summary and the aggregates the UI's EDA shows (all computed here)."""

    n_labelled: int = Field(description="Matches with a radiant_win value.")
    n_with_start_time: int
    first_start_time: datetime | None
    last_start_time: datetime | None
    radiant_win_rate: float | None
    n_players: int = Field(description="Distinct known account ids.")
    n_heroes: int = Field(description="Distinct heroes picked.")
    trainable: bool = Field(description="Enough labelled matches with both outcomes to train.")
    matches_per_month: list[MonthCount]
    heroes: list[HeroStat] = Field(description="Every hero picked, most picked first.")
    top_players: list[PlayerCount] = Field(description="The 200 most active account ids.")


class DatasetUploaded(DatasetInfo):
    """An upload's summary, and how its file was read."""

    import_format: str | None = Field(default=None, description="The format the file was read in.")
    import_mapping: dict[str, Any] | None = Field(
        default=None, description="The column mapping used (tables only)."
    )
    skipped: dict[str, int] = Field(
        default_factory=dict,
        description="Matches left out by reason (JSON matches without a full draft).",
    )
    import_notes: list[str] = Field(
        default_factory=list, description="Assumptions the format's reader made."
    )


class ColumnMapping(BaseModel):
    """Our column -> the file's column, and the file's label values -> the side that won."""

    columns: dict[str, str]
    labels: dict[str, str] = Field(default_factory=dict)


class PreviewProblem(BaseModel):
    """One problem the readers found, by the file's column and row when known."""

    message: str
    column: str | None = None
    row: int | None = None


class DatasetPreview(BaseModel):
    """What an upload will become: send `format` and `mapping` back with the upload."""

    format: str | None = Field(description="Detected (or named) format; None if unreadable.")
    description: str | None = Field(description="What the format is.")
    formats: dict[str, str] = Field(description="Every format the `format` field takes.")
    columns: list[str] = Field(description="The file's columns (tables only).")
    targets: list[str] = Field(description="Our columns a mapping can fill.")
    mapping: ColumnMapping | None = Field(description="Guessed (or given) mapping (tables).")
    label_values: list[str] = Field(description="The file's distinct winner values (first 20).")
    rows: list[dict[str, Any]] = Field(description="The first 20 matches as they will be read.")
    n_matches: int | None = Field(description="Matches in the whole file, when it reads.")
    problems: list[PreviewProblem] = Field(description="Empty when the file is ready to store.")
    skipped: dict[str, int] = Field(description="Matches left out by reason.")
    notes: list[str] = Field(description="Assumptions the format's reader makes.")


class HeroPairStat(BaseModel):
    """Win rate of hero with (or against) other_hero."""

    hero_id: int
    hero: str
    other_hero_id: int
    other_hero: str
    games: int
    win_rate: float
    lower_bound: float = Field(description="Lower end of the 95 % Wilson interval.")


class HeroPairs(BaseModel):
    """Same-team and head-to-head win rates among the most picked heroes."""

    dataset_id: str
    hero_ids: list[int]
    hero_names: list[str]
    min_games: int
    together: list[list[float | None]] = Field(
        description="Win rate of row and column hero on the same team (null: too few games)."
    )
    against: list[list[float | None]] = Field(
        description="Win rate of the row hero against the column hero (null: too few games)."
    )
    strongest_pairs: list[HeroPairStat]
    strongest_counters: list[HeroPairStat]


class HeroGames(BaseModel):
    """One hero a player played."""

    hero_id: int
    name: str
    games: int
    wins: int
    win_rate: float | None


class PlayerRecord(BaseModel):
    """One account id's record in a dataset."""

    dataset_id: str
    account_id: int
    matches: int
    wins: int
    win_rate: float | None
    radiant_share: float | None
    first_start_time: datetime | None
    last_start_time: datetime | None
    heroes: list[HeroGames]


class ServiceLimits(BaseModel):
    """Limits a client should respect (and show)."""

    max_upload_mb: float = Field(description="Largest accepted upload (APP_MAX_UPLOAD_MB).")
    max_upload_bytes: int
    max_csv_matches: int = Field(description="Most matches in one file (APP_MAX_CSV_MATCHES).")
    job_time_limit_seconds: float = Field(
        description="A training job running longer ends failed (APP_JOB_TIME_LIMIT_SECONDS)."
    )


@dataclass
class DatasetForm:
    """Multipart form of POST /api/v1/data/datasets."""

    file: UploadFile
    format: FormatField = None
    mapping: MappingField = None


@dataclass
class PreviewForm:
    """Multipart form of POST /api/v1/data/datasets/preview."""

    file: UploadFile
    format: FormatField = None
    mapping: MappingField = None


@dataclass
class ResultsForm:
    """Multipart form of POST /api/v1/data/results."""

    file: UploadFile
    format: FormatField = None
    mapping: MappingField = None


class ModelRollForward(BaseModel):
    """Where one stored model stands after an ingestion.

    Computed from the model's stored position (its training end and the stored results), not
    by loading it: the figures are those of its artifact advanced by every result stored up to
    this post, which each API process serves (a process advances the models it serves, and a
    model it loads later applies them on load).
    """

    model_id: str
    ratings_as_of: RatingsAsOf | None = Field(
        description="Last match in its ratings as of this post (its training end while no "
        "result applied; None: the model predates roll-forward)."
    )
    results_applied: int = Field(
        description="Stored results after its training end, as of this post: the results its "
        "served ratings have applied, in total."
    )
    skipped_older: int = Field(
        description="Matches of this upload at or before its training end (not applied)."
    )
    skipped_undated: int = Field(
        default=0,
        description="Matches of this upload without start_time, for a model ordered by time.",
    )


class ResultsIngested(BaseModel):
    """What POST /api/v1/data/results did."""

    ingested: int = Field(description="New results stored.")
    duplicates: int = Field(description="Matches already stored (nothing changed for them).")
    predictions_scored: int = Field(
        description="Recorded predictions (latest per model and match) these results scored."
    )
    models_updated: list[ModelRollForward]


SyncState = Literal["queued", "running", "succeeded", "failed", "cancelled"]


class SyncRequest(BaseModel):
    """What one OpenDota sync takes and keeps (POST /api/v1/data/sync)."""

    model_config = ConfigDict(extra="forbid")

    max_matches: int = Field(default=1000, ge=1, le=100_000, description="Stop after this many.")
    since: date | None = Field(default=None, description="Only matches from this UTC day on.")
    until: date | None = Field(default=None, description="Only matches up to this UTC day.")
    league_ids: list[Annotated[Id, Field(ge=1, le=2**31 - 1)]] | None = Field(
        default=None, max_length=50, description="Only these leagues (OpenDota leagueid)."
    )
    players: bool = Field(default=False, description="Also cache pro player names.")
    as_dataset: bool = Field(default=False, description="Also store the matches as a dataset.")
    reset: bool = Field(
        default=False,
        description="Start from the newest page again instead of the stored cursor "
        "(matches already stored are still skipped).",
    )

    @model_validator(mode="after")
    def _range(self) -> SyncRequest:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValueError("until must not be before since")
        return self


class SyncJobRead(BaseModel):
    """State and report of one OpenDota sync job."""

    job_id: str
    status: SyncState
    progress: float = Field(ge=0.0, le=1.0)
    message: str
    error: str | None = None
    scheduled: bool = Field(description="Queued by APP_OPENDOTA_SYNC_MINUTES, not a request.")
    options: dict[str, Any] = Field(description="The run's options as stored.")
    pages: int = Field(description="/proMatches pages stored whole so far.")
    stored: int = Field(description="New matches stored (results ingested).")
    duplicates: int = Field(description="Matches that were stored already.")
    calls: int = Field(description="OpenDota calls made by the last attempt.")
    player_names: int = Field(description="Pro player names cached.")
    skipped: dict[str, int] = Field(description="Matches left out, by reason.")
    dataset_id: str | None = Field(default=None, description="The dataset stored, if asked.")
    attempts: int
    max_attempts: int
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class SyncJobList(BaseModel):
    """Recent sync jobs, newest first."""

    jobs: list[SyncJobRead]


class CancelSyncRequest(BaseModel):
    """Which sync job to cancel."""

    job_id: str = Field(max_length=64)
