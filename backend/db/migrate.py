"""Run alembic migrations programmatically (the run command and tests use this)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from backend.settings import REPO_ROOT


def alembic_config(database_url: str) -> Config:
    """Alembic config for this repository, pointed at one database."""
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade_to_head(database_url: str) -> None:
    """Create or update the schema; for SQLite the folder of the file is created first."""
    if database_url.startswith("sqlite") and ":///" in database_url:
        path = database_url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(database_url), "head")


if __name__ == "__main__":
    # `python -m backend.db.migrate`: the one-shot migrate step of a deployment.
    from backend.settings import get_settings

    upgrade_to_head(get_settings().database_url)
