"""The sync into a real SQLite file through `python -m backend.opendota`, against the fake API:
pages stored with their cursor, resumed after kill -9, nothing stored twice, failures clear."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import text

from backend.db.engine import make_engine
from backend.db.migrate import upgrade_to_head
from backend.matches import read_matches
from backend.matches.writer import canonical_csv
from tests.support.fake_opendota import PAGE, FakeOpenDota, Fault
from tests.support.live_service import poll_until

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def matches(real_matches: pl.DataFrame) -> pl.DataFrame:
    return real_matches.filter(pl.col("start_time").is_not_null()).sort("match_id").tail(250)


@pytest.fixture
def fake(matches: pl.DataFrame) -> Iterator[FakeOpenDota]:
    with FakeOpenDota(matches) as server:
        yield server


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'sync.db'}"
    upgrade_to_head(url)
    return url


def env(database: str, fake: FakeOpenDota, **extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    out.update(
        APP_DATABASE_URL=database,
        APP_OPENDOTA_BASE_URL=fake.base_url,
        APP_OPENDOTA_CALLS_PER_MINUTE="60000",
        APP_OPENDOTA_TIMEOUT_SECONDS="10",
        **extra,
    )
    return out


def cli(database: str, fake: FakeOpenDota, *args: str, **extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "backend.opendota", *args],
        cwd=REPO_ROOT,
        env=env(database, fake, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def query(database: str, sql: str) -> list[tuple[object, ...]]:
    async def go() -> list[tuple[object, ...]]:
        engine = make_engine(database)
        async with engine.connect() as connection:
            rows = (await connection.execute(text(sql))).all()
        await engine.dispose()
        return [tuple(r) for r in rows]

    return asyncio.run(go())


def test_sync_stores_results_and_cursor_and_names(
    database: str, fake: FakeOpenDota, matches: pl.DataFrame
) -> None:
    done = cli(database, fake, "--max-matches", "10000", "--players", "--dataset")
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["stored"] == 250 and report["done"] and report["pages"] == 4
    assert report["player_names"] > 0
    # The run's matches are also a stored dataset, read back by the one reader.
    rows = query(
        database, f"SELECT n_matches, content FROM datasets WHERE id = '{report['dataset_id']}'"
    )
    assert rows[0][0] == 250
    content = gzip.decompress(rows[0][1])  # type: ignore[arg-type]
    assert read_matches(content, require_label=True).equals(
        read_matches(canonical_csv(matches), require_label=True)
    )
    stored = query(database, "SELECT match_id, radiant_win FROM match_results ORDER BY match_id")
    assert [r[0] for r in stored] == matches["match_id"].to_list()
    assert [bool(r[1]) for r in stored] == matches["radiant_win"].to_list()
    assert query(database, "SELECT done, matches_stored FROM opendota_sync") == [(1, 250)]
    account = next(a for a in matches["radiant_account_id_1"].to_list() if a)
    names = query(database, f"SELECT name FROM pro_player_names WHERE account_id = {account}")
    assert names == [(f"test-player-{account}",)]
    # Run again: nothing new, nothing fetched twice (done), nothing stored twice.
    again = cli(database, fake, "--reset")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert json.loads(out)["stored"] == 0
    assert query(database, "SELECT COUNT(*) FROM match_results") == [(250,)]
    assert fake.calls("/api/matches/") == 250  # the rerun found every match stored


def test_resumes_from_its_cursor_after_kill_9(
    database: str, fake: FakeOpenDota, matches: pl.DataFrame
) -> None:
    # Slow detail calls on the second page, so the process is killed in the middle of it.
    second_page = matches["match_id"].sort(descending=True).to_list()[PAGE : 2 * PAGE]
    for match_id in second_page[:60]:
        fake.fail(f"/matches/{match_id}", Fault(delay=0.05))
    running = cli(database, fake, "--max-matches", "10000")
    poll_until(lambda: fake.calls("/api/matches/") >= PAGE + 30, timeout=60, interval=0.02)
    os.kill(running.pid, signal.SIGKILL)
    running.wait(timeout=30)
    assert running.returncode == -signal.SIGKILL
    # The first page and its cursor are stored; nothing of the second.
    assert query(database, "SELECT COUNT(*) FROM match_results") == [(PAGE,)]
    lowest_first = matches["match_id"].sort(descending=True)[PAGE - 1]
    assert query(database, "SELECT less_than_match_id, done FROM opendota_sync") == [
        (lowest_first, 0)
    ]
    resumed = cli(database, fake, "--max-matches", "10000")
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err.decode()
    assert json.loads(out)["stored"] == 150
    ids = [r[0] for r in query(database, "SELECT match_id FROM match_results ORDER BY match_id")]
    assert ids == matches["match_id"].to_list()  # every match once
    # The first page was not listed or fetched again: the resume started at its cursor.
    listed = [q.get("less_than_match_id") for p, q in fake.requests if p == "/api/proMatches"]
    assert listed.count(None) == 1


def test_an_unreachable_api_is_a_clear_failure_storing_nothing(
    database: str, fake: FakeOpenDota
) -> None:
    fake.fail("/proMatches", *[Fault(status=503)] * 10)
    failed = cli(database, fake, "--max-matches", "10")
    _, err = failed.communicate(timeout=120)
    assert failed.returncode == 1
    assert "OpenDota sync failed: /proMatches answered HTTP 503 (after 5 attempts)" in err.decode()
    assert query(database, "SELECT COUNT(*) FROM match_results") == [(0,)]
    assert query(database, "SELECT COUNT(*) FROM opendota_sync") == [(0,)]
