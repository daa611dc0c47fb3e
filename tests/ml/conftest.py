"""Shared helpers for the backend.ml tests."""

from __future__ import annotations

import sys
from pathlib import Path

# The project is not installed as a package (uv package = false), so make `backend` importable.
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
