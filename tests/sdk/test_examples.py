"""The example scripts run against the live service, as a user would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backend.settings import REPO_ROOT
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow
EXAMPLES = REPO_ROOT / "sdk" / "examples"


def run_example(name: str, *args: str) -> str:
    """Run one script with the venv's Python; returns its stdout, fails with its output."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, (
        f"{name} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def test_train_and_compare(
    service: LiveService, default_model_id: str, training_csv_path: Path
) -> None:
    out = run_example(
        "train_and_compare.py",
        str(training_csv_path),
        "--url",
        service.base_url,
        "--iterations",
        "60",
        "--model-id",
        "example-cb",
    )
    assert f"active model: {default_model_id}" in out
    assert "running" in out and "succeeded" in out and "roc_auc" in out
    assert "example-cb" in out and "different datasets" in out


def test_predict_batch(service: LiveService, default_model_id: str, tmp_path: Path) -> None:
    out_file = tmp_path / "predictions.csv"
    out = run_example("predict_batch.py", "--url", service.base_url, "--out", str(out_file))
    assert f"predicted by {default_model_id}" in out and "labelled matches" in out
    assert out_file.read_text().startswith("match_id,radiant_win_probability,winner")


def test_draft_async(service: LiveService, default_model_id: str) -> None:
    out = run_example(
        "draft_async.py", "--url", service.base_url, "--radiant", "1,Axe:87278757,3,4,5"
    )
    assert f"* {default_model_id}" in out and f"why {default_model_id} says" in out


def test_champion_challenger(
    service: LiveService, default_model_id: str, training_csv_path: Path
) -> None:
    out = run_example(
        "champion_challenger.py",
        str(training_csv_path),
        "--train",
        str(training_csv_path),
        "--challenger",
        "example-heroes-only",
        "--url",
        service.base_url,
    )
    assert "example-heroes-only" in out and "(active)" in out
    assert "promoted: False" in out and "not promoted" in out
    assert f"active model now: {default_model_id}" in out
    assert "activation history" in out


def test_draft_helper(service: LiveService, default_model_id: str) -> None:
    out = run_example(
        "draft_helper.py", "--url", service.base_url, "--radiant", "Axe,Lion", "--top", "3"
    )
    assert f"model {default_model_id}" in out and " 1. " in out and " 3. " in out
    out = run_example("draft_helper.py", "--url", service.base_url, "--complete")
    assert out.count(" picks ") == 10 and "P(radiant wins)" in out
