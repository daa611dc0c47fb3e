"""Where the bundled data files live (committed; never /work/shared at run time)."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
HEROES_JSON = RESOURCES_DIR / "heroes.json"
DEFAULT_MATCHES_CSV_GZ = RESOURCES_DIR / "default_matches.csv.gz"
