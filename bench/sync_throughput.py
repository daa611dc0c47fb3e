"""OpenDota sync throughput against its client-side rate limit, side by side in one run.

`python -m backend.opendota` (the same run the worker job makes) syncs real bundled matches
from the local fake OpenDota (tests/support/fake_opendota.py, real HTTP on 127.0.0.1) into a
fresh SQLite file, at several `APP_OPENDOTA_CALLS_PER_MINUTE` limits. The floor is the same
run with no effective limit (what our fetching and storing alone cost); at a limit the run
should make calls at the limit's rate. Calls per stored match come from the fake's own count.
Then what a user gets per day follows from OpenDota's published limits (odota/core config.js:
NO_API_KEY_PER_MIN_LIMIT 60, API_FREE_LIMIT 2000 a day, API_KEY_PER_MIN_LIMIT 300, billed
per 100 calls over the free limit).

Usage: `uv run python bench/sync_throughput.py [--matches 200] [--out bench/sync_throughput.md]`
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.db.migrate import upgrade_to_head  # noqa: E402
from backend.matches import load_default_matches  # noqa: E402
from tests.support.fake_opendota import FakeOpenDota  # noqa: E402

LIMITS = (600.0, 1200.0, 1_000_000.0)  # calls a minute; the last is "no limit" (the floor)
ANONYMOUS, FREE_DAILY, WITH_KEY = 60, 2000, 300


def run(fake: FakeOpenDota, limit: float, matches: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'sync.db'}"
        upgrade_to_head(url)
        env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
        env |= {
            "APP_DATABASE_URL": url,
            "APP_OPENDOTA_BASE_URL": fake.base_url,
            "APP_OPENDOTA_CALLS_PER_MINUTE": str(limit),
            "APP_OPENDOTA_DAILY_CALLS": "100000",
        }
        before = fake.calls()
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "backend.opendota", "--max-matches", str(matches), "--reset"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=True,
        )
        seconds = time.perf_counter() - started
        report = json.loads(done.stdout)
    calls = fake.calls() - before
    return {
        "limit": limit,
        "seconds": seconds,
        "stored": report["stored"],
        "calls": calls,
        "calls_per_minute": 60 * calls / seconds,
        "matches_per_minute": 60 * report["stored"] / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--matches", type=int, default=200)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    frame = load_default_matches()
    frame = frame.filter(pl.col("start_time").is_not_null()).sort("match_id").tail(args.matches)
    with FakeOpenDota(frame) as fake:
        rows = [run(fake, limit, args.matches) for limit in LIMITS]
    floor = rows[-1]
    per_match = floor["calls"] / floor["stored"]
    lines = [
        "# OpenDota sync throughput (bench/sync_throughput.py)",
        "",
        f"{args.matches} real bundled matches from the local fake OpenDota into a fresh SQLite "
        f"file, one process per row; {per_match:.3f} calls per stored match (/proMatches pages "
        "of 100 plus one /matches/{id} each).",
        "",
        "| calls/min limit | seconds | stored | calls | calls/min made | share of the limit | "
        "share, start-up (the floor's time) left out | matches/min |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        limited = r["limit"] < LIMITS[-1]
        share = f"{r['calls_per_minute'] / r['limit']:.0%}" if limited else "(floor)"
        net = r["seconds"] - floor["seconds"]
        net_share = f"{60 * r['calls'] / net / r['limit']:.0%}" if limited and net > 0 else "-"
        label = f"{r['limit']:,.0f}" if limited else "none"
        lines.append(
            f"| {label} | {r['seconds']:.1f} | {r['stored']:.0f} | {r['calls']:.0f} | "
            f"{r['calls_per_minute']:,.0f} | {share} | {net_share} | "
            f"{r['matches_per_minute']:,.0f} |"
        )
    free = FREE_DAILY / per_match
    keyed = WITH_KEY * 60 * 24 / per_match
    lines += [
        "",
        "What that means per day with OpenDota's published limits (odota/core config.js):",
        f"- anonymous (60 calls/min, 2,000 calls/day): the daily budget ends a run after "
        f"{FREE_DAILY / ANONYMOUS:.0f} min; about **{free:,.0f} new matches a day**.",
        f"- with a key (`APP_OPENDOTA_API_KEY`, set `APP_OPENDOTA_CALLS_PER_MINUTE=300` and raise "
        f"`APP_OPENDOTA_DAILY_CALLS`): up to **{keyed:,.0f} matches a day** at 300 calls/min, "
        f"billed per 100 calls past the first 2,000 — far more than the pro scene plays "
        "(a few hundred pro matches a day), so a key's value is backfilling history.",
        f"- the floor (no limit) made {floor['calls_per_minute']:,.0f} calls/min: our own "
        f"fetching and storing is {floor['calls_per_minute'] / WITH_KEY:.0f}x faster than the "
        "keyed limit, so the limit, not the service, sets the pace.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
