"""The checks of drafts, complete or partial: heroes, sides and account ids.

The frame path (serving.draft_frame) and the array path of /predict (draft_arrays) start at
checked_draft; the draft helper (suggest.parse_draft, partial drafts and bans) checks each
account with checked_account, the same rule and message. Both by the rules of a CSV row
(backend.matches).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError, account_id, validate_draft, validate_players
from backend.ml.frame import UNKNOWN

if TYPE_CHECKING:
    from backend.api.models.schemas import PlayerPick


def checked_account(value: int | None, where: str) -> int | None:
    """One account id by the CSV reader's rule (backend.matches.account_id: SteamID64
    converted, 0/negative/4294967295 = unknown, None); else 400 invalid_draft naming `where`."""
    try:
        return account_id(value, where)
    except MatchDataError as exc:
        raise ApiError(400, ErrorCode.invalid_draft, exc.message, field=where) from exc


@dataclass(frozen=True)
class CheckedDraft:
    """A draft that passed the checks: 10 hero ids and 10 account ids (None = unknown player),
    radiant 1-5 then dire 1-5, both by the rules of a CSV row (backend.matches)."""

    heroes: list[int]
    accounts: list[int | None]


def checked_draft(radiant: Sequence[PlayerPick], dire: Sequence[PlayerPick]) -> CheckedDraft:
    """The one owner of a draft's checks (the frame and the array path both start here).

    5 picks per side, hero ids/names resolved and distinct (validate_draft), account ids by
    checked_account.
    """
    for side, picks in (("radiant", radiant), ("dire", dire)):
        if len(picks) != 5:
            raise ApiError(
                400,
                ErrorCode.invalid_draft,
                f"{side} must have exactly 5 players; got {len(picks)}",
                field=side,
            )
    try:
        r, d = validate_draft([p.hero_id for p in radiant], [p.hero_id for p in dire])
    except MatchDataError as exc:
        raise ApiError(400, ErrorCode.invalid_draft, exc.message, field=exc.column) from exc
    accounts: list[int | None] = []
    places: list[str] = []
    for side, picks in (("radiant", radiant), ("dire", dire)):
        for i, pick in enumerate(picks):
            where = f"{side}[{i}].account_id"
            accounts.append(checked_account(pick.account_id, where))
            places.append(where)
    try:
        validate_players(accounts, places)
    except MatchDataError as exc:
        raise ApiError(400, ErrorCode.invalid_draft, exc.message, field=exc.column) from exc
    return CheckedDraft(r + d, accounts)


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
