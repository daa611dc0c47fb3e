"""The EDA aggregates the service computes for the UI (backend/api/data/eda.py)."""

from __future__ import annotations

import polars as pl
import pytest

from backend.api.data import eda
from backend.matches import HERO_COLUMNS, read_matches

HEADER = "match_id,start_time,radiant_win," + ",".join(HERO_COLUMNS) + ",radiant_account_id_1"


def three_matches() -> pl.DataFrame:
    # Match 1: radiant (1..5) beats dire (6..10); match 2: the same draft, dire wins.
    rows = [
        HEADER,
        "1,2021-01-05,true,1,2,3,4,5,6,7,8,9,10,77",
        "2,2021-02-01,false,1,2,3,4,5,6,7,8,9,10,77",
        "3,,true,1,2,3,4,11,6,7,8,9,10,",
    ]
    return read_matches("\n".join(rows).encode(), require_label=True)


def test_overview_and_months() -> None:
    frame = three_matches()
    facts = eda.overview(frame)
    assert facts["n_players"] == 1 and facts["n_heroes"] == 11
    assert facts["n_with_start_time"] == 2 and facts["radiant_win_rate"] == pytest.approx(2 / 3)
    assert facts["first_start_time"].isoformat() == "2021-01-05T00:00:00+00:00"
    assert eda.matches_per_month(frame) == [
        {"month": "2021-01", "matches": 1, "radiant_win_rate": 1.0},
        {"month": "2021-02", "matches": 1, "radiant_win_rate": 0.0},
    ]


def test_hero_pair_counter_and_player_statistics() -> None:
    frame = three_matches()
    heroes = {h["hero_id"]: h for h in eda.hero_stats(frame)}
    assert heroes[1]["picks"] == 3 and heroes[1]["wins"] == 2 and heroes[1]["pick_rate"] == 1.0
    assert heroes[1]["name"] == "Anti-Mage"

    pairs = eda.pair_stats(frame)
    one_two = pairs.filter((pl.col("hero_a") == 1) & (pl.col("hero_b") == 2)).row(0, named=True)
    assert one_two["games"] == 3 and one_two["win_rate"] == pytest.approx(2 / 3)
    assert pairs.filter((pl.col("hero_a") == 6) & (pl.col("hero_b") == 7))["wins"].item() == 1

    counters = eda.counter_stats(frame)
    versus = counters.filter((pl.col("hero") == 6) & (pl.col("enemy") == 1)).row(0, named=True)
    assert versus["games"] == 3 and versus["wins"] == 1
    matrix = eda.matrix(counters, "hero", "enemy", [1, 6], 1, symmetric=False)
    assert matrix == [[None, pytest.approx(2 / 3)], [pytest.approx(1 / 3), None]]

    record = eda.player_record(frame, 77)
    assert record["matches"] == 2 and record["win_rate"] == 0.5
    assert [h["hero_id"] for h in record["heroes"]] == [1]
    assert eda.player_record(frame, 5)["matches"] == 0


def test_unlabelled_matches_count_but_have_no_win_rates() -> None:
    rows = [HEADER, "1,,,1,2,3,4,5,6,7,8,9,10,77"]
    frame = read_matches("\n".join(rows).encode(), require_label=False)
    assert eda.overview(frame)["radiant_win_rate"] is None
    assert eda.hero_stats(frame)[0]["win_rate"] is None
    assert eda.hero_pairs(frame, 5, 1)["strongest_pairs"] == []
