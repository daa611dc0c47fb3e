"""read_matches on one-row-per-match uploads: parsing and every rejection."""

from __future__ import annotations

import time

import polars as pl
import pytest
from matches_testdata import HEADER, canonical, csv_bytes, heroes_for, row

from backend.matches import (
    ACCOUNT_COLUMNS,
    CANONICAL_COLUMNS,
    CANONICAL_SCHEMA,
    HERO_COLUMNS,
    MatchDataError,
    read_matches,
)


def reject(
    data: bytes, *, require_label: bool = True, max_rows: int | None = None
) -> MatchDataError:
    """The MatchDataError read_matches raises for data."""
    with pytest.raises(MatchDataError) as info:
        read_matches(data, require_label=require_label, max_rows=max_rows)
    return info.value


def test_exact_columns_and_dtypes() -> None:
    frame = read_matches(canonical(3), require_label=True)
    assert frame.columns == CANONICAL_COLUMNS
    assert dict(frame.schema) == CANONICAL_SCHEMA
    assert frame["match_id"].to_list() == [100, 101, 102]
    assert frame.row(0)[3:13] == tuple(heroes_for(100))
    assert frame.select(ACCOUNT_COLUMNS).null_count().sum_horizontal().item() == 30
    assert frame["start_time"].null_count() == 3


def test_file_order_is_kept_and_extra_columns_ignored() -> None:
    data = csv_bytes(["note", *HEADER, "team"], [["x", *row(7), "a"], ["y", *row(3), "b"]])
    frame = read_matches(data, require_label=True)
    assert frame["match_id"].to_list() == [7, 3]
    assert frame.columns == CANONICAL_COLUMNS


def test_header_is_case_and_space_insensitive() -> None:
    header = [f" {c.upper()} " for c in HEADER]
    assert read_matches(csv_bytes(header, [row(1)]), require_label=True).height == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("FALSE", False),
        ("True", True),
        ("False", False),
        ("1", True),
        ("0", False),
        (" tRuE ", True),
    ],
)
def test_booleans(text: str, expected: bool) -> None:
    frame = read_matches(csv_bytes(HEADER, [row(1, win=text)]), require_label=True)
    assert frame["radiant_win"].to_list() == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1608174691", 1608174691),
        ("1608174691.0", 1608174691),
        ("2020-12-17T03:11:31Z", 1608174691),
        ("2020-12-17T03:11:31", 1608174691),
        ("2020-12-17 03:11:31", 1608174691),
        ("2020-12-17T05:11:31+02:00", 1608174691),
        ("2020-12-17T03:11:31.250Z", 1608174691),
        ("2020-12-17T03:11", 1608174660),
        ("2020-12-17", 1608163200),
        ("", None),
    ],
)
def test_start_time(text: str, expected: int | None) -> None:
    frame = read_matches(csv_bytes(HEADER, [row(1, start=text)]), require_label=True)
    assert frame["start_time"].to_list() == [expected]


def test_mixed_start_time_formats_in_one_file() -> None:
    rows = [row(1, start="1608174691"), row(2, start="2020-12-17T03:11:31Z"), row(3)]
    frame = read_matches(csv_bytes(HEADER, rows), require_label=True)
    assert frame["start_time"].to_list() == [1608174691, 1608174691, None]


def test_hero_names_in_cells() -> None:
    names = [
        "Anti-Mage",
        " axe ",
        "NPC_DOTA_HERO_BANE",
        "bloodseeker",
        "Crystal Maiden",
        6,
        "7",
        8,
        9,
        10,
    ]
    frame = read_matches(csv_bytes(HEADER, [row(1, heroes=names)]), require_label=True)
    assert frame.row(0)[3:13] == tuple(range(1, 11))


def test_accounts_unknown_values_become_null() -> None:
    header = [*HEADER, *ACCOUNT_COLUMNS[:6]]
    accounts = ["87278757", "", "0", "-5", "4294967295", "76561197960278073"]
    frame = read_matches(csv_bytes(header, [row(1) + accounts]), require_label=True)
    # The SteamID64 form is converted to the 32-bit account id.
    assert frame.row(0)[13:19] == (87278757, None, None, None, None, 12345)
    assert frame.select(ACCOUNT_COLUMNS[6:]).row(0) == (None,) * 4


def test_the_same_player_twice_in_a_match_is_refused() -> None:
    header = [*HEADER, *ACCOUNT_COLUMNS[:6]]
    # Also when one of them is written as a SteamID64: the same account all the same.
    accounts = ["87278757", "", "0", "-5", "4294967295", "76561198047544485"]
    error = reject(csv_bytes(header, [row(1) + [""] * 6, row(2) + accounts]))
    assert (error.row, error.column) == (2, ACCOUNT_COLUMNS[5]) and "twice" in error.message


