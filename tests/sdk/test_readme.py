"""The README's SDK snippet runs in a fresh virtual environment with a bare `pip install ./sdk`."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from backend.settings import REPO_ROOT
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow
UV = shutil.which("uv") or str(REPO_ROOT / ".tools" / "bin" / "uv")


def readme_snippet() -> str:
    """The README's first Python block that uses DotaPredict."""
    blocks = re.findall(r"```python\n(.*?)```", (REPO_ROOT / "README.md").read_text(), re.S)
    return next(b for b in blocks if "DotaPredict(" in b)


def test_the_readme_snippet_runs_from_a_bare_install(
    service: LiveService, default_model_id: str, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([UV, "venv", "-q", "-p", "3.11", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [UV, "pip", "install", "-q", "--python", python, str(REPO_ROOT / "sdk")], check=True
    )
    no_pandas = subprocess.run([python, "-c", "import pandas"], capture_output=True)
    assert no_pandas.returncode != 0  # a bare install: no extras
    script = tmp_path / "snippet.py"
    script.write_text(readme_snippet().replace("http://127.0.0.1:8000", service.base_url))
    result = subprocess.run(
        [python, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "trained on matches.csv" in result.stdout
    assert "Radiant wins with p = 0." in result.stdout and "predictions" in result.stdout
