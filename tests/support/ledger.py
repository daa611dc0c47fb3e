"""Ledger helpers of the tests: read every recorded prediction, and store hand-made ones."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from backend.db.engine import make_engine, make_session_factory
from backend.ledger.store import NO_MATCH, ROW, Batch, LedgerEntry, read_entries, to_us


async def ledger_entries(url: str) -> list[LedgerEntry]:
    """Every recorded prediction in the database at ``url``."""
    engine = make_engine(url)
    try:
        async with make_session_factory(engine)() as session:
            return await read_entries(session)
    finally:
        await engine.dispose()


def batches_of(entries: Sequence[LedgerEntry]) -> list[Batch]:
    """Entries packed into batches, one per model (ids must read f"{prefix}-{row}")."""
    groups: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.model_id, []).append(entry)
    out = []
    for model_id, group in groups.items():
        requests: dict[tuple[str, str], int] = {}
        rows = np.zeros(len(group), dtype=ROW)
        for i, entry in enumerate(group):
            prefix, row = entry.id.rsplit("-", 1)
            request = requests.setdefault((prefix, entry.source), len(requests))
            rows[i] = (
                NO_MATCH if entry.match_id is None else entry.match_id,
                to_us(entry.created_at),
                entry.radiant_win_probability,
                request,
                int(row),
                round(entry.unknown_player_share * 10),
                round(entry.unknown_hero_share * 10),
                entry.heroes,
            )
        batch_id = f"{group[0].id}:{model_id}"[:64]
        out.append(Batch(batch_id, model_id, [list(r) for r in requests], rows))
    return out
