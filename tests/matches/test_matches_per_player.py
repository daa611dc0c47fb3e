"""read_matches on one-row-per-player uploads."""

from __future__ import annotations

import polars as pl
import pytest
from matches_testdata import canonical, csv_bytes, heroes_for, to_per_player

from backend.matches import ACCOUNT_COLUMNS, CANONICAL_SCHEMA, MatchDataError, read_matches

HEADER = ["match_id", "account_id", "hero_id", "player_slot", "win", "start_time"]


def players(
    match_id: int, *, radiant_win: bool = True, slots: list[int] | None = None
) -> list[list[object]]:
    """Ten player rows with the given slots (default 0-4 and 128-132)."""
    slots = slots or [0, 1, 2, 3, 4, 128, 129, 130, 131, 132]
    heroes = heroes_for(match_id)
    return [
        [match_id, 1000 + k, heroes[k], slot, str((slot < 5) == radiant_win).lower(), 1608174691]
        for k, slot in enumerate(slots)
    ]


def reject(
    data: bytes, *, require_label: bool = True, max_rows: int | None = None
) -> MatchDataError:
    """The MatchDataError read_matches raises for data."""
    with pytest.raises(MatchDataError) as info:
        read_matches(data, require_label=require_label, max_rows=max_rows)
    return info.value


def test_player_slot_and_win() -> None:
    frame = read_matches(
        csv_bytes(HEADER, players(7) + players(3, radiant_win=False)), require_label=True
    )
    assert dict(frame.schema) == CANONICAL_SCHEMA
    assert frame["match_id"].to_list() == [7, 3]
    assert frame["radiant_win"].to_list() == [True, False]
    assert frame.row(0)[3:13] == tuple(heroes_for(7))
    assert frame.row(0)[13:23] == tuple(range(1000, 1010))
    assert frame["start_time"].to_list() == [1608174691, 1608174691]


def test_rows_are_ordered_by_slot_within_a_side() -> None:
    rows = players(7, slots=[132, 4, 131, 3, 130, 2, 129, 1, 128, 0])
    frame = read_matches(csv_bytes(HEADER, rows), require_label=True)
    heroes = heroes_for(7)
    assert frame.row(0)[3:8] == (heroes[9], heroes[7], heroes[5], heroes[3], heroes[1])
    assert frame.row(0)[8:13] == (heroes[8], heroes[6], heroes[4], heroes[2], heroes[0])


def test_zero_to_nine_slot_convention() -> None:
    frame = read_matches(csv_bytes(HEADER, players(7, slots=list(range(10)))), require_label=True)
    assert frame.row(0)[3:13] == tuple(heroes_for(7))


def test_interleaved_matches_keep_first_appearance_order() -> None:
    a, b = players(9), players(2)
    rows = [a[0], b[0], *a[1:5], *b[1:], *a[5:]]
    frame = read_matches(csv_bytes(HEADER, rows), require_label=True)
    assert frame["match_id"].to_list() == [9, 2]
    assert frame.row(0)[3:13] == tuple(heroes_for(9))


def test_is_radiant_names_and_radiant_win() -> None:
    rows = [
        [5, "Anti-Mage" if k == 0 else heroes_for(5)[k], "True" if k < 5 else "False", "0"]
        for k in range(10)
    ]
    frame = read_matches(
        csv_bytes(["match_id", "hero_id", "is_radiant", "radiant_win"], rows), require_label=True
    )
    assert frame["radiant_win"].to_list() == [False]
    assert frame["radiant_hero_1"].to_list() == [1]
    assert frame.select(ACCOUNT_COLUMNS).null_count().sum_horizontal().item() == 10
    assert frame["start_time"].to_list() == [None]


@pytest.mark.parametrize("label", ["radiant_win", "win"])
def test_round_trip_from_canonical(label: str) -> None:
    header = "match_id,start_time,radiant_win," + ",".join(
        [f"radiant_hero_{i}" for i in range(1, 6)]
        + [f"dire_hero_{i}" for i in range(1, 6)]
        + ACCOUNT_COLUMNS
    )
    lines = [header]
    for i, match_id in enumerate([30, 10, 20]):
        accounts = [str(500 + 10 * i + k) if k != 3 else "" for k in range(10)]
        start = "" if i == 1 else str(1608174691 + i)
        win = "true" if i != 2 else "false"
        lines.append(
            ",".join([str(match_id), start, win, *map(str, heroes_for(match_id)), *accounts])
        )
    original = read_matches(("\n".join(lines) + "\n").encode(), require_label=True)
    again = read_matches(to_per_player(original, label=label), require_label=True)
    assert again.equals(original)
    assert original["start_time"].null_count() == 1
    assert original[ACCOUNT_COLUMNS[3]].null_count() == 3


