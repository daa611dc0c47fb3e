"""Mutated artifacts never kill a process: each is refused (the service's 409) or serves.

The loaders run in a child (tests/ml/artifact_fuzz.py) under a 3 GiB address-space limit, so a
crash shows as a signal and an allocation past the bounds as a failure, not as a dead test run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MUTATIONS = 300
SERVICE_OUTCOMES = {"refused", "refused as outdated", "served"}


def _fuzz(mode: str, seed: int) -> dict[str, int]:
    run = subprocess.run(
        [sys.executable, "-m", "tests.ml.artifact_fuzz", mode, str(MUTATIONS), str(seed)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, f"the loader process died ({run.returncode}): {run.stderr[-2000:]}"
    outcomes: dict[str, int] = json.loads(run.stdout.strip().splitlines()[-1])
    return outcomes


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["bytes", "structure"])
def test_mutated_artifacts_are_refused_or_served(mode: str) -> None:
    outcomes = _fuzz(mode, seed=1)
    assert sum(outcomes.values()) == MUTATIONS
    assert set(outcomes) <= SERVICE_OUTCOMES, outcomes  # nothing broken got through
    assert outcomes.get("refused", 0) >= MUTATIONS // 2, outcomes


@pytest.mark.slow
def test_mutated_cbm_blobs_never_kill_the_migration() -> None:
    """CatBoost's own loader (only the 0013 migration still feeds it, in a sandboxed child)."""
    outcomes = _fuzz("cbm", seed=1)
    deaths = outcomes.pop("child deaths", 0)
    assert sum(outcomes.values()) == MUTATIONS
    assert outcomes.get("converted", 0) >= 1  # the intact blob, at least
    assert deaths <= outcomes.get("refused", 0)
