"""The committed spec and generated SDK match a fresh generation from the app."""

from __future__ import annotations

import subprocess
import sys

from backend.settings import REPO_ROOT


def test_generated_sdk_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/generate_sdk.py", "--check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}\nrun `make sdk`"
