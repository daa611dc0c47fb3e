"""Rebuild sample_matches.csv.gz: the latest 4,000 bundled matches (they all have a start time).

Run from the repo root: uv run python streamlit_app/data/make_sample.py
Deterministic (gzip mtime 0), so rerunning it leaves the committed file unchanged.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "backend" / "resources" / "default_matches.csv.gz"
TARGET = HERE / "sample_matches.csv.gz"
SAMPLE_MATCHES = 4000


def main() -> None:
    """Copy the tail of the bundled dataset; data only, no backend code is imported."""
    frame = pl.read_csv(SOURCE, infer_schema=False).tail(SAMPLE_MATCHES)
    TARGET.write_bytes(gzip.compress(frame.write_csv().encode(), compresslevel=9, mtime=0))
    print(f"wrote {TARGET} ({frame.height} matches, {TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
