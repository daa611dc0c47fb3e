"""read_matches: uploaded bytes, in any supported format, to the canonical frame.

The one reader behind every entry point. The format is detected from the file (or named by the
caller); each format's own reader brings its rows to our column names, and the canonical or
per-player reader validates them, so the canonical frame is the same whichever format went in.

Size: the one reader's detection, dispatch and import report, kept in one place on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from backend.matches import json_formats, uci
from backend.matches.canonical import read_canonical
from backend.matches.errors import MatchDataError
from backend.matches.formats import CANONICAL_HELP, PER_PLAYER_HELP
from backend.matches.mapping import (
    Mapping,
    MappingError,
    apply_mapping,
    check_mapping,
    guess_mapping,
    in_their_terms,
    reverse_names,
)
from backend.matches.per_player import ROW_ORDER_NOTE, read_per_player
from backend.matches.raw import read_raw, read_typed
from backend.matches.schema import ACCOUNT_COLUMNS, HERO_COLUMNS
from backend.text import clip

# Columns the canonical reader turns into whole numbers, parsed while reading when they are plain
# numbers (read_typed); hero ids as Int16 (their canonical dtype; the largest id is ~150).
INTEGER_COLUMNS: dict[str, type[pl.DataType]] = {
    "match_id": pl.Int64,
    "start_time": pl.Int64,
    **{c: pl.Int16 for c in HERO_COLUMNS},
    **{c: pl.Int64 for c in ACCOUNT_COLUMNS},
}

# Every format a client can name in the `format` form field, with what it means.
FORMATS: dict[str, str] = {
    "canonical": "CSV, one row per match with our column names (match_id, radiant_win, "
    "radiant_hero_1..5, dire_hero_1..5, optional start_time and account ids)",
    "per_player": "CSV, one row per player: match_id, hero_id, is_radiant or player_slot, "
    "radiant_win or win, optional account_id and start_time",
    "per_player_row_order": "CSV, one row per player with no side column: in each match the "
    "first five rows are radiant (checked against each player's win)",
    "table": "CSV, one row per match with other column names (hero_0..hero_9, "
    "radiant_teammate_0..4, team strings such as 30-65-15-121-18, victor_team, ID): read "
    "through a column mapping (guessed, or the `mapping` field)",
    "opendota_json": "OpenDota /matches/{id} objects (players[].hero_id, player_slot, "
    "account_id; radiant_win, start_time), a JSON array or one per line",
    "trackdota_json": "match objects with prematchData.rosters.radiant/dire and "
    "aftermatchData.winner, one per line",
    "json_table": "flat JSON records (an OpenDota explorer response's rows, /publicMatches "
    "items), read like a table",
    "opendota_pro_matches": "OpenDota /proMatches items: results without hero picks (refused: "
    "every use needs the draft; the OpenDota sync fetches each match's details)",
    "uci_compact": "UCI Dota2 Games Results, 14 columns without header (win, cluster, mode, "
    "type, five +hero and five -hero indices); match_id = row number",
    "uci_original": "UCI Dota2 Games Results, 117 columns without header (win, cluster, mode, "
    "type, 113 hero columns of 1/-1/0); match_id = row number",
}
JSON_FORMATS = ("opendota_json", "trackdota_json", "json_table", "opendota_pro_matches")
NO_HEROES = (
    "the file has no hero picks (columns found: {found}); training, prediction and results "
    "all need the five heroes of each side. Files of results alone (such as Kaggle's "
    "match.csv or OpenDota /proMatches) need their players' heroes joined in first. "
    f"One row per match needs: {CANONICAL_HELP}; one row per player needs: {PER_PLAYER_HELP}"
)
PRO_MATCHES = (
    "these are OpenDota /proMatches items: match ids, teams and results, but no hero picks, "
    "and every use (training, prediction, results) needs the draft. Fetch /matches/{id} for "
    "each (POST /api/v1/data/sync does this) and upload those objects instead"
)


@dataclass
class ImportResult:
    """The canonical frame and how it was read."""

    frame: pl.DataFrame
    format: str
    mapping: Mapping | None = None
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def is_per_player(columns: list[str]) -> bool:
    """A header with hero_id and no radiant_hero_*/dire_hero_* column is one row per player."""
    return "hero_id" in columns and not any(c in HERO_COLUMNS for c in columns)


def check_format(name: str | None) -> str | None:
    """None or one of FORMATS; anything else is a clear error naming the field."""
    if name is None or name == "" or name == "auto":
        return None
    if name not in FORMATS:
        raise FormatError(
            f"format {clip(name)!r} is not one of: auto, {', '.join(FORMATS)}", column=None
        )
    return name


class FormatError(MatchDataError):
    """An unknown `format` value: a 400 on the `format` field."""

    field = "format"


def detect_format(data: bytes) -> str:
    """The format a file is in, from its first bytes (and, for CSV, its header)."""
    if json_formats.looks_like_json(data):
        return detect_shape_format(json_formats.read_records(data).shape)
    width = uci.uci_width(data)
    if width is not None:
        return "uci_compact" if width == uci.COMPACT_COLUMNS else "uci_original"
    return _csv_format(read_raw(data))


def _csv_format(raw: pl.DataFrame) -> str:
    columns = raw.columns
    if is_per_player(columns):
        has_side = any(c in columns for c in ("is_radiant", "player_slot"))
        return "per_player" if has_side or "win" not in columns else "per_player_row_order"
    if any(c in HERO_COLUMNS for c in columns):
        return "canonical"
    guessed = guess_mapping(raw)
    if any("hero" in k for k in guessed.columns):
        return "table"
    return "canonical"  # the canonical reader words what is missing


def _no_heroes(raw: pl.DataFrame) -> None:
    """Refuse a table of results without any hero column (e.g. Kaggle's match.csv)."""
    guessed = guess_mapping(raw)
    results = {"match_id", "radiant_win"} <= set(guessed.columns)
    if results and not any("hero" in k for k in guessed.columns):
        named = [c for c in raw.columns if not c.startswith("__")]
        found = ", ".join(clip(c, 40) for c in named[:20])
        raise MatchDataError(NO_HEROES.format(found=found or "none"), column="radiant_hero_1")


def _table(
    raw: pl.DataFrame,
    mapping: Mapping | None,
    *,
    require_label: bool,
    max_rows: int | None,
    fmt: str,
) -> ImportResult:
    if mapping is None:
        _no_heroes(raw)
        mapping = guess_mapping(raw)
    check_mapping(mapping, raw.columns, require_label=require_label)
    names = reverse_names(mapping)
    try:
        frame = read_canonical(
            apply_mapping(raw, mapping), require_label=require_label, max_rows=max_rows
        )
    except MappingError:
        raise
    except MatchDataError as exc:
        raise in_their_terms(exc, names) from None
    return ImportResult(frame, fmt, mapping=mapping)


def _csv(
    data: bytes,
    fmt: str | None,
    mapping: Mapping | None,
    *,
    require_label: bool,
    max_rows: int | None,
) -> ImportResult:
    if fmt in (None, "canonical") and mapping is None:
        typed = read_typed(data, INTEGER_COLUMNS)
        if (
            typed is not None
            and not is_per_player(typed.columns)
            and (fmt == "canonical" or any(c in HERO_COLUMNS for c in typed.columns))
        ):
            try:
                frame = read_canonical(typed, require_label=require_label, max_rows=max_rows)
                return ImportResult(frame, "canonical")
            except MatchDataError:
                # A bad file is worded by the general reader below, exactly as it always was.
                del typed
    raw = read_raw(data)
    if mapping is not None and fmt in (None, "canonical", "table"):
        return _table(raw, mapping, require_label=require_label, max_rows=max_rows, fmt="table")
    if mapping is not None:
        raise MappingError(f"a column mapping applies to one-row-per-match tables, not {fmt}")
    fmt = fmt or _csv_format(raw)
    if fmt == "per_player" or fmt == "per_player_row_order":
        by_order = fmt == "per_player_row_order"
        frame = read_per_player(
            raw, require_label=require_label, max_rows=max_rows, side_from_order=by_order
        )
        return ImportResult(frame, fmt, notes=[ROW_ORDER_NOTE] if by_order else [])
    if fmt == "table":
        return _table(raw, None, require_label=require_label, max_rows=max_rows, fmt="table")
    if fmt != "canonical":
        raise FormatError(f"format {fmt} is not a CSV format, but the file is CSV")
    if not any(c in HERO_COLUMNS for c in raw.columns):
        _no_heroes(raw)
    return ImportResult(
        read_canonical(raw, require_label=require_label, max_rows=max_rows), "canonical"
    )


def _json(
    data: bytes,
    fmt: str | None,
    mapping: Mapping | None,
    *,
    require_label: bool,
    max_rows: int | None,
) -> ImportResult:
    records = json_formats.read_records(data)
    detected = detect_shape_format(records.shape)
    fmt = fmt or detected
    if fmt != detected and fmt != "json_table":
        raise FormatError(f"format {fmt} was named, but the file holds {FORMATS[detected]}")
    if fmt == "opendota_pro_matches":
        raise MatchDataError(PRO_MATCHES, column="players")
    if mapping is not None and fmt != "json_table":
        raise MappingError(f"a column mapping applies to tables, not to {fmt}")
    if fmt == "json_table":
        raw = json_formats.table(records)
        return _table(raw, mapping, require_label=require_label, max_rows=max_rows, fmt=fmt)
    convert = (
        json_formats.opendota_matches if fmt == "opendota_json" else json_formats.trackdota_rosters
    )
    converted = convert(records)
    if converted.raw.height == 0:
        reasons = "; ".join(f"{n} {why}" for why, n in converted.skipped.items())
        raise MatchDataError(f"no match in the file has a full draft ({reasons})")
    frame = read_canonical(converted.raw, require_label=require_label, max_rows=max_rows)
    return ImportResult(frame, fmt, skipped=converted.skipped)


def detect_shape_format(shape: str) -> str:
    """The format name of a JSON record shape."""
    return {
        "opendota_match": "opendota_json",
        "trackdota": "trackdota_json",
        "pro_matches": "opendota_pro_matches",
    }.get(shape, "json_table")


def read_import(
    data: bytes,
    *,
    require_label: bool,
    max_rows: int | None = None,
    format: str | None = None,
    mapping: Mapping | None = None,
) -> ImportResult:
    """Read an upload in any supported format (detected unless named) into the canonical frame."""
    fmt = check_format(format)
    is_json = json_formats.looks_like_json(data)
    if fmt is not None and (fmt in JSON_FORMATS) != is_json:
        kind = "JSON" if is_json else "not JSON (it reads as CSV)"
        raise FormatError(f"format {fmt} was named, but the file is {kind}")
    if fmt in JSON_FORMATS or (fmt is None and is_json):
        return _json(data, fmt, mapping, require_label=require_label, max_rows=max_rows)
    width = uci.uci_width(data)
    if fmt in ("uci_compact", "uci_original") or (fmt is None and width is not None):
        expected = uci.COMPACT_COLUMNS if fmt == "uci_compact" else uci.ORIGINAL_COLUMNS
        if fmt is not None and width != expected:
            raise FormatError(
                f"format {fmt} needs {expected} numbers per row and no header; the first line "
                "is not such a row"
            )
        if mapping is not None:
            raise MappingError("a column mapping does not apply to UCI files (they have no header)")
        width = width or expected
        name = "uci_compact" if width == uci.COMPACT_COLUMNS else "uci_original"
        frame = read_canonical(
            uci.read_uci(data, width), require_label=require_label, max_rows=max_rows
        )
        return ImportResult(
            frame,
            name,
            notes=[
                "UCI rows have no match id or time: match_id is the row number; team 1 is taken "
                "as radiant (not documented upstream)"
            ],
        )
    return _csv(data, fmt, mapping, require_label=require_label, max_rows=max_rows)


def read_matches(
    data: bytes,
    *,
    require_label: bool,
    max_rows: int | None = None,
    format: str | None = None,
    mapping: Mapping | None = None,
) -> pl.DataFrame:
    """Parse and validate an upload (any supported format) into the canonical frame."""
    return read_import(
        data, require_label=require_label, max_rows=max_rows, format=format, mapping=mapping
    ).frame
