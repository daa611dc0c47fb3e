"""Pro player names cached from OpenDota /proPlayers, looked up by account id."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import ProPlayerName

_CHUNK = 500


async def names_for(session: AsyncSession, account_ids: list[int]) -> dict[int, str]:
    """account id -> name for the ids whose name is cached (others are absent)."""
    found: dict[int, str] = {}
    for start in range(0, len(account_ids), _CHUNK):
        chunk = account_ids[start : start + _CHUNK]
        rows = await session.exec(
            select(ProPlayerName.account_id, ProPlayerName.name).where(
                col(ProPlayerName.account_id).in_(chunk)
            )
        )
        found.update({int(a): str(n) for a, n in rows.all()})
    return found
