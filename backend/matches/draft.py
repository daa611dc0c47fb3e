"""The rule a draft shares with a file's rows: no player twice in one match (the API's draft
validator is backend/api/models/drafts.py)."""

from __future__ import annotations

from collections.abc import Sequence

from backend.matches.errors import MatchDataError


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
