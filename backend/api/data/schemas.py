"""Schemas of /api/v1/data and /api/v1/heroes."""

from __future__ import annotations

from dataclasses import dataclass

from litestar.datastructures import UploadFile
from pydantic import BaseModel, Field

from backend.api.models.schemas import RatingsAsOf


class AccountIds(BaseModel):
    """Players a model knows, most games first."""

    model_id: str
    account_ids: list[int]
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


@dataclass
class ResultsForm:
    """Multipart form of POST /api/v1/data/results."""

    file: UploadFile


class ModelRollForward(BaseModel):
    """Where one stored model stands after an ingestion."""

    model_id: str
    ratings_as_of: RatingsAsOf | None = Field(
        description="Last match in its ratings (None: the model predates roll-forward)."
    )
    results_applied: int = Field(description="Results applied after its training, in total.")
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
