"""OpenDota sync: its resumable cursor, and cached pro player names

opendota_sync holds one row per sync (id "pro"): the next /proMatches page is below
less_than_match_id; a page's matches (in match_results) and the cursor move in one transaction.
pro_player_names caches /proPlayers names by account id.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 01:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "opendota_sync",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("less_than_match_id", sa.BigInteger(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("matches_stored", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("pages", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "pro_player_names",
        sa.Column("account_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pro_player_names")
    op.drop_table("opendota_sync")
