"""Where the bundled data files live (committed; never /work/shared at run time)."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
HEROES_JSON = RESOURCES_DIR / "heroes.json"
# The bundled default dataset is two files, one per licence (see PROVENANCE.md).
DEFAULT_MATCHES_CSV_GZ = RESOURCES_DIR / "default_matches.csv.gz"  # no licence stated upstream
DEFAULT_MATCHES_GPL_CSV_GZ = RESOURCES_DIR / "default_matches_gpl3.csv.gz"  # GPL-3.0-derived
DEFAULT_MATCH_FILES = (DEFAULT_MATCHES_CSV_GZ, DEFAULT_MATCHES_GPL_CSV_GZ)
