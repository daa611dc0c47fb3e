"""Win/loss counts per key (player, hero, hero pair, ...) from strictly earlier matches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CountTable:
    """Final totals per key, stored sorted so look-ups are a vectorised binary search."""

    keys: np.ndarray  # (m,) int64, sorted unique
    games: np.ndarray  # (m,) float64
    wins: np.ndarray  # (m,) float64

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Totals for each key (0 games for keys never seen or negative = invalid)."""
        flat = keys.ravel()
        pos = np.searchsorted(self.keys, flat)
        pos = np.minimum(pos, max(len(self.keys) - 1, 0))
        found = (flat >= 0) & (len(self.keys) > 0)
        if len(self.keys):
            found &= self.keys[pos] == flat
        games = np.where(found, self.games[pos] if len(self.keys) else 0.0, 0.0)
        wins = np.where(found, self.wins[pos] if len(self.keys) else 0.0, 0.0)
        return games.reshape(keys.shape), wins.reshape(keys.shape)


def prior_counts(keys: np.ndarray, wins: np.ndarray) -> tuple[np.ndarray, np.ndarray, CountTable]:
    """For (n, k) keys in time order, games and wins of each key in strictly earlier rows.

    Negative keys are ignored (unknown players). A key may appear at most once per row, which
    holds for all our keys (one player or one hero pair per match). Returns the per-row counts
    and the totals after all rows, which is what serving uses.
    """
    n, k = keys.shape
    flat_keys = keys.ravel()
    flat_wins = wins.ravel().astype(np.float64)
    rows = np.repeat(np.arange(n), k)
    valid = flat_keys >= 0
    sel = np.flatnonzero(valid)
    # Stable sort by key, then by row: inside a key group events are in time order.
    order = sel[np.lexsort((rows[sel], flat_keys[sel]))]
    sk = flat_keys[order]
    sw = flat_wins[order]
    if len(sk) == 0:
        zeros = np.zeros((n, k))
        empty = np.zeros(0)
        return zeros, zeros.copy(), CountTable(np.zeros(0, np.int64), empty, empty)
    new_group = np.ones(len(sk), dtype=bool)
    new_group[1:] = sk[1:] != sk[:-1]
    group_start = np.flatnonzero(new_group)
    group_id = np.cumsum(new_group) - 1
    position = np.arange(len(sk)) - group_start[group_id]
    cum_wins = np.cumsum(sw)
    wins_before_group = np.concatenate([[0.0], cum_wins])[group_start]
    prior_wins = cum_wins - sw - wins_before_group[group_id]
    games_out = np.zeros(n * k)
    wins_out = np.zeros(n * k)
    games_out[order] = position
    wins_out[order] = prior_wins
    group_end = np.concatenate([group_start[1:], [len(sk)]])
    table = CountTable(
        keys=sk[group_start].astype(np.int64),
        games=(group_end - group_start).astype(np.float64),
        wins=cum_wins[group_end - 1] - wins_before_group,
    )
    return games_out.reshape(n, k), wins_out.reshape(n, k), table
