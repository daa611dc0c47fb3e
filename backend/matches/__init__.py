"""Reading and validating match data (uploaded CSVs, drafts, the bundled default set)."""

from backend.matches.csv_reader import read_matches
from backend.matches.default_data import load_default_matches
from backend.matches.draft import validate_players
from backend.matches.errors import MatchDataError
from backend.matches.heroes import Hero, HeroRegistry, hero_registry
from backend.matches.schema import (
    ACCOUNT_COLUMNS,
    CANONICAL_COLUMNS,
    CANONICAL_SCHEMA,
    DIRE_ACCOUNTS,
    DIRE_HEROES,
    HERO_COLUMNS,
    RADIANT_ACCOUNTS,
    RADIANT_HEROES,
)
from backend.matches.values import account_id

__all__ = [
    "ACCOUNT_COLUMNS",
    "CANONICAL_COLUMNS",
    "CANONICAL_SCHEMA",
    "DIRE_ACCOUNTS",
    "DIRE_HEROES",
    "HERO_COLUMNS",
    "RADIANT_ACCOUNTS",
    "RADIANT_HEROES",
    "Hero",
    "HeroRegistry",
    "MatchDataError",
    "account_id",
    "hero_registry",
    "load_default_matches",
    "read_matches",
    "validate_players",
]
