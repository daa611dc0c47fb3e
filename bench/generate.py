"""Large realistic match files: the bundled real matches resampled, with shifted ids and times.

Usage: `uv run python bench/generate.py --matches 1000000 --out big.csv [--real-accounts]`. Each
output match is a real bundled match (draft, players, result) drawn with replacement; match ids
are made unique and start times spread forward in time so time-ordered code sees a plausible,
growing history.

Two kinds of file: training frames (the default) give each pass over the real period a new
population of players (shifted account ids), as a large real dataset has more players; batch
files to *predict* (`real_accounts=True`, what `batch_bytes` makes) keep every real account id,
as a user's file of upcoming matches names players the model knows. A batch made the training
way would have only ~12 % of its players known to a model trained on the bundled set, which
skips most of the player look-ups and overstated rows/s 1.4-2x (issue 22, item 5).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import polars as pl

# Appended, not prepended: a caller that put another checkout first (BENCH_ROOT, the "before"
# runs) must keep importing that checkout's backend.
sys.path.append(str(Path(__file__).resolve().parent.parent))

from backend.matches import load_default_matches

ID_BASE = 10_000_000_000
ACCOUNT_SHIFT = 120_000_000  # real ids are < 1.2e9: 25 populations stay below 2**32 - 1
POPULATIONS = 25
DAY = 86_400


def resampled(
    n: int, seed: int = 0, labelled: bool = True, real_accounts: bool = False
) -> pl.DataFrame:
    """n matches drawn from the bundled set, unique match ids, increasing start times.

    ``real_accounts`` keeps the real account ids (no population shift): a batch to predict.
    """
    base = load_default_matches()
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.integers(0, base.height, n))  # sorted: keeps the real time order
    frame = base[pick]
    start = base["start_time"].drop_nulls()
    t0 = int(start.min() or 1_600_000_000) if len(start) else 1_600_000_000  # type: ignore[arg-type]
    # One "copy" of the real period per full pass over it, shifted forward in time.
    times = t0 + (np.arange(n, dtype=np.int64) * (365 * DAY) // max(base.height, 1))
    # Each pass over the real period is played by a new population of players (account ids
    # shifted per pass, 25 populations at most), so large files have many more players, as a
    # real large dataset would; draws within a pass keep the real teams together.
    passes = np.arange(n, dtype=np.int64) // max(base.height, 1)
    shift = pl.Series(np.zeros(n, np.int64) if real_accounts else passes % POPULATIONS)
    accounts = [c for c in base.columns if "account_id" in c]
    frame = frame.with_columns(
        (pl.Series(np.arange(n, dtype=np.int64)) + ID_BASE).alias("match_id"),
        pl.Series(times).alias("start_time"),
        *[(pl.col(c) + shift * ACCOUNT_SHIFT).alias(c) for c in accounts],
    )
    return frame if labelled else frame.drop("radiant_win")


def csv_bytes(n: int, seed: int = 0, labelled: bool = True, real_accounts: bool = False) -> bytes:
    """The resampled matches as canonical CSV bytes."""
    return resampled(n, seed, labelled, real_accounts).write_csv().encode()


def batch_bytes(n: int, seed: int = 0) -> bytes:
    """A file to predict: n unlabelled resampled matches with their real account ids."""
    return csv_bytes(n, seed, labelled=False, real_accounts=True)


def known_share(data: bytes, known_accounts: np.ndarray) -> float:
    """Share of the file's player slots whose account id is in ``known_accounts`` (sorted)."""
    frame = pl.read_csv(data, columns=None)
    cols = [c for c in frame.columns if "account_id" in c]
    slots = 10 * frame.height
    if not cols or not slots or not len(known_accounts):
        return 0.0
    ids = frame.select(cols).to_numpy().ravel()
    ids = ids[~np.isnan(ids)].astype(np.int64) if ids.dtype.kind == "f" else ids
    pos = np.minimum(np.searchsorted(known_accounts, ids), len(known_accounts) - 1)
    return float((known_accounts[pos] == ids).sum() / slots)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--matches", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--unlabelled", action="store_true")
    parser.add_argument("--real-accounts", action="store_true", help="a batch to predict")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.write_bytes(
        csv_bytes(args.matches, args.seed, not args.unlabelled, args.real_accounts)
    )
    print(f"{args.out}: {args.matches:,} matches, {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
