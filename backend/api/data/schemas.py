"""Schemas of /api/v1/data and /api/v1/heroes."""

from __future__ import annotations

from pydantic import BaseModel


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
