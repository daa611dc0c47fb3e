"""Win/loss counts per key (player, hero, hero pair, ...) from strictly earlier matches."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from backend.ml.key_index import KeyIndex


@dataclass(frozen=True)
class CountTable:
    """Final totals per key, stored sorted so look-ups are a vectorised binary search."""

    keys: np.ndarray  # (m,) int64, sorted unique
    games: np.ndarray  # (m,) float64
    wins: np.ndarray  # (m,) float64

    @cached_property
    def _index(self) -> tuple[KeyIndex, np.ndarray, np.ndarray]:
        """Key positions, and games/wins with a trailing 0 that position -1 (absent) reads.

        Built on first look-up and kept on the instance (not a dataclass field: never stored).
        """
        zero = np.zeros(1)
        games = np.concatenate([np.asarray(self.games, dtype=np.float64), zero])
        wins = np.concatenate([np.asarray(self.wins, dtype=np.float64), zero])
        return KeyIndex(self.keys), games, wins

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Totals for each key (0 games for keys never seen or negative = invalid)."""
        index, games, wins = self._index
        pos = index.find(keys)
        return games[pos], wins[pos]


def _by_key_then_time(flat_keys: np.ndarray) -> np.ndarray:
    """Positions of the valid (>= 0) keys, sorted by key and, within a key, by position.

    Positions are row-major, so within a key the events are in time order. Every branch
    returns the same permutation (what a lexsort by key, then row, gives); they differ in cost:
    small keys (heroes, hero pairs) take numpy's radix sort for 16-bit values, larger ones one
    unstable sort of key * size + position, which is unique per event.
    """
    sel = np.flatnonzero(flat_keys >= 0)
    keys = flat_keys[sel]
    top = int(keys.max()) if len(keys) else 0
    if top < 1 << 16:
        return sel[np.argsort(keys.astype(np.uint16), kind="stable")]
    size = len(flat_keys)
    if top < (np.iinfo(np.int64).max - size) // max(size, 1):
        combined = keys * size + sel
        combined.sort()
        return combined % size
    return sel[np.argsort(keys, kind="stable")]


def prior_counts(keys: np.ndarray, wins: np.ndarray) -> tuple[np.ndarray, np.ndarray, CountTable]:
    """For (n, k) keys in time order, games and wins of each key in strictly earlier rows.

    Negative keys are ignored (unknown players). A key may appear at most once per row, which
    holds for all our keys (one player or one hero pair per match). Returns the per-row counts
    and the totals after all rows, which is what serving uses.
    """
    n, k = keys.shape
    flat_keys = keys.ravel()
    order = _by_key_then_time(flat_keys)
    total = len(order)
    if total == 0:
        zeros = np.zeros((n, k))
        empty = np.zeros(0)
        return zeros, zeros.copy(), CountTable(np.zeros(0, np.int64), empty, empty)
    sk = flat_keys[order]
    new_group = np.empty(total, dtype=bool)
    new_group[0] = True
    np.not_equal(sk[1:], sk[:-1], out=new_group[1:])
    group_start = np.flatnonzero(new_group)
    del new_group
    group_keys = sk[group_start].astype(np.int64)
    del sk
    group_end = np.append(group_start[1:], total)
    sizes = group_end - group_start
    # Games before = position inside the key's group; the same values as the group-id version
    # (integers), with repeats of per-group numbers instead of gathers through a group id.
    position = np.arange(total)
    position -= np.repeat(group_start, sizes)
    games_out = np.zeros(n * k)
    games_out[order] = position
    del position
    sw = wins.ravel()[order].astype(np.float64)
    cum_wins = np.cumsum(sw)
    wins_before_group = np.concatenate([[0.0], cum_wins])[group_start]
    prior_wins = cum_wins - sw
    del sw
    prior_wins -= np.repeat(wins_before_group, sizes)
    wins_out = np.zeros(n * k)
    wins_out[order] = prior_wins
    del prior_wins
    table = CountTable(
        keys=group_keys,
        games=sizes.astype(np.float64),
        wins=cum_wins[group_end - 1] - wins_before_group,
    )
    return games_out.reshape(n, k), wins_out.reshape(n, k), table
