"""The UI's own reading of match files (both layouts) and its EDA statistics; no service needed."""

from __future__ import annotations

import gzip

import polars as pl
import pytest

from streamlit_app import eda
from streamlit_app.match_store import SAMPLE_PATH
from streamlit_app.matches import HERO_COLUMNS, MatchFileError, read_matches

HEADER = "match_id,start_time,radiant_win," + ",".join(HERO_COLUMNS)
STEAM64 = 76561197960265728


def per_player_csv(side_column: str, label_column: str) -> bytes:
    """Two matches, one row per player, dire rows first to check the side grouping."""
    lines = [f"match_id,account_id,hero_id,{side_column},{label_column},start_time"]
    for match, radiant_won in ((10, True), (11, False)):
        for slot in (132, 131, 130, 129, 128, 4, 3, 2, 1, 0):
            radiant = slot < 5
            side = str(slot) if side_column == "player_slot" else str(radiant).lower()
            if label_column == "win":
                label = str(radiant == radiant_won).lower()
            else:
                label = str(radiant_won).lower()
            hero = (slot + 1) if radiant else (slot - 128 + 6)
            account = 1000 + match * 10 + (slot if radiant else slot - 123)
            lines.append(f"{match},{account},{hero},{side},{label},2021-01-0{match - 9}T10:00:00Z")
    return ("\n".join(lines) + "\n").encode()


def test_the_bundled_sample_reads_as_4000_labelled_matches() -> None:
    loaded = read_matches(SAMPLE_PATH.read_bytes())
    assert loaded.layout == "one row per match"
    assert loaded.frame.height == 4000 and loaded.skipped == 0
    assert loaded.has_label and loaded.has_start_time and not loaded.has_duration
    assert loaded.frame["start_time"].dtype == pl.Datetime("us", "UTC")


def test_canonical_rows_accept_names_steam64_ids_and_skip_broken_drafts() -> None:
    rows = [
        HEADER + ",radiant_account_id_1,duration",
        "1,1609826926,true,anti-mage,2,3,4,5,6,7,8,9,10," + f"{STEAM64 + 42},1800",
        "2,2021-01-05T06:08:46Z,0,1,2,3,4,5,6,7,8,9,9,,2000",  # hero 9 twice
        "3,,false,1,2,3,4,5,6,7,8,9,,,",  # a hero missing
        "1,,true,1,2,3,4,5,6,7,8,9,10,,",  # repeated match_id
    ]
    loaded = read_matches(gzip.compress("\n".join(rows).encode()), {"anti-mage": 1})
    frame = loaded.frame
    assert frame["match_id"].to_list() == [1] and loaded.skipped == 2
    assert frame["radiant_hero_1"].to_list() == [1]
    assert frame["radiant_account_id_1"].to_list() == [42]
    assert frame["duration"].to_list() == [1800.0] and loaded.has_duration


@pytest.mark.parametrize(
    ("side_column", "label_column"), [("player_slot", "win"), ("is_radiant", "radiant_win")]
)
def test_one_row_per_player_is_pivoted_radiant_first_in_slot_order(
    side_column: str, label_column: str
) -> None:
    loaded = read_matches(per_player_csv(side_column, label_column))
    frame = loaded.frame
    assert loaded.layout == "one row per player"
    assert frame["match_id"].to_list() == [10, 11]
    assert frame["radiant_win"].to_list() == [True, False]
    first = frame.row(0, named=True)
    radiant = [first[f"radiant_hero_{i}"] for i in range(1, 6)]
    dire = [first[f"dire_hero_{i}"] for i in range(1, 6)]
    if side_column == "player_slot":  # ordered by slot
        assert radiant == [1, 2, 3, 4, 5] and dire == [6, 7, 8, 9, 10]
    else:  # ordered as in the file
        assert radiant == [5, 4, 3, 2, 1] and dire == [10, 9, 8, 7, 6]
    assert first["start_time"].isoformat() == "2021-01-01T10:00:00+00:00"


def test_a_file_without_heroes_is_refused_with_the_expected_columns() -> None:
    with pytest.raises(MatchFileError, match="radiant_hero_1"):
        read_matches(b"match_id,foo\n1,2\n")
    with pytest.raises(MatchFileError, match=r"not a readable CSV|no match_id"):
        read_matches(b"\x00\x01\x02")


def test_hero_pair_counter_and_player_statistics() -> None:
    # Match 1: radiant (1..5) beats dire (6..10); match 2: the same draft, dire wins.
    rows = [HEADER + ",radiant_account_id_1"]
    rows.append("1,,true,1,2,3,4,5,6,7,8,9,10,77")
    rows.append("2,,false,1,2,3,4,5,6,7,8,9,10,77")
    rows.append("3,,true,1,2,3,4,11,6,7,8,9,10,")
    frame = read_matches("\n".join(rows).encode()).frame

    heroes = eda.hero_stats(frame).filter(pl.col("hero_id") == 1).row(0, named=True)
    assert heroes["picks"] == 3 and heroes["wins"] == 2 and heroes["pick_rate"] == 1.0

    pairs = eda.pair_stats(frame)
    one_two = pairs.filter((pl.col("hero_a") == 1) & (pl.col("hero_b") == 2)).row(0, named=True)
    assert one_two["games"] == 3 and one_two["win_rate"] == pytest.approx(2 / 3)
    assert pairs.filter((pl.col("hero_a") == 6) & (pl.col("hero_b") == 7))["wins"].item() == 1

    counters = eda.counter_stats(frame)
    versus = counters.filter((pl.col("hero") == 6) & (pl.col("enemy") == 1)).row(0, named=True)
    assert versus["games"] == 3 and versus["wins"] == 1
    assert eda.counter_matrix(counters, [1, 6], 1) == [[None, 2 / 3], [1 / 3, None]]

    summary, played = eda.player_summary(frame, 77)
    assert summary["matches"] == 2 and summary["win_rate"] == 0.5
    assert played["hero_id"].to_list() == [1]
    assert eda.overview(frame)["accounts"] == 1
