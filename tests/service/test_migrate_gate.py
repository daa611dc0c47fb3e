"""The migration gate of a deployment: `python -m backend.db.migrate --wait` (initContainers)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backend.db.migrate import schema_at_head, upgrade_to_head
from backend.settings import REPO_ROOT


def _wait(database_url: str, seconds: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "APP_DATABASE_URL": database_url}
    return subprocess.Popen(
        [sys.executable, "-m", "backend.db.migrate", "--wait", seconds],
        cwd=REPO_ROOT,
        env=env,
        stderr=subprocess.PIPE,
    )


def test_wait_fails_on_an_unmigrated_database_and_leaves_it_alone(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    waiting = _wait(url, "0")
    _, stderr = waiting.communicate(timeout=60)
    assert waiting.returncode == 1
    assert b"not at head" in stderr
    assert not schema_at_head(url)  # waiting never migrates


def test_wait_returns_once_another_process_migrated(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
    waiting = _wait(url, "120")
    upgrade_to_head(url)  # the migrate Job
    assert waiting.wait(timeout=120) == 0
    assert schema_at_head(url)
