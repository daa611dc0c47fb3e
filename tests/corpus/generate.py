"""Writes the CSV corpus (bad/ and good/) and manifest.json from the bundled real matches.

Deterministic: the same slice of the bundled data and the same edits every time, so the
committed files equal a fresh run (`uv run python tests/corpus/generate.py`; a test checks).
Every bad file is the same 60 real matches (enough to train on) with one defect, so it
would be accepted without that defect; the manifest says which column and row an error must
name, and for which routes the file is bad (a missing label is fine for prediction).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from backend.matches import (  # noqa: E402  (after the path set-up above)
    ACCOUNT_COLUMNS,
    HERO_COLUMNS,
    hero_registry,
    load_default_matches,
)

MATCHES = 60
STEAM64_BASE = 76561197960265728
BOTH = ["fit", "predict_csv"]
FIT = ["fit"]
COLUMNS = ["match_id", "start_time", "radiant_win", *HERO_COLUMNS, *ACCOUNT_COLUMNS]

Row = dict[str, str]


def base_rows() -> list[Row]:
    """The latest 60 bundled matches (they all have a start time), as strings."""
    frame = load_default_matches().tail(MATCHES)
    rows = []
    for match in frame.iter_rows(named=True):
        row = {c: "" if match[c] is None else str(match[c]) for c in COLUMNS}
        row["radiant_win"] = "true" if match["radiant_win"] else "false"
        rows.append(row)
    return rows


def to_csv(
    rows: list[Row],
    columns: list[str] | None = None,
    *,
    sep: str = ",",
    eol: str = "\n",
    quote_all: bool = False,
    header: list[str] | None = None,
) -> bytes:
    """Rows as CSV text (UTF-8)."""
    columns = columns or COLUMNS
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=sep,
        lineterminator=eol,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(header or columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode()


def per_player(
    rows: list[Row], *, label: str = "radiant_win", side: str = "is_radiant"
) -> list[Row]:
    """One row per player (10 per match), the Kaggle/OpenDota shape."""
    out = []
    for row in rows:
        for index, (hero, account) in enumerate(zip(HERO_COLUMNS, ACCOUNT_COLUMNS, strict=True)):
            radiant = index < 5
            player: Row = {
                "match_id": row["match_id"],
                "start_time": row["start_time"],
                "account_id": row[account],
                "hero_id": row[hero],
            }
            if side == "is_radiant":
                player["is_radiant"] = "true" if radiant else "false"
            else:
                player["player_slot"] = str(index if radiant else 128 + index - 5)
            won = row["radiant_win"] == "true"
            if label == "radiant_win":
                player["radiant_win"] = row["radiant_win"]
            else:
                player["win"] = "1" if won == radiant else "0"
            out.append(player)
    return out


PP_COLUMNS = ["match_id", "start_time", "account_id", "hero_id", "is_radiant", "radiant_win"]


def edited(change: Callable[[list[Row]], object], rows: list[Row] | None = None) -> list[Row]:
    """A copy of the base rows with one change applied."""
    copy = [dict(r) for r in (rows if rows is not None else base_rows())]
    change(copy)
    return copy


def set_cell(row: int, column: str, value: str) -> Callable[[list[Row]], None]:
    """Set one cell (row is the 1-based data row)."""

    def change(rows: list[Row]) -> None:
        rows[row - 1][column] = value

    return change


def bad_files() -> dict[str, dict[str, Any]]:
    """name → {"content", "routes", and the "column"/"row"/"needle" the error must name}."""
    base = base_rows()
    canonical = to_csv(base)
    players = per_player(base)
    pp = to_csv(players, PP_COLUMNS)
    lines = canonical.decode().splitlines(keepends=True)
    files: dict[str, dict[str, Any]] = {}

    def bad(name: str, content: bytes, routes: list[str] = BOTH, **expect: Any) -> None:
        files[name] = {"content": content, "routes": routes, **expect}

    def cell(name: str, row: int, column: str, value: str, **extra: Any) -> None:
        content = to_csv(edited(set_cell(row, column, value)))
        bad(name, content, extra.pop("routes", BOTH), column=column, row=row, **extra)

    # Not CSV text at all
    bad("empty", b"", needle="empty")
    bad("whitespace_only", b"  \n\n\t\n", needle="empty")
    bad("utf16_le_bom", b"\xff\xfe" + canonical.decode().encode("utf-16-le"), needle="UTF-16")
    bad("utf16_be_bom", b"\xfe\xff" + canonical.decode().encode("utf-16-be"), needle="UTF-16")
    bad("gzip", gzip.compress(canonical, mtime=0), needle="gzip")
    bad("zip_spreadsheet", b"PK\x03\x04" + bytes(200), needle="spreadsheet")
    bad("binary_garbage", bytes((i * 37 + 11) % 256 for i in range(3000)), needle="UTF-8")
    latin1 = to_csv(edited(set_cell(7, "radiant_hero_1", "Pudg\xe9"))).decode()
    bad("latin1_name", latin1.encode("latin-1"), row=7, needle="UTF-8")
    bad("nul_bytes", canonical.replace(b"\n", b"\n\x00", 3), needle="")
    bad("html_page", b"<!DOCTYPE html><html><body>Not Found</body></html>\n", column="match_id")
    # JSON match records are read (backend/matches/json_formats.py); a cut-short one is not.
    bad("json", json.dumps(base[:3]).encode()[:-40], needle="not valid JSON")
    bad("header_only", lines[0].encode(), needle="no matches")
    bad("cr_only", canonical.replace(b"\n", b"\r"), needle="carriage return")
    unclosed = lines[0] + "".join(lines[1:4]) + '"' + "".join(lines[4:])
    bad("unclosed_quote", unclosed.encode(), needle="")
    extra_field = "".join(lines[:5]) + lines[5].rstrip("\n") + ",surplus\n" + "".join(lines[6:])
    bad("row_too_many_fields", extra_field.encode(), row=5)
    bad("sep_hint_line", b"sep=,\n" + canonical, row=1)
    bad("pipe_separated", canonical.replace(b",", b"|"), column="match_id")
    mixed = lines[0].replace(",", ";") + "".join(lines[1:])
    bad("semicolon_header_comma_rows", mixed.encode(), needle="")
    bad("header_only_separators", b",,,,,,,\n1,2,3,4,5,6,7,8\n", column="match_id")

    # Header problems
    def without(column: str) -> bytes:
        return to_csv(base, [c for c in COLUMNS if c != column])

    bad("missing_match_id", without("match_id"), column="match_id")
    bad("missing_radiant_win", without("radiant_win"), FIT, column="radiant_win")
    bad("missing_dire_hero_5", without("dire_hero_5"), column="dire_hero_5")
    renamed = [c.replace("radiant_hero_", "radiant_hero") for c in COLUMNS]
    bad("renamed_hero_columns", to_csv(base, header=renamed), column="radiant_hero_1")
    duplicate = [*COLUMNS, "radiant_hero_1"]
    dup_rows = [{**r} for r in base]
    bad("duplicate_column", to_csv(dup_rows, duplicate), column="radiant_hero_1")
    cased = ["Match_ID" if c == "radiant_account_id_1" else c for c in COLUMNS]
    bad("duplicate_column_case", to_csv(base, header=cased), column="match_id")
    bad(
        "per_player_missing_side",
        to_csv(players, ["match_id", "hero_id", "radiant_win"]),
        column="is_radiant",
    )
    bad(
        "per_player_missing_match_id",
        to_csv(players, ["hero_id", "is_radiant", "radiant_win"]),
        column="match_id",
    )
    bad(
        "per_player_missing_label",
        to_csv(players, ["match_id", "hero_id", "is_radiant"]),
        FIT,
        column="radiant_win",
    )

    # Bad values, canonical
    cell("match_id_empty", 3, "match_id", "")
    cell("match_id_text", 4, "match_id", "abc")
    cell("match_id_negative", 5, "match_id", "-7", needle="negative")
    cell("match_id_fraction", 6, "match_id", "12.5")
    cell("match_id_overflow", 7, "match_id", "9" * 30)
    cell("match_id_huge_field", 8, "match_id", "7" * 200_000)
    cell("match_id_thousands_separator", 9, "match_id", "1,234")
    cell("match_id_duplicate", 12, "match_id", base[1]["match_id"], row_any=True)
    cell("radiant_win_maybe", 10, "radiant_win", "maybe", routes=FIT)
    cell("radiant_win_empty", 11, "radiant_win", "", routes=FIT)
    cell("radiant_win_two", 12, "radiant_win", "2", routes=FIT)
    cell("radiant_win_yes", 13, "radiant_win", "yes", routes=FIT)
    cell("hero_zero", 14, "radiant_hero_2", "0")
    cell("hero_unknown_id", 15, "dire_hero_4", "999")
    cell("hero_negative", 16, "radiant_hero_3", "-1")
    cell("hero_unknown_name", 17, "dire_hero_1", "Nobody")
    cell("hero_empty", 18, "dire_hero_5", "")
    cell("hero_fraction", 19, "radiant_hero_5", "1.5")
    cell("hero_many_digits", 20, "radiant_hero_1", "9" * 400)
    cell("hero_excel_error", 21, "dire_hero_2", "#N/A")
    cell("hero_huge_field", 22, "dire_hero_3", "Axe" * 70_000)
    cell("hero_multiline_quoted", 23, "radiant_hero_4", "Axe\nLion")
    repeat = base[24]["radiant_hero_1"]
    cell("hero_repeated_in_match", 25, "dire_hero_3", repeat)
    cell("account_text", 26, "radiant_account_id_2", "abc")
    cell("account_too_big", 27, "dire_account_id_1", "5000000000")
    cell("account_fraction", 28, "dire_account_id_5", "1.5")
    cell("start_time_text", 29, "start_time", "yesterday")
    cell("start_time_negative", 30, "start_time", "-5")
    cell("start_time_milliseconds", 31, "start_time", "1617200386000000")
    short = "".join(lines[:6]) + ",".join(lines[6].split(",")[:8]) + "\n" + "".join(lines[7:])
    bad("row_too_few_fields", short.encode(), row=6)
    bad("trailing_total_line", canonical + b"TOTAL,,,,\n", row=MATCHES + 1)
    few = to_csv(base[:10])
    bad("too_few_matches", few, FIT, field="file", needle="at least")
    one_sided = to_csv(edited(lambda rows: [r.update(radiant_win="true") for r in rows]))
    bad("all_radiant_wins", one_sided, FIT, needle="both")

    # Bad values, one row per player (rows: match k is data rows 10k-9 .. 10k)
    def pp_edit(change: Callable[[list[Row]], object], columns: list[str] = PP_COLUMNS) -> bytes:
        return to_csv(edited(change, players), columns)

    nine = [p for i, p in enumerate(players) if i != 34]  # match 4 loses a player
    bad("per_player_nine_players", to_csv(nine, PP_COLUMNS), row_any=True)
    eleven = [*players[:35], dict(players[35], hero_id="1"), *players[35:]]
    bad("per_player_eleven_players", to_csv(eleven, PP_COLUMNS), row_any=True)
    bad("per_player_six_vs_four", pp_edit(set_cell(46, "is_radiant", "true")), row_any=True)
    bad(
        "per_player_label_conflict",
        pp_edit(
            set_cell(53, "radiant_win", "false" if players[52]["radiant_win"] == "true" else "true")
        ),
        FIT,
        column="radiant_win",
        row_any=True,
    )
    bad(
        "per_player_hero_twice",
        pp_edit(set_cell(62, "hero_id", players[60]["hero_id"])),
        column="hero_id",
        row_any=True,
    )
    bad(
        "per_player_is_radiant_maybe",
        pp_edit(set_cell(71, "is_radiant", "maybe")),
        column="is_radiant",
        row=71,
    )
    bad(
        "per_player_hero_unknown",
        pp_edit(set_cell(82, "hero_id", "Mystery")),
        column="hero_id",
        row=82,
    )
    bad(
        "per_player_match_id_empty",
        pp_edit(set_cell(93, "match_id", "")),
        column="match_id",
        row=93,
    )
    bad(
        "per_player_match_id_negative",
        pp_edit(set_cell(104, "match_id", "-1")),
        column="match_id",
        row=104,
    )
    slot_rows = edited(set_cell(115, "player_slot", "200"), per_player(base, side="player_slot"))
    slot_columns = ["match_id", "hero_id", "player_slot", "radiant_win"]
    bad("per_player_bad_slot", to_csv(slot_rows, slot_columns), column="player_slot", row=115)
    bad("per_player_header_only", pp.splitlines(keepends=True)[0], needle="no matches")
    return files


def good_files() -> dict[str, dict[str, Any]]:
    """name → {"content", "matches"}: unusual but valid; every route accepts them."""
    base = base_rows()
    canonical = to_csv(base)
    registry = hero_registry()
    files: dict[str, dict[str, Any]] = {}

    def good(name: str, content: bytes) -> None:
        files[name] = {"content": content, "matches": MATCHES}

    good("utf8_bom", b"\xef\xbb\xbf" + canonical)
    good("semicolons", to_csv(base, sep=";"))
    good("tabs", to_csv(base, sep="\t"))
    good("crlf", to_csv(base, eol="\r\n"))
    good("blank_lines", canonical.replace(b"\n", b"\n\n"))
    good("no_trailing_newline", canonical.rstrip(b"\n"))
    good("all_quoted", to_csv(base, quote_all=True))

    def heroes_as(name: Callable[[int], str]) -> bytes:
        return to_csv(
            edited(
                lambda rows: [r.update({c: name(int(r[c])) for c in HERO_COLUMNS}) for r in rows]
            )
        )

    good("hero_names", heroes_as(registry.name))
    good("hero_names_upper", heroes_as(lambda h: registry.name(h).upper()))
    good(
        "steam_id64",
        to_csv(
            edited(
                lambda rows: [
                    r.update({c: str(int(r[c]) + STEAM64_BASE) for c in ACCOUNT_COLUMNS if r[c]})
                    for r in rows
                ]
            )
        ),
    )
    good(
        "pandas_float_ids",
        to_csv(
            edited(
                lambda rows: [
                    r.update(
                        {
                            c: f"{r[c]}.0"
                            for c in ["match_id", *HERO_COLUMNS, *ACCOUNT_COLUMNS]
                            if r[c]
                        }
                    )
                    for r in rows
                ]
            )
        ),
    )

    def iso(seconds: str) -> str:
        return datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    good(
        "iso_start_time",
        to_csv(edited(lambda rows: [r.update(start_time=iso(r["start_time"])) for r in rows])),
    )
    good("no_accounts", to_csv(base, [c for c in COLUMNS if c not in ACCOUNT_COLUMNS]))
    good("no_start_time", to_csv(base, [c for c in COLUMNS if c != "start_time"]))
    shuffled = list(reversed(COLUMNS))
    good("shuffled_upper_header", to_csv(base, shuffled, header=[c.upper() for c in shuffled]))
    extra = edited(
        lambda rows: [r.update(team="Natus Vincere — Ü", league="DPC, EU") for r in rows]
    )
    good("extra_columns_unicode", to_csv(extra, [*COLUMNS, "team", "league"]))
    padded = edited(lambda rows: [r.update({c: f"  {r[c]} " for c in COLUMNS}) for r in rows])
    good("padded_values", to_csv(padded, header=[f" {c} " for c in COLUMNS]))
    good("trailing_commas", b"\n".join(line + b"," for line in canonical.splitlines()) + b"\n")
    anonymous = edited(
        lambda rows: [
            r.update(radiant_account_id_1="4294967295", dire_account_id_2="0") for r in rows
        ]
    )
    good("anonymous_accounts", to_csv(anonymous))
    good(
        "label_spellings",
        to_csv(
            edited(
                lambda rows: [
                    r.update(radiant_win={"true": "TRUE", "false": "0"}[r["radiant_win"]])
                    for r in rows
                ]
            )
        ),
    )
    good("per_player_is_radiant", to_csv(per_player(base), PP_COLUMNS))
    good(
        "per_player_slot_win",
        to_csv(
            per_player(base, label="win", side="player_slot"),
            ["match_id", "account_id", "hero_id", "player_slot", "win", "start_time"],
        ),
    )
    return files


def main(out: Path = HERE) -> None:
    """Write bad/, good/ and manifest.json into out (default: next to this script)."""
    manifest: dict[str, Any] = {"bad": {}, "good": {}}
    for kind, files in (("bad", bad_files()), ("good", good_files())):
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.csv"):
            old.unlink()
        for name, spec in sorted(files.items()):
            (folder / f"{name}.csv").write_bytes(spec.pop("content"))
            manifest[kind][name] = spec
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    print(f"{len(manifest['bad'])} bad and {len(manifest['good'])} good files in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
