"""`python -m backend.opendota` (`make sync`): sync OpenDota pro matches into the database.

Resumes from the stored cursor; prints a JSON report; exits 1 with the reason when OpenDota
cannot be used (nothing of a failed page is stored).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime

from backend.db.engine import make_engine, make_session_factory
from backend.db.migrate import upgrade_to_head
from backend.opendota.client import OpenDotaClient, OpenDotaError
from backend.opendota.run import SyncOptions, run_once
from backend.opendota.store import SyncReport, config_from
from backend.settings import get_settings


def _day(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--max-matches", type=int, default=1000, help="stop after this many")
    parser.add_argument("--since", type=_day, help="only matches from this date (YYYY-MM-DD)")
    parser.add_argument("--until", type=_day, help="only matches up to this date")
    parser.add_argument("--league", type=int, action="append", help="league id (repeatable)")
    parser.add_argument("--players", action="store_true", help="also cache /proPlayers names")
    parser.add_argument("--reset", action="store_true", help="start again from the newest page")
    parser.add_argument(
        "--dataset", action="store_true", help="also store this run's matches as a dataset"
    )
    return parser.parse_args(argv)


async def main_async(args: argparse.Namespace) -> int:
    """Run one sync; 0 on success, 1 with the reason on stderr."""
    settings = get_settings()
    await asyncio.to_thread(upgrade_to_head, settings.database_url)
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    options = SyncOptions(
        max_matches=args.max_matches,
        min_start_time=args.since,
        max_start_time=args.until,
        league_ids=tuple(args.league) if args.league else None,
        players=args.players,
        as_dataset=args.dataset,
        reset=args.reset,
    )
    report = SyncReport()
    try:
        async with OpenDotaClient(config_from(settings)) as client:
            await run_once(factory, client, options, report)
    except OpenDotaError as exc:
        print(f"OpenDota sync failed: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(json.dumps(asdict(report)))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main_async(parse_args())))
