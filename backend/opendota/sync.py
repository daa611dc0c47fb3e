"""Paged pro-match sync: /proMatches pages (newest first) -> /matches/{id} -> canonical rows.

A page is fetched whole before anything is returned: its list, then every new match's details;
a failure anywhere raises and nothing of that page is kept, so the caller can store a page's
matches and its cursor in one transaction and resume from the cursor. Matches are idempotent
by match_id (`known` ids are not fetched again). Details go through the one reader
(backend/matches: the OpenDota match JSON format), so synced rows are uploaded rows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from backend.matches.canonical import read_canonical
from backend.matches.heroes import hero_registry
from backend.matches.json_formats import Records, opendota_matches
from backend.matches.schema import HERO_COLUMNS, empty_frame
from backend.opendota.client import OpenDotaClient

UNKNOWN_HERO = "a hero id this service does not know yet"


@dataclass
class SyncCursor:
    """Where a sync stands: the next page is below `less_than_match_id` (None = newest)."""

    less_than_match_id: int | None = None
    done: bool = False


@dataclass
class SyncFilter:
    """Which pro matches to take: a time range and/or league ids (None = any)."""

    min_start_time: int | None = None
    max_start_time: int | None = None
    league_ids: frozenset[int] | None = None
    stop_below_match_id: int | None = None  # e.g. the newest match an earlier sync stored


@dataclass
class Page:
    """One page's outcome: canonical rows of new matches, what was left out, the next cursor."""

    frame: pl.DataFrame
    cursor: SyncCursor
    listed: int = 0
    fetched: int = 0
    skipped: dict[str, int] = field(default_factory=dict)


def _wanted(item: dict[str, Any], where: SyncFilter) -> bool:
    start = item.get("start_time")
    if where.league_ids is not None and item.get("leagueid") not in where.league_ids:
        return False
    if where.min_start_time is not None and (
        not isinstance(start, int) or start < where.min_start_time
    ):
        return False
    return not (
        where.max_start_time is not None and isinstance(start, int) and start > where.max_start_time
    )


def _known_heroes(raw: pl.DataFrame, skipped: dict[str, int]) -> pl.DataFrame:
    """Leave out (and count) matches with a hero newer than the bundled hero list."""
    valid = [str(h.id) for h in hero_registry().heroes]
    ok = pl.all_horizontal(pl.col(c).is_in(valid) for c in HERO_COLUMNS)
    kept = raw.filter(ok)
    if kept.height < raw.height:
        skipped[UNKNOWN_HERO] = skipped.get(UNKNOWN_HERO, 0) + raw.height - kept.height
    return kept


def to_canonical(details: list[dict[str, Any]], skipped: dict[str, int]) -> pl.DataFrame:
    """OpenDota match objects -> canonical rows (matches without a full draft counted)."""
    converted = opendota_matches(Records(shape="opendota_match", rows=details))
    for reason, n in converted.skipped.items():
        skipped[reason] = skipped.get(reason, 0) + n
    raw = _known_heroes(converted.raw, skipped)
    if raw.height == 0:
        return empty_frame()
    # Without a winner a match is no result: training and roll-forward both need one.
    labelled = raw.filter(pl.col("radiant_win").is_not_null())
    if labelled.height < raw.height:
        skipped["no result yet"] = skipped.get("no result yet", 0) + raw.height - labelled.height
    if labelled.height == 0:
        return empty_frame()
    return read_canonical(labelled, require_label=True, max_rows=None)


Lookup = Callable[[list[int]], Awaitable[set[int]]]


async def sync_page(
    client: OpenDotaClient,
    cursor: SyncCursor,
    known: Iterable[int],
    where: SyncFilter,
    lookup: Lookup | None = None,
) -> Page:
    """Fetch one /proMatches page and the details of its new, wanted matches.

    `known` ids (and those `lookup` finds stored) are not fetched again.
    """
    items = await client.pro_matches(cursor.less_than_match_id)
    if not items:
        return Page(empty_frame(), SyncCursor(cursor.less_than_match_id, done=True))
    lowest = min(int(m["match_id"]) for m in items)
    floor = where.stop_below_match_id
    done = floor is not None and lowest <= floor
    # Older than the range's start: pages are newest first, so nothing further is wanted.
    oldest = min((m.get("start_time") or 0) for m in items)
    if where.min_start_time is not None and oldest < where.min_start_time:
        done = True
    seen = set(known)
    if lookup is not None:
        seen |= await lookup([int(m["match_id"]) for m in items])
    ids: list[int] = []
    for item in items:
        match_id = int(item["match_id"])
        if (
            match_id in seen
            or (floor is not None and match_id <= floor)
            or not _wanted(item, where)
        ):
            continue
        seen.add(match_id)
        ids.append(match_id)
    details = [await client.match(match_id) for match_id in ids]
    skipped: dict[str, int] = {}
    frame = to_canonical(details, skipped) if details else empty_frame()
    return Page(frame, SyncCursor(lowest, done=done), len(items), len(details), skipped)


async def sync(
    client: OpenDotaClient,
    cursor: SyncCursor,
    known: Iterable[int],
    where: SyncFilter,
    *,
    max_matches: int,
    on_page: Callable[[Page], Awaitable[None]] | None = None,
    lookup: Lookup | None = None,
) -> tuple[pl.DataFrame, SyncCursor]:
    """Pages until the end, the filter's floor or max_matches; on_page stores each one whole."""
    seen = set(known)
    frames: list[pl.DataFrame] = []
    total = 0
    while not cursor.done and total < max_matches:
        page = await sync_page(client, cursor, seen, where, lookup)
        seen.update(page.frame["match_id"].to_list())
        if on_page is not None:
            await on_page(page)
        frames.append(page.frame)
        total += page.frame.height
        cursor = page.cursor
    frame = pl.concat(frames) if frames else empty_frame()
    return frame, cursor
