"""What an upload will become, before it is stored: format, mapping, first rows, problems.

Every check is the readers' own (mapping.py, values.py, the format readers); this module only
runs them column by column and collects what they say instead of stopping at the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from backend.matches import json_formats
from backend.matches.csv_reader import (
    FORMATS,
    check_format,
    detect_format,
    read_import,
)
from backend.matches.errors import MatchDataError
from backend.matches.mapping import (
    TARGETS,
    Mapping,
    apply_mapping,
    check_mapping,
    guess_mapping,
    in_their_terms,
    reverse_names,
)
from backend.matches.raw import read_raw
from backend.matches.schema import ACCOUNT_COLUMNS, HERO_COLUMNS, ROW
from backend.matches.values import (
    clean,
    parse_accounts,
    parse_bool,
    parse_heroes,
    parse_match_ids,
    parse_start_time,
)

PREVIEW_ROWS = 20
_LABEL_VALUES = 20
TABLE_FORMATS = ("table", "json_table")


@dataclass
class Problem:
    """One thing wrong with the file, by column (theirs) and row when known."""

    message: str
    column: str | None = None
    row: int | None = None


@dataclass
class Preview:
    """The preview of one upload."""

    format: str | None
    description: str | None
    columns: list[str] = field(default_factory=list)
    mapping: Mapping | None = None
    label_values: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    n_matches: int | None = None
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, exc: MatchDataError) -> None:
        """Record a reader's error once."""
        if not any(p.message == exc.message for p in self.problems):
            self.problems.append(Problem(exc.message, exc.column, exc.row))


def _parser(column: str) -> Callable[[pl.DataFrame, str], pl.Series]:
    if column == "match_id":
        return lambda raw, c: parse_match_ids(raw, c)
    if column == "start_time":
        return parse_start_time
    if column == "radiant_win":
        return lambda raw, c: parse_bool(raw, c, required=True)
    if column in HERO_COLUMNS:
        return parse_heroes
    assert column in ACCOUNT_COLUMNS
    return parse_accounts


def _table_raw(data: bytes, fmt: str) -> pl.DataFrame:
    if fmt == "json_table":
        return json_formats.table(json_formats.read_records(data))
    return read_raw(data)


def _check_columns(found: Preview, raw: pl.DataFrame, mapping: Mapping) -> None:
    """Each mapped column through its own value rule, so every bad column is listed."""
    try:
        mapped = apply_mapping(raw, mapping)
    except MatchDataError as exc:
        found.add(exc)
        return
    names = reverse_names(mapping)
    present = [c for c in mapped.columns if c != ROW]
    mapped = clean(mapped, present)
    for column in present:
        try:
            _parser(column)(mapped, column)
        except MatchDataError as exc:
            found.add(in_their_terms(exc, names))


def _table(found: Preview, data: bytes, fmt: str, mapping: Mapping | None) -> Mapping | None:
    raw = _table_raw(data, fmt)
    found.columns = [c for c in raw.columns if c != ROW]
    mapping = mapping or guess_mapping(raw)
    found.mapping = mapping
    label = mapping.columns.get("radiant_win")
    if label in raw.columns:
        values = raw[label].drop_nulls().str.strip_chars().unique(maintain_order=True)
        found.label_values = [str(v) for v in values.head(_LABEL_VALUES).to_list()]
    try:
        check_mapping(mapping, raw.columns, require_label=True)
    except MatchDataError as exc:
        found.add(exc)
        return None
    _check_columns(found, raw, mapping)
    return mapping


def preview(
    data: bytes,
    *,
    format: str | None = None,
    mapping: Mapping | None = None,
    max_rows: int | None = None,
) -> Preview:
    """Detect (or take) the format and mapping, read the file as an upload would, list problems."""
    try:
        fmt = check_format(format) or ("table" if mapping is not None else detect_format(data))
        if mapping is not None and json_formats.looks_like_json(data):
            fmt = "json_table"
    except MatchDataError as exc:
        found = Preview(format=None, description=None)
        found.add(exc)
        return found
    found = Preview(format=fmt, description=FORMATS.get(fmt))
    if fmt in TABLE_FORMATS:
        try:
            mapping = _table(found, data, fmt, mapping)
        except MatchDataError as exc:
            found.add(exc)
            return found
        if mapping is None:
            return found
    try:
        result = read_import(
            data,
            require_label=False,
            max_rows=max_rows,
            format=fmt,
            mapping=mapping if fmt in TABLE_FORMATS else None,
        )
    except MatchDataError as exc:
        found.add(exc)
        return found
    frame = result.frame
    found.n_matches = frame.height
    found.rows = frame.head(PREVIEW_ROWS).to_dicts()
    found.skipped, found.notes = result.skipped, result.notes
    missing = frame["radiant_win"].null_count()
    if missing:
        found.problems.append(
            Problem(
                f"{missing} of {frame.height} matches have no winner: fine to predict, "
                "but training and results need it",
                column=(mapping.columns.get("radiant_win") if mapping else None) or "radiant_win",
            )
        )
    return found


__all__ = ["PREVIEW_ROWS", "TARGETS", "Preview", "Problem", "preview"]
