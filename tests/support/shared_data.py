"""Where the real upstream files are, for tests that read them (skipped when absent).

The product never reads them. Tests look beside the clone (`../shared/data`, as CI lays it out)
or in DOTA_SHARED_DATA.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

ROSTERS = "pro_rosters_2018-2019/output.jsonl.gz"
PLAYERS = "pro_players_2020-2021/match.csv.gz"
LEAGUE = "league_matches_2019-2020/matches.csv.gz"
HIGHMMR = "public_highmmr_2018/matches_data.csv.gz"
PUBLIC_2024 = "public_2024/matchesdota_matches_pt_0-256.csv.gz"
UCI_TRAIN = "uci_dota2_games_results_2016/dota2Train_compact.csv.gz"
UCI_TEST = "uci_dota2_games_results_2016/dota2Test_compact.csv.gz"
UCI_ORIGINAL = "uci_dota2_games_results_2016/dota2Test.csv.gz"
KAGGLE = "kaggle_devinanzelmo_dota2_matches_2015/match.csv.gz"
UPSTREAM = [
    ROSTERS,
    PLAYERS,
    LEAGUE,
    HIGHMMR,
    PUBLIC_2024,
    UCI_TRAIN,
    UCI_TEST,
    UCI_ORIGINAL,
    KAGGLE,
]


def shared_dir() -> Path | None:
    """The shared data folder, or None when this checkout has none."""
    for candidate in (os.environ.get("DOTA_SHARED_DATA"), REPO_ROOT.parent / "shared" / "data"):
        if candidate and (Path(candidate) / ROSTERS).is_file():
            return Path(candidate)
    return None


def upstream_bytes(name: str) -> bytes:
    """One upstream file, decompressed (the routes refuse gzip); skips the test when absent."""
    found = shared_dir()
    if found is None:
        pytest.skip("shared source data not available (../shared/data or DOTA_SHARED_DATA)")
    return gzip.decompress((found / name).read_bytes())


def head_lines(data: bytes, lines: int) -> bytes:
    """The first `lines` lines of a file (a real slice: header plus rows, or JSON lines)."""
    return b"".join(data.splitlines(keepends=True)[:lines])
