"""The bundled default dataset and hero list load and look like real pro data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backend.matches import CANONICAL_SCHEMA, HERO_COLUMNS, hero_registry, load_default_matches
from backend.matches.resources import DEFAULT_MATCHES_CSV_GZ, HEROES_JSON

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared" / "data"


def test_default_dataset_loads() -> None:
    frame = load_default_matches()
    assert frame.height > 10_000
    assert dict(frame.schema) == CANONICAL_SCHEMA
    assert frame["match_id"].is_unique().all()
    assert frame["match_id"].is_sorted()
    assert frame["radiant_win"].null_count() == 0
    rate = frame["radiant_win"].mean()
    assert isinstance(rate, float) and 0.5 < rate < 0.56
    valid = [h.id for h in hero_registry().heroes]
    for column in HERO_COLUMNS:
        assert frame[column].is_in(valid).all(), column


def test_default_dataset_is_a_fresh_copy_each_time() -> None:
    first = load_default_matches()
    first.drop_in_place("match_id")
    assert "match_id" in load_default_matches().columns


def test_resources_are_small_and_well_formed() -> None:
    assert DEFAULT_MATCHES_CSV_GZ.stat().st_size < 20 * 1024 * 1024
    heroes = json.loads(HEROES_JSON.read_text(encoding="utf-8"))
    assert len(heroes) == 127
    assert set(heroes[0]) == {"id", "name", "short_name", "primary_attr", "attack_type", "roles"}
    assert [h["id"] for h in heroes] == sorted(h["id"] for h in heroes)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="shared source data not available")
def test_committed_resources_match_the_build_script() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/build_default_dataset.py", "--check", "--shared", str(SHARED)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_bundled_file_states_its_terms_with_the_licence_text_beside_it() -> None:
    resources = DEFAULT_MATCHES_CSV_GZ.parent
    provenance = (resources / "PROVENANCE.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in resources.iterdir() if p.suffix in {".gz", ".json"})
    assert files == ["default_matches.csv.gz", "default_matches_gpl3.csv.gz", "heroes.json"]
    for name in files:
        row = next(line for line in provenance.splitlines() if line.startswith(f"| `{name}` |"))
        assert any(terms in row for terms in ("MIT", "GPL-3.0", "no licence stated")), row
    gpl = (resources / "COPYING.GPL-3.0").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in gpl and "Version 3, 29 June 2007" in gpl
    assert "MIT License" in (resources / "LICENSE.dotaconstants").read_text(encoding="utf-8")
    assert "MIT License" in (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