def test_accounts_written_as_floats() -> None:
    header = [*HEADER, ACCOUNT_COLUMNS[0]]
    frame = read_matches(csv_bytes(header, [[*row(1), "87278757.0"]]), require_label=True)
    assert frame[ACCOUNT_COLUMNS[0]].to_list() == [87278757]


def test_bom_semicolons_and_crlf() -> None:
    data = b"\xef\xbb\xbf" + csv_bytes(HEADER, [row(1), row(2)], sep=";", eol="\r\n")
    frame = read_matches(data, require_label=True)
    assert frame["match_id"].to_list() == [1, 2]


def test_blank_lines_are_skipped_and_rows_still_counted() -> None:
    data = (
        canonical(1) + b"\n" + csv_bytes(HEADER, [row(5, win="maybe")])[len(",".join(HEADER)) + 1 :]
    )
    error = reject(data)
    assert error.row == 3


def test_quoted_fields() -> None:
    data = canonical(1) + b'"2","","true","Anti-Mage","Axe",3,4,5,6,7,8,9,10\n'
    assert read_matches(data, require_label=True)["match_id"].to_list() == [100, 2]


def test_predicting_ignores_labels() -> None:
    no_label = [c for c in HEADER if c != "radiant_win"]
    rows = [[r[0], r[1], *r[3:]] for r in (row(1), row(2))]
    frame = read_matches(csv_bytes(no_label, rows), require_label=False)
    assert frame["radiant_win"].to_list() == [None, None]
    assert frame.schema["radiant_win"] == pl.Boolean
    junk = read_matches(
        csv_bytes(HEADER, [row(1, win="maybe"), row(2, win="")]), require_label=False
    )
    assert junk["radiant_win"].to_list() == [None, None]


def test_header_only_is_rejected_when_predicting_too() -> None:
    with pytest.raises(MatchDataError, match="header but no matches to predict"):
        read_matches(csv_bytes(HEADER, []), require_label=False)


def test_cr_only_line_endings_get_a_clear_message() -> None:
    error = reject(csv_bytes(HEADER, [row(1), row(2)], eol="\r"))
    assert "carriage return only" in str(error) and "appears twice" not in str(error)


def test_negative_match_id_names_column_and_row() -> None:
    error = reject(csv_bytes(HEADER, [row(1), row(-2)]))
    assert (error.column, error.row) == ("match_id", 2) and "negative" in str(error)


def test_huge_bad_value_is_quoted_briefly() -> None:
    error = reject(
        csv_bytes(HEADER, [row(1), row(2)]).replace(b"\n2,", b"\n" + b"9x" * 500_000 + b",", 1)
    )
    assert error.column == "match_id" and len(str(error)) < 400


# --- rejections -------------------------------------------------------------------------------


def test_empty_file() -> None:
    assert "the file is empty" in str(reject(b""))
    assert "the file is empty" in str(reject(b" \n\n"))


def test_header_only_when_training() -> None:
    assert str(reject(csv_bytes(HEADER, []))) == "the file has a header but no matches to train on"


def test_not_utf8() -> None:
    data = canonical(2).replace(b"true", b"tr\xe9e", 1)
    error = reject(data)
    assert "not UTF-8" in str(error) and "row 1" in str(error)
    assert error.row == 1


