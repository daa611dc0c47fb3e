"""The one validator of drafts, complete or partial: sizes, heroes and account ids.

`checked_picks` checks both sides of any draft by one set of rules; a side's rule says how
many picks it takes. /predict (the frame path, serving.draft_frame, and the array path,
draft_arrays) asks for five per side through checked_draft; the draft helper
(suggest.parse_draft) for at most four on the picking side and five on the other, plus the
next player's account. A 400 names the field: /predict's hero errors the slot as a file's
column (``dire_hero_3``, as a CSV row's would), the rest the JSON field (``dire[2].account_id``,
the helper's ``dire[2].hero_id``): ``Slots``. Heroes resolve by
the hero registry, accounts by the CSV reader's rule (backend.matches.account_id), and no
player plays twice (backend.matches.validate_players): the rules of a CSV row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError, account_id, hero_registry, validate_players
from backend.ml.frame import UNKNOWN

if TYPE_CHECKING:
    from backend.api.models.schemas import PlayerPick

SIDES = ("radiant", "dire")


def _bad(message: str, field: str) -> ApiError:
    return ApiError(400, ErrorCode.invalid_draft, message, field=field)


def checked_account(value: int | None, where: str) -> int | None:
    """One account id by the CSV reader's rule (backend.matches.account_id: SteamID64
    converted, 0/negative/4294967295 = unknown, None); else 400 invalid_draft naming `where`."""
    try:
        return account_id(value, where)
    except MatchDataError as exc:
        raise _bad(exc.message, where) from exc


@dataclass(frozen=True)
class SideRule:
    """How many picks a side takes: exactly ``most``, or at most ``most`` (partial drafts)."""

    most: int
    exact: bool = False
    role: str = ""  # how the message names the side's part, e.g. " (the picking side)"

    def check(self, side: str, n: int) -> None:
        if self.exact and n != self.most:
            raise _bad(f"{side} must have exactly {self.most} players; got {n}", side)
        if n > self.most:
            raise _bad(f"{side}{self.role} may have at most {self.most} picks; got {n}", side)


COMPLETE = {side: SideRule(5, exact=True) for side in SIDES}


@dataclass(frozen=True)
class Slots:
    """How a hero's 400 names its pick: the error's field, the message's prefix when the hero
    does not resolve, and the pick's place in a "picked twice" message."""

    field: Callable[[str, int], str]
    where: Callable[[str, int], str]
    place: Callable[[str, int], str]


# /predict: a file row's column names (parity with the CSV reader, test_matches_value_parity)
COLUMN_SLOTS = Slots(
    field=lambda side, i: f"{side}_hero_{i + 1}",
    where=lambda side, i: f"{side} hero {i + 1}",
    place=lambda side, i: f"{side} hero {i + 1}",
)
# The draft helper: JSON paths of its (partial) body
JSON_SLOTS = Slots(
    field=lambda side, i: f"{side}[{i}].hero_id",
    where=lambda side, i: f"{side}[{i}].hero_id",
    place=lambda side, i: f"{side}[{i}]",
)


@dataclass(frozen=True)
class CheckedPicks:
    """Both sides' hero ids and account ids (None = unknown player), in pick order; where
    each hero is picked; and the checked extra accounts, by field."""

    heroes: dict[str, list[int]]
    accounts: dict[str, list[int | None]]
    picked_as: dict[int, str]
    extra: dict[str, int | None]


def checked_picks(
    picks: Mapping[str, Sequence[PlayerPick]],
    rules: Mapping[str, SideRule],
    extra_accounts: Mapping[str, int | None] | None = None,
    slots: Slots = JSON_SLOTS,
) -> CheckedPicks:
    """The one owner of a draft's checks, in this order: each side's size, each hero (exists,
    not picked twice across both sides), each account id, then no player twice (the sides'
    and ``extra_accounts``, e.g. the draft helper's next player)."""
    for side in SIDES:
        rules[side].check(side, len(picks[side]))
    registry = hero_registry()
    picked_as: dict[int, str] = {}
    heroes: dict[str, list[int]] = {}
    for side in SIDES:
        heroes[side] = []
        for i, pick in enumerate(picks[side]):
            field, place = slots.field(side, i), slots.place(side, i)
            try:
                hero = registry.resolve(pick.hero_id, where=slots.where(side, i))
            except MatchDataError as exc:
                raise _bad(exc.message, field) from exc
            if hero in picked_as:
                raise _bad(
                    f"{registry.name(hero)} (id {hero}) is picked twice, as {picked_as[hero]} "
                    f"and {place}; a hero can be picked only once per match",
                    field,
                )
            picked_as[hero] = place
            heroes[side].append(hero)
    accounts = {
        side: [checked_account(p.account_id, f"{side}[{i}].account_id") for i, p in enumerate(ps)]
        for side, ps in ((side, picks[side]) for side in SIDES)
    }
    extra = {
        where: checked_account(value, where) for where, value in (extra_accounts or {}).items()
    }
    places = [f"{side}[{i}].account_id" for side in SIDES for i in range(len(accounts[side]))]
    try:
        validate_players(
            [*accounts["radiant"], *accounts["dire"], *extra.values()], [*places, *extra]
        )
    except MatchDataError as exc:
        raise _bad(exc.message, exc.column or "account_id") from exc
    return CheckedPicks(heroes, accounts, picked_as, extra)


@dataclass(frozen=True)
class CheckedDraft:
    """A complete draft that passed the checks: 10 hero ids and 10 account ids (None =
    unknown player), radiant 1-5 then dire 1-5."""

    heroes: list[int]
    accounts: list[int | None]


def checked_draft(radiant: Sequence[PlayerPick], dire: Sequence[PlayerPick]) -> CheckedDraft:
    """checked_picks of a complete draft: exactly 5 picks per side."""
    picks = checked_picks({"radiant": radiant, "dire": dire}, COMPLETE, slots=COLUMN_SLOTS)
    return CheckedDraft(
        picks.heroes["radiant"] + picks.heroes["dire"],
        picks.accounts["radiant"] + picks.accounts["dire"],
    )


def draft_arrays(
    radiant: Sequence[PlayerPick], dire: Sequence[PlayerPick]
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(1, 10) hero ids, (1, 10) account ids (UNKNOWN where unknown) and the known account ids.

    The checks and messages of the frame path (checked_draft); the known account ids are the
    normalised ones, in draft order, as unknown_account_ids reports them.
    """
    draft = checked_draft(radiant, dire)
    heroes = np.array([draft.heroes], dtype=np.int64)
    accounts = np.array([[UNKNOWN if a is None else a for a in draft.accounts]], dtype=np.int64)
    return heroes, accounts, [a for a in draft.accounts if a is not None]
