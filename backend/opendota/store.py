"""The sync against the database: each page's results and the cursor in one transaction.

A page's new matches go to match_results through the results store (idempotent by match_id;
every API process then rolls its models forward, as for POST /api/v1/data/results), and the
cursor row moves with them. A crash (even kill -9) mid-page commits nothing of that page; the
next run resumes from the stored cursor and skips matches already stored.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field

import polars as pl
from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.engine import transaction
from backend.db.inserts import insert_if_absent
from backend.db.tables import Dataset, MatchResult, OpenDotaSync, ProPlayerName, utcnow
from backend.matches.writer import canonical_csv
from backend.opendota.client import OpenDotaClient, OpenDotaConfig
from backend.opendota.sync import Page, SyncCursor, SyncFilter, sync
from backend.results import insert_results
from backend.settings import Settings

SYNC_ID = "pro"


def config_from(settings: Settings) -> OpenDotaConfig:
    """The client's config from APP_OPENDOTA_* settings."""
    return OpenDotaConfig(
        base_url=settings.opendota_base_url,
        api_key=settings.opendota_api_key,
        calls_per_minute=settings.opendota_calls_per_minute,
        daily_calls=settings.opendota_daily_calls,
        timeout_seconds=settings.opendota_timeout_seconds,
    )


@dataclass
class SyncReport:
    """What one run did."""

    pages: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    calls: int = 0
    done: bool = False
    dataset_id: str | None = None
    player_names: int = 0


async def load_cursor(
    factory: async_sessionmaker[AsyncSession], sync_id: str = SYNC_ID
) -> SyncCursor:
    """The stored cursor (a fresh one if this sync never ran)."""
    async with factory() as session:
        row = await session.get(OpenDotaSync, sync_id)
    return SyncCursor() if row is None else SyncCursor(row.less_than_match_id, row.done)


async def reset_cursor(factory: async_sessionmaker[AsyncSession], sync_id: str = SYNC_ID) -> None:
    """Start again from the newest page (stored matches are still skipped)."""
    async with transaction(factory) as session:
        row = await session.get(OpenDotaSync, sync_id)
        if row is not None:
            await session.delete(row)


async def run_sync(
    factory: async_sessionmaker[AsyncSession],
    client: OpenDotaClient,
    where: SyncFilter,
    *,
    max_matches: int,
    sync_id: str = SYNC_ID,
    as_dataset: bool = False,
    report: SyncReport | None = None,
) -> SyncReport:
    """Sync from the stored cursor, storing each page and the cursor together.

    `report` is filled in as pages are stored (a job reads it for its progress).
    """
    report = report if report is not None else SyncReport()
    frames: list[pl.DataFrame] = []

    async def stored(ids: list[int]) -> set[int]:
        async with factory() as session:
            rows = await session.exec(
                select(MatchResult.match_id).where(col(MatchResult.match_id).in_(ids))
            )
            return set(rows.all())

    async def keep(page: Page) -> None:
        async with transaction(factory) as session:
            outcome = await insert_results(session, page.frame)
            row = await session.get(OpenDotaSync, sync_id) or OpenDotaSync(id=sync_id)
            row.less_than_match_id = page.cursor.less_than_match_id
            row.done = page.cursor.done
            row.matches_stored += outcome.inserted.height
            row.pages += 1
            row.updated_at = utcnow()
            session.add(row)
        report.pages += 1
        frames.append(page.frame)
        report.stored += outcome.inserted.height
        report.duplicates += outcome.duplicates
        for reason, n in page.skipped.items():
            report.skipped[reason] = report.skipped.get(reason, 0) + n

    cursor = await load_cursor(factory, sync_id)
    _, cursor = await sync(
        client, cursor, [], where, max_matches=max_matches, on_page=keep, lookup=stored
    )
    report.calls, report.done = client.calls, cursor.done
    if as_dataset and frames:
        report.dataset_id = await store_dataset(factory, pl.concat(frames))
    return report


async def store_dataset(
    factory: async_sessionmaker[AsyncSession], frame: pl.DataFrame
) -> str | None:
    """The matches a run fetched as a stored dataset (canonical CSV, one row per content)."""
    frame = frame.sort("match_id")
    if frame.height == 0:
        return None
    content = canonical_csv(frame)
    digest = hashlib.sha256(content).hexdigest()
    dataset_id = f"ds-{digest[:24]}"  # the same id rule as uploads (backend/api/data/datasets.py)
    first, last = frame["match_id"][0], frame["match_id"][-1]
    row = Dataset(
        id=dataset_id,
        filename=f"opendota-sync-{first}-{last}.csv",
        sha256=digest,
        n_matches=frame.height,
        size_bytes=len(content),
        content=gzip.compress(content, compresslevel=6, mtime=0),
        created_at=utcnow(),
    )
    async with transaction(factory) as session:
        await insert_if_absent(session, row)
    return dataset_id


async def store_pro_players(
    factory: async_sessionmaker[AsyncSession], client: OpenDotaClient
) -> int:
    """Fetch /proPlayers and cache their names (newest name wins)."""
    players = await client.pro_players()
    rows = [
        {
            "account_id": p["account_id"],
            "name": str(p.get("name") or "")[:255],
            "updated_at": utcnow(),
        }
        for p in players
        if p.get("name")
    ]
    table = ProPlayerName.__table__  # type: ignore[attr-defined]
    async with transaction(factory) as session:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            ids = [r["account_id"] for r in chunk]
            await session.exec(delete(table).where(table.c.account_id.in_(ids)))
            await session.exec(insert(table).values(chunk))
    return len(rows)
