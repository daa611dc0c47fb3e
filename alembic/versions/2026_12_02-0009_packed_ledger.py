"""the prediction ledger stores packed batches instead of a row per prediction

prediction_records (a row and four index entries per served prediction: ~6 µs each on SQLite,
a seventh of predict_csv's own cost per row) becomes prediction_batches: a row per model per
flush of an API process's buffer, its predictions packed in one little-endian array (format 1,
below; backend.ledger.store reads and writes it). Existing records are converted, grouped per
model; downgrade unpacks them again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:30:00
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Format 1 of a packed row, frozen here: the application's copy may move on to a format 2.
ROW = np.dtype(
    [
        ("match_id", "<i8"),
        ("created_us", "<i8"),
        ("probability", "<f8"),
        ("request", "<u4"),
        ("row", "<u4"),
        ("unknown_players", "u1"),
        ("unseen_heroes", "u1"),
        ("heroes", "<i2", (10,)),
    ]
)
NO_MATCH = -1
BATCH_ROWS = 100_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

batches = sa.table(
    "prediction_batches",
    sa.column("id", sa.String),
    sa.column("model_id", sa.String),
    sa.column("n_rows", sa.Integer),
    sa.column("match_min", sa.BigInteger),
    sa.column("match_max", sa.BigInteger),
    sa.column("first_at", sa.DateTime(timezone=True)),
    sa.column("last_at", sa.DateTime(timezone=True)),
    sa.column("requests", sa.JSON),
    sa.column("payload_format", sa.Integer),
    sa.column("payload", sa.LargeBinary),
)
records = sa.table(
    "prediction_records",
    sa.column("id", sa.String),
    sa.column("model_id", sa.String),
    sa.column("match_id", sa.BigInteger),
    sa.column("radiant_win_probability", sa.Float),
    sa.column("unknown_player_share", sa.Float),
    sa.column("unknown_hero_share", sa.Float),
    sa.column("heroes", sa.String),
    sa.column("source", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _us(moment: datetime) -> int:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return (aware - EPOCH) // timedelta(microseconds=1)


def _at(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=int(us))


def _pack(model_id: str, group: list[Any]) -> dict[str, Any]:
    """One batch of a model's records (ids "prefix-row", as the recorder made them)."""
    requests: dict[tuple[str, str], int] = {}
    rows = np.zeros(len(group), dtype=ROW)
    for i, r in enumerate(group):
        prefix, _, row = r.id.rpartition("-")
        if not prefix or not row.isdigit():  # not a recorder id: keep it whole as the prefix
            prefix, row = r.id, "0"
        request = requests.setdefault((prefix, r.source), len(requests))
        rows[i] = (
            NO_MATCH if r.match_id is None else r.match_id,
            _us(r.created_at),
            r.radiant_win_probability,
            request,
            int(row),
            round(r.unknown_player_share * 10),
            round(r.unknown_hero_share * 10),
            [int(h) for h in r.heroes.split(",")],
        )
    known = rows["match_id"][rows["match_id"] != NO_MATCH]
    return {
        "id": f"{group[0].id}:{model_id}"[:64],
        "model_id": model_id,
        "n_rows": len(rows),
        "match_min": int(known.min()) if known.size else None,
        "match_max": int(known.max()) if known.size else None,
        "first_at": _at(rows["created_us"].min()),
        "last_at": _at(rows["created_us"].max()),
        "requests": [list(key) for key in requests],
        "payload_format": 1,
        "payload": rows.tobytes(),
    }


def upgrade() -> None:
    op.create_table(
        "prediction_batches",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("model_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("n_rows", sa.Integer(), nullable=False),
        sa.Column("match_min", sa.BigInteger(), nullable=True),
        sa.Column("match_max", sa.BigInteger(), nullable=True),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requests", sa.JSON(), nullable=False),
        sa.Column("payload_format", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("prediction_batches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_prediction_batches_last_at"), ["last_at"], unique=False
        )
        batch_op.create_index(
            "ix_prediction_batches_model_last", ["model_id", "last_at"], unique=False
        )

    connection = op.get_bind()
    model_ids = [r[0] for r in connection.execute(sa.select(records.c.model_id).distinct()).all()]
    for model_id in model_ids:
        result = connection.execute(
            sa.select(records)
            .where(records.c.model_id == model_id)
            .order_by(records.c.created_at, records.c.id)
        )
        while group := result.fetchmany(BATCH_ROWS):
            connection.execute(batches.insert().values(_pack(model_id, list(group))))

    with op.batch_alter_table("prediction_records", schema=None) as batch_op:
        batch_op.drop_index("ix_prediction_records_model_match")
        batch_op.drop_index("ix_prediction_records_model_created")
        batch_op.drop_index(batch_op.f("ix_prediction_records_created_at"))
    op.drop_table("prediction_records")


def downgrade() -> None:
    op.create_table(
        "prediction_records",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("model_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("match_id", sa.BigInteger(), nullable=True),
        sa.Column("radiant_win_probability", sa.Float(), nullable=False),
        sa.Column("unknown_player_share", sa.Float(), nullable=False),
        sa.Column("unknown_hero_share", sa.Float(), nullable=False),
        sa.Column("heroes", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("prediction_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_prediction_records_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            "ix_prediction_records_model_created", ["model_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_prediction_records_model_match", ["model_id", "match_id"], unique=False
        )

    connection = op.get_bind()
    for batch in connection.execute(sa.select(batches)).all():
        requests = batch.requests
        if not isinstance(requests, list):  # JSON text where the driver does not decode it
            requests = json.loads(requests)
        rows = np.frombuffer(batch.payload, dtype=ROW)
        values = [
            {
                "id": f"{requests[int(r['request'])][0]}-{int(r['row'])}",
                "model_id": batch.model_id,
                "match_id": None if int(r["match_id"]) == NO_MATCH else int(r["match_id"]),
                "radiant_win_probability": float(r["probability"]),
                "unknown_player_share": int(r["unknown_players"]) / 10,
                "unknown_hero_share": int(r["unseen_heroes"]) / 10,
                "heroes": ",".join(str(int(h)) for h in r["heroes"]),
                "source": requests[int(r["request"])][1],
                "created_at": _at(int(r["created_us"])),
            }
            for r in rows
        ]
        if values:
            connection.execute(records.insert(), values)

    with op.batch_alter_table("prediction_batches", schema=None) as batch_op:
        batch_op.drop_index("ix_prediction_batches_model_last")
        batch_op.drop_index(batch_op.f("ix_prediction_batches_last_at"))
    op.drop_table("prediction_batches")
