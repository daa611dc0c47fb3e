"""Builders for small CSV uploads in both formats."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from backend.matches import ACCOUNT_COLUMNS, HERO_COLUMNS, hero_registry

HEADER = ["match_id", "start_time", "radiant_win", *HERO_COLUMNS]


def heroes_for(index: int) -> list[int]:
    """Ten distinct valid hero ids for the index-th match (consecutive matches differ)."""
    ids = [h.id for h in hero_registry().heroes]
    return [ids[(10 * index + k) % len(ids)] for k in range(10)]


def row(
    match_id: object, win: object = "true", start: object = "", heroes: Sequence[object] = ()
) -> list[str]:
    """One canonical row as strings."""
    picks = list(heroes) or heroes_for(int(str(match_id)) if str(match_id).isdigit() else 0)
    return [str(match_id), str(start), str(win), *(str(h) for h in picks)]


def csv_bytes(
    header: Sequence[str], rows: Sequence[Sequence[object]], sep: str = ",", eol: str = "\n"
) -> bytes:
    """Join header and rows into CSV bytes (values must not need quoting)."""
    lines = [sep.join(header)] + [sep.join(str(v) for v in r) for r in rows]
    return (eol.join(lines) + eol).encode("utf-8")


def canonical(n: int = 3) -> bytes:
    """A valid canonical upload with n matches."""
    return csv_bytes(HEADER, [row(100 + i) for i in range(n)])


def to_per_player(frame: pl.DataFrame, *, label: str = "radiant_win") -> bytes:
    """Write a canonical frame as one row per player (is_radiant side; radiant_win or win)."""
    rows = []
    for match in frame.iter_rows(named=True):
        for index, (hero, account) in enumerate(zip(HERO_COLUMNS, ACCOUNT_COLUMNS, strict=True)):
            radiant = index < 5
            outcome = (
                match["radiant_win"] if label == "radiant_win" else match["radiant_win"] == radiant
            )
            rows.append(
                {
                    "match_id": match["match_id"],
                    "start_time": match["start_time"],
                    label: outcome,
                    "hero_id": match[hero],
                    "account_id": match[account],
                    "is_radiant": radiant,
                }
            )
    return pl.DataFrame(rows).write_csv().encode("utf-8")
