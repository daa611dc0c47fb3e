"""Column mappings: which of a file's columns holds each canonical column, and what its labels mean.

The one owner of mapping rules: parsing a mapping sent by a client, checking it against a file's
columns, guessing one from a header, and applying it to produce a canonically named raw frame
that the canonical reader then validates. Errors name the file's own column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from backend.matches.errors import MatchDataError
from backend.matches.schema import (
    ACCOUNT_COLUMNS,
    DIRE_ACCOUNTS,
    DIRE_HEROES,
    RADIANT_ACCOUNTS,
    RADIANT_HEROES,
    ROW,
)
from backend.text import clip

# Pseudo-columns: a side's five heroes in one field, e.g. "30-65-15-121-18".
TEAM_COLUMNS = {"radiant_heroes": RADIANT_HEROES, "dire_heroes": DIRE_HEROES}
TARGETS = [
    "match_id",
    "start_time",
    "radiant_win",
    *RADIANT_HEROES,
    *DIRE_HEROES,
    *TEAM_COLUMNS,
    *ACCOUNT_COLUMNS,
]
SIDE_VALUES = ("radiant", "dire")
_TEAM_SEPARATOR = r"[\s,;|/-]+"
_TRUE_FALSE = {"true", "false", "1", "0"}


class MappingError(MatchDataError):
    """A mapping that does not fit the file: a 400 on the `mapping` field."""

    field = "mapping"


@dataclass(frozen=True)
class Mapping:
    """Our column -> the file's column, and the file's label values -> the side that won."""

    columns: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The shape clients send back in the `mapping` form field."""
        return {"columns": dict(self.columns), "labels": dict(self.labels)}


def parse_mapping(text: str) -> Mapping:
    """A client's mapping JSON: {"columns": {ours: theirs}, "labels": {value: radiant|dire}}."""
    try:
        data = json.loads(text)
    except ValueError:
        raise MappingError(
            'mapping is not JSON; send {"columns": {"match_id": "<your column>", ...}, '
            '"labels": {"<value>": "radiant" | "dire"}}'
        ) from None
    if not isinstance(data, dict) or set(data) - {"columns", "labels"}:
        raise MappingError('mapping must be a JSON object with keys "columns" and "labels"')
    columns, labels = data.get("columns", {}), data.get("labels") or {}
    if not isinstance(columns, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
    ):
        raise MappingError("mapping.columns must map our column names to your column names")
    unknown = [k for k in columns if k not in TARGETS]
    if unknown:
        raise MappingError(
            f"mapping.columns: {clip(unknown[0])} is not one of our columns ({', '.join(TARGETS)})",
            column=clip(unknown[0]),
        )
    if not isinstance(labels, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip().lower() in SIDE_VALUES
        for k, v in labels.items()
    ):
        raise MappingError('mapping.labels must map your label values to "radiant" or "dire"')
    return Mapping(
        columns={k: v.strip().lower() for k, v in columns.items()},
        labels={k.strip().lower(): v.strip().lower() for k, v in labels.items()},
    )


def check_mapping(mapping: Mapping, columns: list[str], *, require_label: bool) -> None:
    """Refuse a mapping naming a column the file lacks, or leaving a required one unmapped."""
    for ours, theirs in mapping.columns.items():
        if theirs not in columns:
            found = ", ".join(clip(c, 40) for c in columns[:20] if not c.startswith("__"))
            raise MappingError(
                f"mapping: {ours} is mapped to {clip(theirs)!r}, but the file has no such "
                f"column (columns found: {found or 'none'})",
                column=clip(theirs),
            )
    if "match_id" not in mapping.columns:
        raise MappingError("mapping: match_id is not mapped to any column", column="match_id")
    if require_label and "radiant_win" not in mapping.columns:
        raise MappingError(
            "mapping: radiant_win is not mapped; training and results need the winner",
            column="radiant_win",
        )
    for team, slots in TEAM_COLUMNS.items():
        given = [s for s in slots if s in mapping.columns]
        if team in mapping.columns and given:
            raise MappingError(
                f"mapping: map either {team} (one column with five heroes) or "
                f"{slots[0]}..5, not both",
                column=mapping.columns[team],
            )
        if team not in mapping.columns and len(given) != 5:
            missing = [s for s in slots if s not in mapping.columns]
            raise MappingError(
                f"mapping: {missing[0]} is not mapped; each side needs five hero columns "
                f"({slots[0]}..5) or one {team} column",
                column=missing[0],
            )
    heroes = [v for k, v in mapping.columns.items() if "hero" in k]
    repeated = next((v for v in heroes if heroes.count(v) > 1), None)
    if repeated is not None:
        raise MappingError(
            f"mapping: the column {clip(repeated)!r} is mapped to two hero slots",
            column=clip(repeated),
        )


def _numbered(columns: list[str], pattern: str) -> list[str] | None:
    """The five columns matching pattern (one group: the number), ordered by number, or None."""
    found = sorted(
        ((int(m.group(1)), c) for c in columns if (m := re.fullmatch(pattern, c))),
    )
    return [c for _, c in found] if len(found) == 5 else None