def test_utf16_and_spreadsheets() -> None:
    assert "UTF-16" in str(reject("match_id".encode("utf-16")))
    assert "export it as CSV" in str(reject(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff"))


def test_unbalanced_quote() -> None:
    error = reject(canonical(1) + b'"2,,true,1,2,3,4,5,6,7,8,9,10\n')
    assert "could not be parsed as CSV" in str(error)


def test_row_with_too_many_fields() -> None:
    error = reject(canonical(2) + b"3,,true,1,2,3,4,5,6,7,8,9,10,11\n")
    assert str(error).startswith("row 3 has 14 fields but the header has 13")
    assert error.row == 3


def test_missing_columns_are_all_listed() -> None:
    header = [c for c in HEADER if c not in ("radiant_win", "dire_hero_4")]
    rows = [[r[0], r[1], *r[3:11], r[12]] for r in [row(1)]]
    error = reject(csv_bytes(header, rows))
    message = str(error)
    assert message.startswith("missing required columns: radiant_win, dire_hero_4.")
    assert "read as one row per match" in message
    assert error.column == "radiant_win"


def test_no_hero_columns_mentions_both_formats() -> None:
    message = str(reject(b"match,winner\n1,radiant\n"))
    assert "match_id" in message and "radiant_hero_1" in message
    assert "one row per player" in message


def test_duplicate_header_column() -> None:
    error = reject(csv_bytes([*HEADER, "match_id"], [[*row(1), "1"]]))
    assert "column match_id appears twice in the header" in str(error)


@pytest.mark.parametrize("bad", ["abc", "1.5", "12e3"])
def test_non_integer_match_id(bad: str) -> None:
    error = reject(csv_bytes(HEADER, [row(1), row(bad, heroes=heroes_for(3))]))
    assert str(error) == f"row 2, column match_id: '{bad}' is not a whole number"
    assert error.to_dict() == {"message": str(error), "column": "match_id", "row": 2}


def test_empty_match_id() -> None:
    error = reject(csv_bytes(HEADER, [row(1), row("", heroes=heroes_for(3))]))
    assert str(error) == "row 2, column match_id: the value is empty"


def test_duplicate_match_id_names_both_rows() -> None:
    error = reject(csv_bytes(HEADER, [row(1), row(2), row(1)]))
    assert str(error).startswith("match_id 1 appears twice, in rows 1 and 3")
    assert (error.column, error.row) == ("match_id", 3)


def test_unknown_hero_id() -> None:
    heroes = [*heroes_for(1)[:4], 999, *heroes_for(1)[5:]]
    error = reject(csv_bytes(HEADER, [row(1), row(2, heroes=heroes), row(3, heroes=heroes)]))
    message = str(error)
    assert message.startswith(
        "row 2, column radiant_hero_5: hero id 999 does not exist; valid ids are 1..155"
    )
    assert "(the same problem is in row 3)" in message
    assert (error.column, error.row) == ("radiant_hero_5", 2)


def test_unknown_hero_name() -> None:
    heroes = ["Pudgee", *heroes_for(1)[1:]]
    error = reject(csv_bytes(HEADER, [row(1, heroes=heroes)]))
    assert str(error).startswith(
        "row 1, column radiant_hero_1: unknown hero name 'Pudgee'. Did you mean 'Pudge'?"
    )


@pytest.mark.parametrize(
    ("value", "text"), [("0", "hero id 0 means no hero was picked"), ("", "the hero is empty")]
)
def test_hero_zero_or_empty(value: str, text: str) -> None:
    heroes = [*heroes_for(1)[:9], value]
    error = reject(csv_bytes(HEADER, [row(1, heroes=heroes)]))
    assert str(error).startswith(f"row 1, column dire_hero_5: {text}")


def test_same_hero_twice_in_a_match() -> None:
    heroes = [1, 2, 3, 4, 5, 6, 7, "anti-mage", 9, 10]
    error = reject(csv_bytes(HEADER, [row(40), row(41, heroes=heroes)]))
    assert str(error).startswith(
        "row 2 (match 41): Anti-Mage (id 1) appears twice, in radiant_hero_1 and dire_hero_3"
    )
    assert (error.column, error.row) == ("dire_hero_3", 2)


def test_radiant_win_not_boolean() -> None:
    error = reject(csv_bytes(HEADER, [row(1), row(2, win="radiant")]))
    assert (
        str(error) == "row 2, column radiant_win: 'radiant' is not a boolean; use true/false or 1/0"
    )


def test_radiant_win_empty_when_training() -> None:
    error = reject(csv_bytes(HEADER, [row(1, win="")]))
    assert str(error).startswith("row 1, column radiant_win: the value is empty")


@pytest.mark.parametrize(
    ("value", "text"), [("yesterday", "is not a time"), ("1608174691000", "out of range")]
)
def test_start_time_rejected(value: str, text: str) -> None:
    error = reject(csv_bytes(HEADER, [row(1), row(2, start=value)]))
    assert str(error).startswith("row 2, column start_time: ") and text in str(error)
    assert error.row == 2


def test_bad_account_id() -> None:
    header = [*HEADER, ACCOUNT_COLUMNS[7]]
    error = reject(csv_bytes(header, [[*row(1), "player1"]]))
    assert str(error) == "row 1, column dire_account_id_3: 'player1' is not a whole number"


def test_too_many_matches() -> None:
    error = reject(canonical(4), max_rows=3)
    assert str(error) == "the file has 4 matches; the limit is 3 per upload"
    assert read_matches(canonical(3), require_label=True, max_rows=3).height == 3


def test_many_bad_rows_are_summarised() -> None:
    rows = [row(i, win="x") for i in range(1, 10)]
    assert "(the same problem is in rows 2, 3, 4, 5, 6 and 3 more)" in str(
        reject(csv_bytes(HEADER, rows))
    )


def test_columns_constants() -> None:
    assert HERO_COLUMNS[0] == "radiant_hero_1" and HERO_COLUMNS[-1] == "dire_hero_5"
    assert CANONICAL_COLUMNS[:3] == ["match_id", "start_time", "radiant_win"]
    assert len(CANONICAL_COLUMNS) == 23


def test_a_match_with_a_result_cannot_start_in_the_future() -> None:
    soon, later = int(time.time()) + 60, int(time.time()) + 2 * 86400
    error = reject(csv_bytes(HEADER, [row(1, start=soon), row(2, start=later)]))
    assert (error.row, error.column) == (2, "start_time") and "future" in error.message
    # Without a result it may be a scheduled match: predicted, not refused.
    frame = read_matches(csv_bytes(HEADER, [row(2, win="", start=later)]), require_label=False)
    assert frame["start_time"].to_list() == [later]
