"""One sync run with its options: what `make sync`, the worker job and the schedule all call."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.opendota.client import OpenDotaClient
from backend.opendota.store import SyncReport, reset_cursor, run_sync, store_pro_players
from backend.opendota.sync import SyncFilter


@dataclass(frozen=True)
class SyncOptions:
    """What to take (time range and/or leagues, at most max_matches) and what to keep."""

    max_matches: int = 1000
    min_start_time: int | None = None
    max_start_time: int | None = None
    league_ids: tuple[int, ...] | None = None
    players: bool = False  # also cache /proPlayers names
    as_dataset: bool = False  # also store the run's matches as a dataset
    reset: bool = False  # start from the newest page again (stored matches are still skipped)

    def where(self) -> SyncFilter:
        """The page filter these options mean."""
        return SyncFilter(
            min_start_time=self.min_start_time,
            max_start_time=self.max_start_time,
            league_ids=frozenset(self.league_ids) if self.league_ids else None,
        )

    def to_json(self) -> dict[str, Any]:
        """For the job row's JSON column."""
        out = asdict(self)
        out["league_ids"] = list(self.league_ids) if self.league_ids else None
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SyncOptions:
        """Back from the job row (unknown keys from a newer version are ignored)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if known.get("league_ids"):
            known["league_ids"] = tuple(int(i) for i in known["league_ids"])
        return cls(**known)


async def run_once(
    factory: async_sessionmaker[AsyncSession],
    client: OpenDotaClient,
    options: SyncOptions,
    report: SyncReport,
    *,
    first_attempt: bool = True,
) -> SyncReport:
    """Run one sync into the database; OpenDotaError says why it could not.

    A retried attempt does not reset the cursor again: it resumes where the killed one stopped.
    """
    if options.reset and first_attempt:
        await reset_cursor(factory)
    if options.players:
        report.player_names = await store_pro_players(factory, client)
    return await run_sync(
        factory,
        client,
        options.where(),
        max_matches=options.max_matches,
        as_dataset=options.as_dataset,
        report=report,
    )
