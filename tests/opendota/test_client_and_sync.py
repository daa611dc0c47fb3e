"""The OpenDota client and page sync against a local fake OpenDota server (real HTTP)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import polars as pl
import pytest

from backend.matches import read_matches
from backend.matches.json_formats import NO_PLAYERS
from backend.matches.writer import canonical_csv
from backend.opendota.client import BudgetExhausted, OpenDotaClient, OpenDotaConfig, OpenDotaError
from backend.opendota.sync import SyncCursor, SyncFilter, sync, sync_page
from tests.support.fake_opendota import PAGE, FakeOpenDota, Fault


class Clock:
    """A fake clock whose sleep advances it (and records each wait): no real waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture(scope="module")
def matches(real_matches: pl.DataFrame) -> pl.DataFrame:
    """250 real bundled pro matches with times (three /proMatches pages)."""
    return real_matches.filter(pl.col("start_time").is_not_null()).sort("match_id").tail(250)


@pytest.fixture
def fake(matches: pl.DataFrame) -> Iterator[FakeOpenDota]:
    with FakeOpenDota(matches) as server:
        yield server


def client(fake: FakeOpenDota, clock: Clock, **config: Any) -> OpenDotaClient:
    settings = {
        "base_url": fake.base_url,
        "calls_per_minute": 6000.0,
        "timeout_seconds": 10.0,
        **config,
    }
    return OpenDotaClient(OpenDotaConfig(**settings), clock=clock, sleep=clock.sleep)


def run_sync(api: OpenDotaClient, **kwargs: Any) -> tuple[pl.DataFrame, SyncCursor]:
    async def go() -> tuple[pl.DataFrame, SyncCursor]:
        async with api:
            return await sync(api, SyncCursor(), [], SyncFilter(), max_matches=10_000, **kwargs)

    return asyncio.run(go())


def test_sync_pages_to_the_end_and_gives_the_uploaded_rows(
    fake: FakeOpenDota, matches: pl.DataFrame
) -> None:
    clock = Clock()
    frame, cursor = run_sync(client(fake, clock))
    assert cursor.done and cursor.less_than_match_id == matches["match_id"].min()
    # The same rows as the same matches uploaded as canonical CSV.
    expected = read_matches(canonical_csv(matches), require_label=True)
    assert frame.sort("match_id").equals(expected.sort("match_id"))
    # Three pages of 100/100/50, an empty fourth (the end), one detail call per match.
    assert fake.calls("/api/proMatches") == 4 and fake.calls("/api/matches/") == 250
    paged = [q.get("less_than_match_id") for p, q in fake.requests if p == "/api/proMatches"]
    assert paged[0] is None and len(set(paged)) == 4


def test_rate_limit_spaces_calls(fake: FakeOpenDota) -> None:
    clock = Clock()
    api = client(fake, clock, calls_per_minute=60.0)

    async def go() -> None:
        async with api:
            await sync_page(api, SyncCursor(), [], SyncFilter())

    asyncio.run(go())
    calls = 1 + PAGE
    assert api.calls == calls
    # 60 a minute: every call after the first waited a full second on the client's clock.
    assert clock.waits == [pytest.approx(1.0)] * (calls - 1)


def test_429_honours_retry_after_and_5xx_backs_off(
    fake: FakeOpenDota, matches: pl.DataFrame
) -> None:
    fake.fail("/proMatches", Fault(status=429, headers={"Retry-After": "7"}), Fault(status=500))
    first = matches["match_id"].sort()[-1]
    fake.fail(f"/matches/{first}", Fault(status=503), Fault(status=502))
    clock = Clock()
    api = client(fake, clock, backoff_seconds=0.5)
    frame, _ = run_sync(api)
    assert frame.height == 250
    assert 7.0 in clock.waits  # Retry-After seconds, not the 0.5 s backoff
    assert 1.0 in clock.waits  # the 500 after it: second attempt, 0.5 * 2
    assert api.retries >= 4


def test_timeouts_and_cut_short_json_are_retried(fake: FakeOpenDota, matches: pl.DataFrame) -> None:
    first = matches["match_id"].sort()[-1]
    fake.fail("/proMatches", Fault(delay=2.5))  # past the 1 s timeout
    fake.fail(f"/matches/{first}", Fault(truncate=True))
    api = client(fake, Clock(), timeout_seconds=1.0)
    frame, _ = run_sync(api)
    assert frame.height == 250
    # Both faults were retried (a loaded machine may add a timeout of its own, never fewer).
    newest = [q for p, q in fake.requests if p == "/api/proMatches" and not q]
    assert len(newest) >= 2 and fake.calls(f"/api/matches/{first}") >= 2
    assert api.retries >= 2


