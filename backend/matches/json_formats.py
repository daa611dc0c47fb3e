"""JSON match files: OpenDota /matches/{id} objects, trackdota rosters, explorer and flat tables.

Each reader turns records into a raw frame under our column names (strings, ROW = the record's
1-based number), for the canonical reader to validate. Matches that cannot be drafts (no
players, not 5 + 5, hero 0 = not picked) are left out and counted by reason, never guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from backend.matches.errors import MatchDataError
from backend.matches.schema import ACCOUNT_COLUMNS, HERO_COLUMNS, ROW
from backend.text import clip

NO_PLAYERS = "no players (OpenDota has no draft for it)"
NOT_FIVE_A_SIDE = "not 5 + 5 players"
HERO_ZERO = "hero_id 0 (not picked) in a roster"


@dataclass
class Records:
    """Parsed JSON records and which of the known shapes they are."""

    shape: str  # "opendota_match" | "trackdota" | "pro_matches" | "table"
    rows: list[dict[str, Any]]


@dataclass
class Converted:
    """A raw frame under our column names, and the matches left out by reason."""

    raw: pl.DataFrame
    skipped: dict[str, int] = field(default_factory=dict)


def looks_like_json(data: bytes) -> bool:
    """The first non-blank byte opens a JSON object or array."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def _lines(text: str) -> list[Any]:
    records: list[Any] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except RecursionError:
            raise MatchDataError(f"line {number} is nested too deeply", row=number) from None
        except ValueError as exc:
            raise MatchDataError(
                f"line {number} is not valid JSON ({clip(str(exc), 80)}); a JSON Lines file "
                "needs one complete object per line",
                row=number,
            ) from None
    return records


