"""Every upstream shape reads without conversion, into the same canonical frame as the others."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from types import ModuleType
from typing import Any

import polars as pl
import pytest

from backend.matches import CANONICAL_SCHEMA, HERO_COLUMNS, MatchDataError, read_matches
from backend.matches.csv_reader import detect_format, read_import
from backend.matches.json_formats import HERO_ZERO, NO_PLAYERS, NOT_FIVE_A_SIDE
from backend.matches.mapping import Mapping, MappingError
from backend.matches.writer import canonical_csv
from tests.support import shared_data as sd

REPO_ROOT = sd.REPO_ROOT


def build_script() -> ModuleType:
    """scripts/build_default_dataset.py as a module (its conversions are the reference)."""
    spec = importlib.util.spec_from_file_location(
        "build_default_dataset", REPO_ROOT / "scripts" / "build_default_dataset.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# file -> (format detected, matches, radiant wins): matches as the shared README states, wins
# counted in the raw text (grep of the label column).
EXPECTED = {
    sd.ROSTERS: ("trackdota_json", 7291, 3861),
    sd.PLAYERS: ("per_player_row_order", 4416, 2390),
    sd.LEAGUE: ("table", 21176, 10854),
    sd.HIGHMMR: ("table", 35835, 19302),
    sd.PUBLIC_2024: ("table", 37358, 21790),
    sd.UCI_TRAIN: ("uci_compact", 92650, 48782),
    sd.UCI_TEST: ("uci_compact", 10294, 5502),
    sd.UCI_ORIGINAL: ("uci_original", 10294, 5502),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", list(EXPECTED), ids=lambda n: n.split("/")[0] + "/" + n.split("/")[1][:12]
)
def test_each_upstream_file_reads_in_its_own_format(name: str) -> None:
    data = sd.upstream_bytes(name)
    result = read_import(data, require_label=True)
    fmt, matches, wins = EXPECTED[name]
    assert result.format == fmt == detect_format(data)
    assert dict(result.frame.schema) == CANONICAL_SCHEMA
    assert result.frame.height == matches
    assert int(result.frame["radiant_win"].sum()) == wins
    # Named explicitly, the same format reads the same frame.
    assert read_matches(data, require_label=True, format=fmt).equals(result.frame)
    # The canonical CSV it becomes reads back to the same frame (what a mapped upload stores).
    assert read_matches(canonical_csv(result.frame), require_label=True).equals(result.frame)


@pytest.mark.slow
def test_rosters_and_players_give_the_build_scripts_matches() -> None:
    script = build_script()
    heroes = {
        h["id"] for h in json.loads((REPO_ROOT / "backend/resources/heroes.json").read_text())
    }
    for name, convert in ((sd.ROSTERS, script.from_rosters), (sd.PLAYERS, script.from_players)):
        data = sd.upstream_bytes(name)
        expected = convert(gzip.compress(data), heroes, script.SourceStats())
        reference = pl.DataFrame(expected, schema=CANONICAL_SCHEMA, orient="row")
        ours = read_matches(data, require_label=True)
        assert ours.equals(reference.select(ours.columns)), name


def test_rosters_left_out_matches_are_counted_by_reason() -> None:
    result = read_import(sd.upstream_bytes(sd.ROSTERS), require_label=True)
    assert result.skipped == {NOT_FIVE_A_SIDE: 3, HERO_ZERO: 55}  # 7,349 read, 7,291 kept


def row_of(frame: pl.DataFrame, index: int = 0) -> tuple[Any, ...]:
    first = frame.row(index, named=True)
    return (
        first["match_id"],
        first["start_time"],
        first["radiant_win"],
        [first[c] for c in HERO_COLUMNS[:5]],
        [first[c] for c in HERO_COLUMNS[5:]],
    )


# First data row of each file, read off the raw upstream text by hand.
FIRST_ROWS = {
    sd.ROSTERS: (3888578614, None, True, [62, 90, 72, 28, 77], [47, 112, 101, 16, 93]),
    sd.PLAYERS: (5745322050, 1608174691, True, [4, 61, 52, 102, 110], [126, 79, 38, 1, 9]),
    sd.LEAGUE: (5483336094, None, False, [121, 7, 23, 77, 10], [53, 95, 126, 38, 110]),
    sd.HIGHMMR: (4154000815, None, False, [83, 64, 93, 99, 22], [110, 32, 41, 92, 11]),
    sd.PUBLIC_2024: (7910105514, None, True, [25, 14, 1, 2, 71], [105, 131, 58, 99, 17]),
    sd.UCI_TEST: (1, None, False, [9, 26, 40, 55, 72], [2, 44, 59, 67, 104]),
    sd.UCI_ORIGINAL: (1, None, False, [9, 26, 40, 55, 72], [2, 44, 59, 67, 104]),
}


@pytest.mark.parametrize("name", list(FIRST_ROWS), ids=lambda n: n.split("/")[0])
def test_first_real_row_of_each_file(name: str) -> None:
    # A real slice: the header (if any) and the first rows, read in the file's own format.
    lines = 11 if name == sd.PLAYERS else 3
    frame = read_matches(sd.head_lines(sd.upstream_bytes(name), lines), require_label=True)
    assert row_of(frame) == FIRST_ROWS[name]


def test_pro_rosters_accounts_come_through() -> None:
    frame = read_matches(sd.head_lines(sd.upstream_bytes(sd.ROSTERS), 1), require_label=True)
    assert frame.row(0, named=True)["radiant_account_id_1"] == 87278757


def test_uci_compact_and_original_are_the_same_matches() -> None:
    compact = read_matches(sd.upstream_bytes(sd.UCI_TEST), require_label=True)
    original = read_matches(sd.upstream_bytes(sd.UCI_ORIGINAL), require_label=True)
    assert compact.equals(original)


def test_kaggle_results_without_heroes_say_so() -> None:
    with pytest.raises(MatchDataError, match="no hero picks") as caught:
        read_matches(sd.upstream_bytes(sd.KAGGLE), require_label=True)
    assert "radiant_win" in str(caught.value)  # the columns found are listed


# --- one set of real matches in every format: the same canonical frame ---------------------


@pytest.fixture(scope="module")
def few(real_matches: pl.DataFrame) -> pl.DataFrame:
    """Six real bundled matches with times and accounts (the 2020-21 part)."""
    return real_matches.filter(pl.col("start_time").is_not_null()).head(6)


def _players(frame: pl.DataFrame) -> list[dict[str, Any]]:
    out = []
    for m in frame.iter_rows(named=True):
        for side, base in (("radiant", 0), ("dire", 128)):
            for i in range(1, 6):
                out.append(
                    {
                        "match_id": m["match_id"],
                        "start_time": m["start_time"],
                        "hero_id": m[f"{side}_hero_{i}"],
                        "account_id": m[f"{side}_account_id_{i}"],
                        "player_slot": base + i - 1,
                        "win": m["radiant_win"] == (side == "radiant"),
                        "radiant_win": m["radiant_win"],
                    }
                )
    return out


def _opendota(frame: pl.DataFrame) -> list[dict[str, Any]]:
    players = _players(frame)
    return [
        {
            "match_id": m["match_id"],
            "start_time": m["start_time"],
            "radiant_win": m["radiant_win"],
            "leagueid": 12027,
            # OpenDota lists players by slot; shuffled here, the reader sorts them.
            "players": [
                {k: p[k] for k in ("hero_id", "account_id", "player_slot")}
                for p in players[10 * n : 10 * n + 10][::-1]
            ],
        }
        for n, m in enumerate(frame.iter_rows(named=True))
    ]


def _table_csv(frame: pl.DataFrame, header: list[str], cells: Any) -> bytes:
    lines = [",".join(header)] + [
        ",".join(str(c) for c in cells(m)) for m in frame.iter_rows(named=True)
    ]
    return ("\n".join(lines) + "\n").encode()


def _heroes(m: dict[str, Any], side: str) -> list[int]:
    return [m[f"{side}_hero_{i}"] for i in range(1, 6)]


def every_format(few: pl.DataFrame) -> dict[str, bytes]:
    players = pl.DataFrame(_players(few))
    opendota = _opendota(few)
    trackdota = [
        {
            "match_id": m["match_id"],
            "prematchData": {
                "rosters": {
                    side: [
                        {
                            "hero_id": m[f"{side}_hero_{i}"],
                            "account_id": m[f"{side}_account_id_{i}"],
                            "team": t,
                        }
                        for i in range(1, 6)
                    ]
                    for t, side in enumerate(("radiant", "dire"))
                }
            },
            "aftermatchData": {"winner": "radiant" if m["radiant_win"] else "dire"},
        }
        for m in few.iter_rows(named=True)
    ]
    return {
        "canonical": canonical_csv(few),
        "per_player": players.drop("win").write_csv().encode(),
        "per_player_row_order": players.drop("player_slot", "radiant_win").write_csv().encode(),
        "opendota_json": json.dumps(opendota).encode(),
        "opendota_jsonl": "\n".join(json.dumps(o) for o in opendota).encode(),
        "trackdota_json": "\n".join(json.dumps(t) for t in trackdota).encode(),
        "team_strings": _table_csv(
            few,
            ["match_id", "victor_team", "radiant_team", "dire_team"],
            lambda m: [
                m["match_id"],
                "Radiant" if m["radiant_win"] else "Dire",
                "-".join(map(str, _heroes(m, "radiant"))),
                "-".join(map(str, _heroes(m, "dire"))),
            ],
        ),
        "hero_slots": _table_csv(
            few,
            ["match_id", *[f"hero_{i}" for i in range(10)], "radiant_win"],
            lambda m: [
                m["match_id"],
                *_heroes(m, "radiant"),
                *_heroes(m, "dire"),
                m["radiant_win"],
            ],
        ),
        "teammates": _table_csv(
            few,
            [
                "ID",
                "radiant_win",
                *[f"{s}_teammate_{i}" for s in ("radiant", "dire") for i in range(5)],
            ],
            lambda m: [
                m["match_id"],
                m["radiant_win"],
                *_heroes(m, "radiant"),
                *_heroes(m, "dire"),
            ],
        ),
        "json_table": json.dumps(
            {
                "rows": [
                    {
                        "match_id": m["match_id"],
                        "start_time": m["start_time"],
                        "radiant_win": m["radiant_win"],
                        "radiant_team": _heroes(m, "radiant"),
                        "dire_team": _heroes(m, "dire"),
                    }
                    for m in few.iter_rows(named=True)
                ]
            }
        ).encode(),
        "uci_compact": "\n".join(
            ",".join(
                map(
                    str,
                    [
                        1 if m["radiant_win"] else -1,
                        223,
                        2,
                        2,
                        *_heroes(m, "radiant"),
                        *[-h for h in _heroes(m, "dire")],
                    ],
                )
            )
            for m in few.iter_rows(named=True)
        ).encode(),
    }


# What each format carries: the canonical columns compared for it.
CARRIES = {
    "canonical": "all",
    "per_player": "all",
    "per_player_row_order": "all",
    "opendota_json": "all",
    "opendota_jsonl": "all",
    "trackdota_json": "accounts",
    "team_strings": "heroes",
    "hero_slots": "heroes",
    "teammates": "heroes",
    "json_table": "times",
    "uci_compact": "uci",
}


@pytest.mark.parametrize("fmt", list(CARRIES))
def test_the_canonical_frame_is_the_same_whichever_format_went_in(
    few: pl.DataFrame, fmt: str
) -> None:
    frame = read_matches(every_format(few)[fmt], require_label=True)
    assert dict(frame.schema) == CANONICAL_SCHEMA
    carried = CARRIES[fmt]
    columns = ["radiant_win", *HERO_COLUMNS]
    if carried != "uci":
        columns.append("match_id")
    if carried in ("all", "times"):
        columns.append("start_time")
    if carried in ("all", "accounts"):
        columns += [c for c in few.columns if "account" in c]
    assert frame.select(columns).equals(few.select(columns))
    # Whatever a format does not carry is empty, never invented.
    for column in set(few.columns) - set(columns) - {"match_id"}:
        assert frame[column].null_count() == frame.height, column


# --- JSON edge cases (also what the OpenDota sync sends through the reader) ------------------


def test_player_less_and_short_matches_are_left_out_and_counted(few: pl.DataFrame) -> None:
    records = _opendota(few)
    records[1]["players"] = []
    records[2]["players"] = records[2]["players"][:9]
    records[3]["players"][0]["hero_id"] = 0
    result = read_import(json.dumps(records).encode(), require_label=True)
    assert result.frame["match_id"].to_list() == few["match_id"].gather([0, 4, 5]).to_list()
    assert result.skipped == {NO_PLAYERS: 1, NOT_FIVE_A_SIDE: 1, HERO_ZERO: 1}


def test_no_usable_match_is_a_clear_error(few: pl.DataFrame) -> None:
    records = [dict(r, players=[]) for r in _opendota(few)]
    with pytest.raises(MatchDataError, match="no match in the file has a full draft"):
        read_matches(json.dumps(records).encode(), require_label=True)


def test_truncated_json_names_where(few: pl.DataFrame) -> None:
    text = json.dumps(_opendota(few))
    with pytest.raises(MatchDataError, match=r"not valid JSON.*cut short"):
        read_matches(text[: len(text) // 2].encode(), require_label=True)
    lines = "\n".join(json.dumps(o) for o in _opendota(few)).splitlines()
    lines[3] = lines[3][:50]
    with pytest.raises(MatchDataError, match="line 4 is not valid JSON") as caught:
        read_matches("\n".join(lines).encode(), require_label=True)
    assert caught.value.row == 4


def test_duplicate_match_in_json_is_refused(few: pl.DataFrame) -> None:
    records = _opendota(few)
    with pytest.raises(MatchDataError, match="appears twice") as caught:
        read_matches(json.dumps([*records, records[0]]).encode(), require_label=True)
    assert caught.value.column == "match_id"


def test_pro_matches_have_no_heroes_and_say_what_to_do() -> None:
    pro = [
        {
            "match_id": 5745322050,
            "duration": 2194,
            "start_time": 1608174691,
            "radiant_team_id": 8255888,
            "radiant_name": "A",
            "dire_team_id": 8261500,
            "dire_name": "B",
            "leagueid": 12027,
            "league_name": "WCAA",
            "series_id": 1,
            "series_type": 0,
            "radiant_score": 30,
            "dire_score": 12,
            "radiant_win": True,
        }
    ]
    data = json.dumps(pro).encode()
    assert detect_format(data) == "opendota_pro_matches"
    for label in (True, False):  # training, predicting and results alike need the draft
        with pytest.raises(MatchDataError, match=r"no hero picks.*/matches/"):
            read_matches(data, require_label=label)


# --- mappings: named by the client, checked against the file, errors in its own terms --------


def test_a_guessed_mapping_sent_back_reads_the_same(few: pl.DataFrame) -> None:
    data = every_format(few)["team_strings"]
    guessed = read_import(data, require_label=True)
    assert guessed.mapping == Mapping(
        columns={
            "match_id": "match_id",
            "radiant_win": "victor_team",
            "radiant_heroes": "radiant_team",
            "dire_heroes": "dire_team",
        },
        labels={"radiant": "radiant", "dire": "dire"},
    )
    again = read_matches(data, require_label=True, mapping=guessed.mapping)
    assert again.equals(guessed.frame)


def test_swapped_sides_in_a_mapping_swap_the_frame(few: pl.DataFrame) -> None:
    data = every_format(few)["team_strings"]
    swapped = Mapping(
        columns={
            "match_id": "match_id",
            "radiant_win": "victor_team",
            "radiant_heroes": "dire_team",
            "dire_heroes": "radiant_team",
        },
        labels={"radiant": "dire", "dire": "radiant"},
    )
    frame = read_matches(data, require_label=True, mapping=swapped)
    assert frame["radiant_hero_1"].to_list() == few["dire_hero_1"].to_list()
    assert frame["radiant_win"].to_list() == (~few["radiant_win"]).to_list()


@pytest.mark.parametrize(
    ("mapping", "column", "needle"),
    [
        ({"match_id": "matchid"}, "matchid", "no such column"),
        (
            {
                "radiant_win": "victor_team",
                "radiant_heroes": "radiant_team",
                "dire_heroes": "dire_team",
            },
            "match_id",
            "not mapped",
        ),
        (
            {"match_id": "match_id", "radiant_heroes": "radiant_team", "dire_heroes": "dire_team"},
            "radiant_win",
            "not mapped",
        ),
        (
            {
                "match_id": "match_id",
                "radiant_win": "victor_team",
                "radiant_heroes": "radiant_team",
            },
            "dire_hero_1",
            "not mapped",
        ),
        (
            {
                "match_id": "match_id",
                "radiant_win": "victor_team",
                "radiant_heroes": "radiant_team",
                "dire_heroes": "radiant_team",
            },
            "radiant_team",
            "two hero slots",
        ),
    ],
)
def test_a_wrong_mapping_is_a_clear_error_naming_the_column(
    few: pl.DataFrame, mapping: dict[str, str], column: str, needle: str
) -> None:
    data = every_format(few)["team_strings"]
    with pytest.raises(MappingError, match=needle) as caught:
        read_matches(
            data,
            require_label=True,
            mapping=Mapping(columns=mapping, labels={"radiant": "radiant", "dire": "dire"}),
        )
    assert caught.value.column == column


def test_a_label_value_outside_the_mapping_names_its_row(few: pl.DataFrame) -> None:
    data = every_format(few)["team_strings"].replace(b",Dire,", b",Draw,", 1)
    with pytest.raises(MatchDataError, match="column victor_team: 'Draw' is not one of") as caught:
        read_matches(data, require_label=True)
    assert caught.value.column == "victor_team" and caught.value.row is not None


def test_value_errors_name_the_files_own_column(few: pl.DataFrame) -> None:
    teammates = every_format(few)["teammates"].decode().splitlines()
    cells = teammates[3].split(",")
    cells[4] = "Pudgeee"  # radiant_teammate_2
    teammates[3] = ",".join(cells)
    with pytest.raises(MatchDataError) as caught:
        read_matches("\n".join(teammates).encode(), require_label=True)
    assert str(caught.value).startswith("row 3, column radiant_teammate_2: unknown hero name")
    assert caught.value.column == "radiant_teammate_2"
    strings = every_format(few)["team_strings"].replace(b"-", b"-9999-", 1)
    with pytest.raises(MatchDataError, match="is not five heroes") as caught:
        read_matches(strings, require_label=True)
    assert (caught.value.column, caught.value.row) == ("radiant_team", 1)


def test_a_named_format_that_does_not_fit_is_refused(few: pl.DataFrame) -> None:
    files = every_format(few)
    with pytest.raises(MatchDataError, match="format opendota_json was named"):
        read_matches(files["trackdota_json"], require_label=True, format="opendota_json")
    with pytest.raises(MatchDataError, match="not one of: auto"):
        read_matches(files["canonical"], require_label=True, format="xlsx")
    with pytest.raises(MatchDataError, match="needs 14 numbers"):
        read_matches(files["canonical"], require_label=True, format="uci_compact")


def test_row_order_sides_must_be_confirmed_by_win(few: pl.DataFrame) -> None:
    rows = every_format(few)["per_player_row_order"].decode().splitlines()
    # Swap one dire player's row into the radiant block: its win no longer agrees.
    rows[3], rows[8] = rows[8], rows[3]
    for label in (True, False):
        with pytest.raises(MatchDataError, match="disagree on win"):
            read_matches("\n".join(rows).encode(), require_label=label)


def test_uci_rows_that_are_not_five_a_side_name_the_row(few: pl.DataFrame) -> None:
    lines = every_format(few)["uci_compact"].decode().splitlines()
    lines[2] = lines[2].replace(",-", ",", 1)
    with pytest.raises(MatchDataError, match="row 3: a compact UCI row") as caught:
        read_matches("\n".join(lines).encode(), require_label=True)
    assert caught.value.row == 3


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,
        b'{"a":' * 50_000,
        b'[{"players": 5, "radiant_win": true, "match_id": 1}]',
        b'[{"match_id": 1, "prematchData": {"rosters": {"radiant": 7, "dire": "x"}}}]',
        b'[{"match_id": 1, "prematchData": {"rosters": []}, "aftermatchData": [1]}]',
        b'{"rows": 5}',
        b"[1, 2, 3]",
        b'[{"players": [{"hero_id": {"x": 1}, "player_slot": "a"}], "radiant_win": 1}]',
    ],
    ids=[
        "deep array",
        "deep object",
        "players not a list",
        "rosters not lists",
        "aftermatch not an object",
        "rows not a list",
        "numbers",
        "odd players",
    ],
)
def test_hostile_json_is_a_clear_error_never_a_crash(data: bytes) -> None:
    from backend.matches.preview import preview

    for label in (True, False):
        with pytest.raises(MatchDataError):
            read_matches(data, require_label=label)
    assert preview(data).problems  # the preview reports it too
