"""Run alembic migrations programmatically (the run command and tests use this).

`python -m backend.db.migrate` upgrades to head (the one-shot migrate step of a deployment);
`--wait SECONDS` only waits until another process has done so (a Kubernetes initContainer keeps
API and worker pods of a new image from starting before their schema is there).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

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


async def _current_heads(database_url: str) -> set[str]:
    from backend.db.engine import make_engine

    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            heads = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_heads()
            )
    finally:
        await engine.dispose()
    return set(heads)


def schema_at_head(database_url: str) -> bool:
    """True when the database's revision is this code's alembic head (False if unreachable)."""
    wanted = set(ScriptDirectory.from_config(alembic_config(database_url)).get_heads())
    try:
        return asyncio.run(_current_heads(database_url)) == wanted
    except Exception:  # not reachable yet, or no alembic_version table yet
        return False


def wait_for_head(database_url: str, timeout: float, interval: float = 2.0) -> bool:
    """Poll until the schema is at head; False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if schema_at_head(database_url):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def main(argv: list[str] | None = None) -> int:
    """Upgrade to head, or with --wait only wait for it."""
    from backend.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="do not migrate: exit 0 once the schema is at head, 1 after SECONDS without",
    )
    args = parser.parse_args(argv)
    url = get_settings().database_url
    if args.wait is None:
        upgrade_to_head(url)
        return 0
    if wait_for_head(url, args.wait):
        return 0
    print(f"schema not at head after {args.wait:g} s (has the migrate Job run?)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
