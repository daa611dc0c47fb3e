"""Migration 0009 packs the row-per-prediction ledger into batches and unpacks it on downgrade."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from backend.db.engine import as_utc
from backend.db.migrate import alembic_config, upgrade_to_head
from backend.ledger.store import LedgerEntry
from tests.support.ledger import ledger_entries
from tests.support.postgres import temporary_database

START = datetime(2026, 11, 30, 12, 0, 0, 123456, tzinfo=UTC)
COLUMNS = (
    "id, model_id, match_id, radiant_win_probability, unknown_player_share, "
    "unknown_hero_share, heroes, source, created_at"
)


def _old_rows() -> list[dict[str, Any]]:
    """Rows as the 0008 recorder wrote them: two models, files and drafts, ids prefix-row."""
    rows = []
    for i in range(7):
        rows.append(
            {
                "id": f"00aa11bb22cc33dd0000000{i % 2}-{i}",
                "model_id": "lr" if i < 5 else "cb",
                "match_id": None if i == 3 else 7_000_000_000 + i,
                "radiant_win_probability": 0.1 + i / 10,
                "unknown_player_share": i / 10,
                "unknown_hero_share": 0.1 if i == 4 else 0.0,
                "heroes": ",".join(str(h + i) for h in range(1, 11)),
                "source": "predict" if i == 3 else "predict_csv",
                "created_at": START + timedelta(seconds=i, microseconds=i),
            }
        )
    return rows


def _entry(row: dict[str, Any]) -> LedgerEntry:
    return LedgerEntry(**{**row, "heroes": [int(h) for h in row["heroes"].split(",")]})


async def _execute(url: str, sql: str, rows: list[dict[str, Any]] | None = None) -> list[Any]:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        result = await connection.execute(text(sql), rows or {})
        out = [dict(r._mapping) for r in result.all()] if result.returns_rows else []
    await engine.dispose()
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'ledger.db'}"
    else:
        with temporary_database() as url:
            yield url


def test_recorded_rows_survive_the_upgrade_and_the_downgrade(database: str) -> None:
    old = _old_rows()
    command.upgrade(alembic_config(database), "0008")
    marks = ", ".join(f":{name.strip()}" for name in COLUMNS.split(","))
    insert = f"INSERT INTO prediction_records ({COLUMNS}) VALUES ({marks})"
    asyncio.run(_execute(database, insert, old))

    upgrade_to_head(database)
    entries = asyncio.run(ledger_entries(database))
    assert sorted(entries, key=lambda e: e.id) == sorted(map(_entry, old), key=lambda e: e.id)
    batches = asyncio.run(_execute(database, "SELECT model_id, n_rows FROM prediction_batches"))
    assert sorted((b["model_id"], b["n_rows"]) for b in batches) == [("cb", 2), ("lr", 5)]

    command.downgrade(alembic_config(database), "0008")
    back = asyncio.run(_execute(database, f"SELECT {COLUMNS} FROM prediction_records"))
    for row in back:  # SQLite hands raw SQL's datetimes back as text
        at = row["created_at"]
        row["created_at"] = as_utc(datetime.fromisoformat(at) if isinstance(at, str) else at)
    assert sorted(back, key=lambda r: r["id"]) == sorted(old, key=lambda r: r["id"])
