"""Validation of a single 5-versus-5 draft given to the prediction endpoint."""

from __future__ import annotations

from collections.abc import Sequence

from backend.matches.errors import MatchDataError
from backend.matches.heroes import hero_registry


def _side(picks: Sequence[int | str], side: str) -> list[int]:
    if isinstance(picks, str) or len(picks) != 5:
        count = "a string" if isinstance(picks, str) else f"{len(picks)} heroes"
        raise MatchDataError(
            f"{side} has {count}; a draft needs a list of exactly 5 heroes per side", column=side
        )
    registry = hero_registry()
    ids = []
    for position, value in enumerate(picks, start=1):
        try:
            ids.append(registry.resolve(value, where=f"{side} hero {position}"))
        except MatchDataError as exc:
            raise MatchDataError(exc.message, column=f"{side}_hero_{position}") from None
    return ids


def validate_draft(
    radiant: Sequence[int | str], dire: Sequence[int | str]
) -> tuple[list[int], list[int]]:
    """Resolve 5 + 5 hero ids or names; no hero may appear twice."""
    radiant_ids, dire_ids = _side(radiant, "radiant"), _side(dire, "dire")
    seen: dict[int, str] = {}
    for side, ids in (("radiant", radiant_ids), ("dire", dire_ids)):
        for position, hero_id in enumerate(ids, start=1):
            here = f"{side} hero {position}"
            if hero_id in seen:
                name = hero_registry().name(hero_id)
                raise MatchDataError(
                    f"{name} (id {hero_id}) is picked twice, as {seen[hero_id]} and {here}; "
                    "a hero can be picked only once per match",
                    column=f"{side}_hero_{position}",
                )
            seen[hero_id] = here
    return radiant_ids, dire_ids


def validate_players(accounts: Sequence[int | None], places: Sequence[str]) -> None:
    """No known account plays twice in one draft (unknown players, None, never clash): the
    rule a file's rows follow (canonical._check_repeated_players). ``places`` name the slots;
    the error's column is the second one."""
    seen: dict[int, str] = {}
    for account, place in zip(accounts, places, strict=True):
        if account is None:
            continue
        if account in seen:
            raise MatchDataError(
                f"account {account} plays twice, as {seen[account]} and {place}; a player is in "
                "a match only once",
                column=place,
            )
        seen[account] = place