def _decode(data: bytes) -> list[Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MatchDataError("the JSON file is not UTF-8 text") from None
    try:
        parsed = json.loads(text)
    except RecursionError:
        raise MatchDataError("the JSON file is nested too deeply to be match records") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects: JSON Lines
            return _lines(text)
        raise MatchDataError(
            f"the file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno} "
            "(is it cut short?)",
            row=exc.lineno,
        ) from None
    if isinstance(parsed, dict) and isinstance(parsed.get("rows"), list):
        return list(parsed["rows"])  # an OpenDota explorer (SQL) response
    if isinstance(parsed, dict):
        return [parsed]
    if isinstance(parsed, list):
        return parsed
    raise MatchDataError("the JSON file holds neither match objects nor a list of them")


def shape_of(record: dict[str, Any]) -> str:
    """Which known shape one record has."""
    if isinstance(record.get("players"), list) or ("players" in record and "radiant_win" in record):
        return "opendota_match"
    if isinstance(record.get("prematchData"), dict):
        return "trackdota"
    keys = set(record)
    if (
        "players" not in keys
        and keys & {"radiant_team_id", "leagueid", "league_name"}
        and not (keys & {"radiant_team", "hero_0", "radiant_hero_1", "radiant_heroes"})
    ):
        return "pro_matches"
    return "table"


def read_records(data: bytes) -> Records:
    """Parse a JSON / JSON Lines upload and tell its shape from the first record."""
    records = _decode(data)
    if not records:
        raise MatchDataError("the JSON file has no matches")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise MatchDataError(f"record {number} is not a JSON object", row=number)
    shape = shape_of(records[0])
    for number, record in enumerate(records, start=1):
        if shape_of(record) != shape and shape != "table":
            raise MatchDataError(
                f"record {number} is not the same kind of match object as record 1 ({shape})",
                row=number,
            )
    return Records(shape=shape, rows=records)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _frame(rows: list[dict[str, str | None]], numbers: list[int]) -> pl.DataFrame:
    columns = ["match_id", "start_time", "radiant_win", *HERO_COLUMNS, *ACCOUNT_COLUMNS]
    data: dict[str, Any] = {ROW: pl.Series(ROW, numbers, pl.Int64)}
    for column in columns:
        data[column] = pl.Series(column, [r.get(column) for r in rows], pl.String)
    return pl.DataFrame(data)


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a JSON list (anything else: none)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _sides(
    radiant: list[dict[str, Any]], dire: list[dict[str, Any]], skipped: dict[str, int]
) -> dict[str, str | None] | None:
    if len(radiant) != 5 or len(dire) != 5:
        skipped[NOT_FIVE_A_SIDE] = skipped.get(NOT_FIVE_A_SIDE, 0) + 1
        return None
    players = radiant + dire
    if any(p.get("hero_id") in (0, "0") for p in players):
        skipped[HERO_ZERO] = skipped.get(HERO_ZERO, 0) + 1
        return None
    out = {h: _text(p.get("hero_id")) for h, p in zip(HERO_COLUMNS, players, strict=True)}
    out.update(
        {a: _text(p.get("account_id")) for a, p in zip(ACCOUNT_COLUMNS, players, strict=True)}
    )
    return out


def _slot(player: dict[str, Any]) -> int:
    slot = player.get("player_slot")
    return slot if isinstance(slot, int) else 0


def _is_radiant(player: dict[str, Any]) -> bool:
    if isinstance(player.get("isRadiant"), bool):
        return bool(player["isRadiant"])
    slot = player.get("player_slot")
    return isinstance(slot, int) and slot < 128


def opendota_matches(records: Records) -> Converted:
    """OpenDota /matches/{id}: players sorted by player_slot; slots 0-4 radiant, 128-132 dire."""
    rows: list[dict[str, str | None]] = []
    numbers: list[int] = []
    skipped: dict[str, int] = {}
    for number, record in enumerate(records.rows, start=1):
        players = _dicts(record.get("players"))
        if not players:
            skipped[NO_PLAYERS] = skipped.get(NO_PLAYERS, 0) + 1
            continue
        players.sort(key=_slot)
        radiant = [p for p in players if _is_radiant(p)]
        dire = [p for p in players if not _is_radiant(p)]
        found = _sides(radiant, dire, skipped)
        if found is None:
            continue
        found.update(
            match_id=_text(record.get("match_id")),
            start_time=_text(record.get("start_time")),
            radiant_win=_text(record.get("radiant_win")),
        )
        rows.append(found)
        numbers.append(number)
    return Converted(_frame(rows, numbers), skipped)


def trackdota_rosters(records: Records) -> Converted:
    """trackdota-style records: prematchData.rosters.{radiant,dire}, aftermatchData.winner."""
    rows: list[dict[str, str | None]] = []
    numbers: list[int] = []
    skipped: dict[str, int] = {}
    for number, record in enumerate(records.rows, start=1):
        rosters = _object(record["prematchData"].get("rosters"))
        found = _sides(_dicts(rosters.get("radiant")), _dicts(rosters.get("dire")), skipped)
        if found is None:
            continue
        winner = _object(record.get("aftermatchData")).get("winner")
        found.update(
            match_id=_text(record.get("match_id")),
            start_time=_text(record.get("start_time")),
            radiant_win={"radiant": "true", "dire": "false"}.get(
                str(winner).lower(), _text(winner)
            ),
        )
        rows.append(found)
        numbers.append(number)
    return Converted(_frame(rows, numbers), skipped)


def table(records: Records) -> pl.DataFrame:
    """Flat records (explorer rows, /publicMatches) as an all-string raw frame, like a CSV."""
    names: list[str] = []
    for record in records.rows:
        for key in record:
            if key.strip().lower() not in names:
                names.append(key.strip().lower())
    columns: dict[str, list[str | None]] = {n: [] for n in names}
    for record in records.rows:
        lowered = {k.strip().lower(): v for k, v in record.items()}
        for name in names:
            value = lowered.get(name)
            if isinstance(value, list):  # e.g. radiant_team: [1, 2, 3, 4, 5]
                value = ",".join(str(v) for v in value)
            columns[name].append(_text(value))
    frame = pl.DataFrame({n: pl.Series(n, v, pl.String) for n, v in columns.items()})
    return frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