def _guess_heroes(columns: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    slots = [f"hero_{i}" for i in range(10)]
    if all(s in columns for s in slots):  # OpenDota players order: slots 0-4 radiant
        return dict(zip(RADIANT_HEROES + DIRE_HEROES, slots, strict=True))
    for side, ours, team in (
        ("radiant", RADIANT_HEROES, "radiant_heroes"),
        ("dire", DIRE_HEROES, "dire_heroes"),
    ):
        if all(c in columns for c in ours):
            out.update(zip(ours, ours, strict=True))
            continue
        found = _numbered(columns, rf"{side}_?(?:hero|teammate|pick|player)_?(\d+)(?:_hero)?")
        if found:
            out.update(zip(ours, found, strict=True))
            continue
        for candidate in (f"{side}_team", f"{side}_heroes", f"{side}_picks", team):
            if candidate in columns:
                out[team] = candidate
                break
    return out


def _guess_label(raw: pl.DataFrame, columns: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    for candidate in ("radiant_win", "radiant_won", "radiantwin"):
        if candidate in columns:
            return {"radiant_win": candidate}, {}
    for candidate in ("victor_team", "winner", "winning_team", "victor", "win", "result"):
        if candidate not in columns:
            continue
        values = raw[candidate].drop_nulls().str.strip_chars().str.to_lowercase().unique()
        labels = {v: s for v in values.to_list() for s in SIDE_VALUES if v == s}
        if labels:  # any other value is then an error naming its row
            return {"radiant_win": candidate}, {s: s for s in SIDE_VALUES}
        if set(values.to_list()) <= _TRUE_FALSE:
            return {"radiant_win": candidate}, {}
        if set(values.to_list()) <= {"1", "-1", "+1"}:  # UCI: team 1 won (+1) or not
            return {"radiant_win": candidate}, {"1": "radiant", "+1": "radiant", "-1": "dire"}
    return {}, {}


def guess_mapping(raw: pl.DataFrame) -> Mapping:
    """A best guess for a one-row-per-match table with its own column names."""
    columns = raw.columns
    guessed: dict[str, str] = {}
    for ours, candidates in (
        ("match_id", ("match_id", "matchid", "id", "match")),
        ("start_time", ("start_time", "starttime", "start_date", "date")),
    ):
        found = next((c for c in candidates if c in columns), None)
        if found is not None:
            guessed[ours] = found
    label_columns, labels = _guess_label(raw, columns)
    guessed.update(label_columns)
    guessed.update(_guess_heroes(columns))
    for side, slots in (("radiant", RADIANT_ACCOUNTS), ("dire", DIRE_ACCOUNTS)):
        accounts = _numbered(columns, rf"{side}_?account(?:_id)?_?(\d+)")
        if accounts:
            guessed.update(zip(slots, accounts, strict=True))
    return Mapping(columns=guessed, labels=labels)


def _labels(raw: pl.DataFrame, theirs: str, labels: dict[str, str]) -> pl.Expr:
    values = pl.col(theirs).str.strip_chars().str.to_lowercase()
    unknown = raw.filter(
        values.is_not_null() & (values.str.len_bytes() > 0) & ~values.is_in(list(labels))
    )
    if unknown.height:
        row, value = unknown.select(ROW, theirs).row(0)
        allowed = ", ".join(sorted(labels))
        raise MatchDataError(
            f"row {row}, column {theirs}: {clip(str(value))!r} is not one of the label values "
            f"mapped to a winner ({allowed}); add it to mapping.labels",
            column=theirs,
            row=row,
        )
    return values.replace_strict(
        {k: str(v == "radiant").lower() for k, v in labels.items()}, default=None
    )


def _team(raw: pl.DataFrame, team: str, theirs: str) -> list[pl.Expr]:
    text = pl.col(theirs).str.strip_chars().str.strip_chars("[]{}()")
    parts = text.str.replace_all(_TEAM_SEPARATOR, "-").str.split("-")
    counts = raw.select(ROW, theirs, n=parts.list.len())
    bad = counts.filter(pl.col(theirs).is_not_null() & (pl.col("n") != 5))
    if bad.height:
        row, value, _ = bad.row(0)
        raise MatchDataError(
            f"row {row}, column {theirs}: {clip(str(value))!r} is not five heroes "
            "separated by '-', ',' or spaces",
            column=theirs,
            row=row,
        )
    return [parts.list.get(i, null_on_oob=True).alias(s) for i, s in enumerate(TEAM_COLUMNS[team])]


def apply_mapping(raw: pl.DataFrame, mapping: Mapping) -> pl.DataFrame:
    """The file's columns under our names (strings), ready for the canonical reader."""
    exprs: list[pl.Expr] = [pl.col(ROW)]
    for ours, theirs in mapping.columns.items():
        if ours in TEAM_COLUMNS:
            exprs += _team(raw, ours, theirs)
        elif ours == "radiant_win" and mapping.labels:
            exprs.append(_labels(raw, theirs, mapping.labels).alias(ours))
        else:
            exprs.append(pl.col(theirs).cast(pl.String).alias(ours))
    return raw.select(exprs)


def reverse_names(mapping: Mapping) -> dict[str, str]:
    """Our column -> how to name it to the user (their column; for team strings, with the slot)."""
    names = {ours: theirs for ours, theirs in mapping.columns.items() if ours not in TEAM_COLUMNS}
    for team, slots in TEAM_COLUMNS.items():
        if team in mapping.columns:
            names.update({s: f"{mapping.columns[team]} (hero {i})" for i, s in enumerate(slots, 1)})
    return names


def in_their_terms(exc: MatchDataError, names: dict[str, str]) -> MatchDataError:
    """The canonical reader's error, naming the file's columns instead of ours."""
    if isinstance(exc, MappingError) or not names:
        return exc
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(names, key=len)[::-1]) + r")\b"
    )
    message = pattern.sub(lambda m: names[m.group(1)], exc.message)
    column = names.get(exc.column, exc.column).split(" (hero ")[0] if exc.column else None
    return MatchDataError(message, column=column, row=exc.row)