def test_a_persistent_failure_is_a_clear_error_and_the_page_is_not_kept(
    fake: FakeOpenDota, matches: pl.DataFrame
) -> None:
    last_of_first_page = int(matches["match_id"].sort(descending=True)[PAGE - 1])
    fake.fail(f"/matches/{last_of_first_page}", *[Fault(status=500)] * 10)
    stored: list[int] = []

    async def keep(page: Any) -> None:
        stored.extend(page.frame["match_id"].to_list())

    with pytest.raises(
        OpenDotaError,
        match=rf"/matches/{last_of_first_page} answered HTTP 500 \(after 3 attempts\)",
    ):
        run_sync(client(fake, Clock(), max_retries=2), on_page=keep)
    assert stored == []  # 99 of the page's matches were fetched, none kept


def test_unreachable_api_says_so() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = OpenDotaConfig(
        base_url=f"http://127.0.0.1:{port}/api", max_retries=1, timeout_seconds=1
    )
    clock = Clock()
    api = OpenDotaClient(config, clock=clock, sleep=clock.sleep)
    with pytest.raises(
        OpenDotaError, match=f"cannot reach OpenDota at http://127.0.0.1:{port}/api"
    ):
        run_sync(api)


def test_daily_budget_stops_calls(fake: FakeOpenDota) -> None:
    api = client(fake, Clock(), daily_calls=5)
    with pytest.raises(BudgetExhausted, match="daily budget of 5"):
        run_sync(api)
    assert fake.calls() == 5


def test_duplicates_across_pages_and_player_less_matches(
    fake: FakeOpenDota, matches: pl.DataFrame
) -> None:
    ids = matches["match_id"].sort(descending=True).to_list()
    fake.details[ids[3]]["players"] = []  # OpenDota has no draft for it
    # A match listed again on the next page (paging while new matches arrive).
    original = fake.pro_matches

    def overlapping(less_than: int | None) -> list[dict[str, Any]]:
        page = original(less_than)
        return page + original(None)[:2] if less_than is not None and page else page

    fake.pro_matches = overlapping  # type: ignore[method-assign]
    skipped: dict[str, int] = {}

    async def keep(page: Any) -> None:
        for reason, n in page.skipped.items():
            skipped[reason] = skipped.get(reason, 0) + n

    frame, _ = run_sync(client(fake, Clock()), on_page=keep)
    assert frame["match_id"].is_unique().all() and frame.height == 249
    assert skipped == {NO_PLAYERS: 1}
    assert fake.calls("/api/matches/") == 250  # each match fetched once


def test_resumes_from_a_cursor_without_fetching_stored_matches(fake: FakeOpenDota) -> None:
    async def go() -> tuple[pl.DataFrame, pl.DataFrame]:
        async with client(fake, Clock()) as api:
            first = await sync_page(api, SyncCursor(), [], SyncFilter())
            rest, _ = await sync(
                api, first.cursor, first.frame["match_id"], SyncFilter(), max_matches=10_000
            )
            return first.frame, rest

    first, rest = asyncio.run(go())
    assert first.height == PAGE and rest.height == 150
    assert set(first["match_id"]).isdisjoint(rest["match_id"])
    assert fake.calls("/api/matches/") == 250


def test_filters_by_league_and_time(fake: FakeOpenDota, matches: pl.DataFrame) -> None:
    middle = int(matches["start_time"].sort()[125])

    async def go(where: SyncFilter) -> pl.DataFrame:
        async with client(fake, Clock()) as api:
            return (await sync(api, SyncCursor(), [], where, max_matches=10_000))[0]

    recent = asyncio.run(go(SyncFilter(min_start_time=middle)))
    assert recent.height == (matches["start_time"] >= middle).sum()
    assert asyncio.run(go(SyncFilter(league_ids=frozenset({1})))).height == 0
    assert asyncio.run(go(SyncFilter(league_ids=frozenset({12027})))).height == 250


def test_pro_players(fake: FakeOpenDota) -> None:
    async def go() -> list[dict[str, Any]]:
        async with client(fake, Clock()) as api:
            return await api.pro_players()

    players = asyncio.run(go())
    assert players and all(p["name"] == f"test-player-{p['account_id']}" for p in players)