def test_round_trip_default_sized_file() -> None:
    original = read_matches(canonical(30), require_label=True)
    assert read_matches(to_per_player(original), require_label=True).equals(original)


# --- rejections -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slots", "counts"),
    [
        ([0, 1, 2, 3, 128, 129, 130, 131, 132], "4 radiant and 5 dire"),
        ([0, 1, 2, 3, 4, 0, 128, 129, 130, 131], "6 radiant and 4 dire"),
    ],
)
def test_side_with_wrong_player_count(slots: list[int], counts: str) -> None:
    rows = players(1) + players(7, slots=slots)
    error = reject(csv_bytes(HEADER, rows))
    assert str(error).startswith("match 7 (rows 11, 12, 13, 14, 15 and ")
    assert f"{counts} players; each match needs exactly 5 rows per side" in str(error)
    assert (error.column, error.row) == ("player_slot", 11)


def test_bad_player_slot() -> None:
    rows = players(1, slots=[0, 1, 2, 3, 4, 128, 129, 130, 131, 200])
    error = reject(csv_bytes(HEADER, rows))
    assert str(error).startswith("row 10, column player_slot: player_slot 200 is not 0-4")


def test_side_players_disagree_on_win() -> None:
    rows = players(4)
    rows[2][4] = "false"
    error = reject(csv_bytes(HEADER, rows))
    assert str(error).startswith(
        "match 4 (rows 1, 2, 3, 4, 5 and 5 more): the radiant players disagree on win"
    )
    assert error.column == "win"


def test_both_sides_win() -> None:
    rows = [[*r[:4], "true", r[5]] for r in players(4)]
    error = reject(csv_bytes(HEADER, rows))
    assert "match 4" in str(error) and "both sides have win=true" in str(error)


def test_inconsistent_labels_are_null_when_predicting() -> None:
    rows = [[*r[:4], "true", r[5]] for r in players(4)]
    frame = read_matches(csv_bytes(HEADER, rows), require_label=False)
    assert frame["radiant_win"].to_list() == [None]


def test_radiant_win_differs_within_match() -> None:
    header = ["match_id", "hero_id", "is_radiant", "radiant_win"]
    rows = [[8, heroes_for(8)[k], k < 5, "true" if k != 9 else "false"] for k in range(10)]
    error = reject(csv_bytes(header, rows))
    assert str(error).startswith("match 8 (") and "radiant_win differs between its rows" in str(
        error
    )


def test_same_hero_twice() -> None:
    rows = players(4)
    rows[7][2] = rows[1][2]
    error = reject(csv_bytes(HEADER, rows))
    hero = rows[1][2]
    assert str(error).startswith(
        "match 4: "
    ) and f"(id {hero}) appears twice, in rows 2 and 8" in str(error)
    assert (error.column, error.row) == ("hero_id", 8)


def test_unknown_hero_in_player_row() -> None:
    rows = players(4)
    rows[5][2] = "Pudgeee"
    error = reject(csv_bytes(HEADER, rows))
    assert str(error).startswith("row 6, column hero_id: unknown hero name 'Pudgeee'")


def test_missing_side_and_label_columns() -> None:
    error = reject(csv_bytes(["match_id", "hero_id"], [[1, 1]]))
    message = str(error)
    assert message.startswith(
        "missing required columns: is_radiant or player_slot, radiant_win or win."
    )
    assert "read as one row per player" in message
    assert error.column == "is_radiant"


def test_label_column_optional_when_predicting() -> None:
    rows = [r[:4] for r in players(4)]
    frame = read_matches(csv_bytes(HEADER[:4], rows), require_label=False)
    assert frame["radiant_win"].to_list() == [None] and frame.height == 1


def test_header_only_when_predicting() -> None:
    with pytest.raises(MatchDataError, match="header but no matches to predict"):
        read_matches(csv_bytes(HEADER, []), require_label=False)


def test_too_many_matches() -> None:
    data = csv_bytes(HEADER, players(1) + players(2) + players(3))
    assert str(reject(data, max_rows=2)) == "the file has 3 matches; the limit is 2 per upload"


def test_player_frame_is_polars() -> None:
    assert isinstance(read_matches(csv_bytes(HEADER, players(1)), require_label=True), pl.DataFrame)
