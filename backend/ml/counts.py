"""Win/loss counts per key (player, hero, hero pair, ...) from strictly earlier matches.

Counts are plain (every earlier game weighs 1) or decayed: a game ``t`` days before the
match it informs weighs ``2 ** (-t / half_life)``, so a hero's strength follows the meta. A
decayed table holds the weighted totals as of the state's last match day; serving reads it
"right after" that day, as it reads ratings (``HistoryState.end_day``).
"""

from __future__ import annotations

import math
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


def decay_rate(half_life_days: float) -> float:
    """Decay per day of a half-life in days; 0 (plain counts) for a half-life of 0."""
    return math.log(2.0) / half_life_days if half_life_days > 0 else 0.0


def decay_factor(rate: float, days: float | np.ndarray) -> np.ndarray:
    """Weight of a total ``days`` later (1 for plain counts)."""
    return np.exp(-rate * np.asarray(days, dtype=np.float64))


def segmented_cumsum(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Inclusive running sums restarting at each group; groups are contiguous, ``starts`` sorted.

    One global cumsum minus each group's start would subtract totals of other keys from tiny
    decayed weights (catastrophic cancellation), so each group is summed on its own. A loop
    over groups: the decayed statistics have few keys (heroes and hero pairs, at most ~12k).
    """
    out = np.empty_like(values, dtype=np.float64)
    if len(values) == 0:
        return out
    ends = np.append(starts[1:], len(values))
    for begin, end in zip(starts.tolist(), ends.tolist(), strict=True):
        np.cumsum(values[begin:end], out=out[begin:end])
    return out


def _groups(
    flat_keys: np.ndarray, order: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each key's run in ``order`` (events sorted by key, then time): key, start, end, size."""
    total = len(order)
    sk = flat_keys[order]
    new_group = np.empty(total, dtype=bool)
    new_group[0] = True
    np.not_equal(sk[1:], sk[:-1], out=new_group[1:])
    group_start = np.flatnonzero(new_group)
    del new_group
    group_keys = sk[group_start].astype(np.int64)
    group_end = np.append(group_start[1:], total)
    return group_keys, group_start, group_end, group_end - group_start


def prior_counts(
    keys: np.ndarray, wins: np.ndarray, days: np.ndarray | None = None, rate: float = 0.0
) -> tuple[np.ndarray, np.ndarray, CountTable]:
    """For (n, k) keys in time order, games and wins of each key in strictly earlier rows.

    Negative keys are ignored (unknown players). A key may appear at most once per row, which
    holds for all our keys (one player or one hero pair per match). Returns the per-row counts
    and the totals after all rows, which is what serving uses. With ``rate`` > 0 and the rows'
    ``days``, earlier games are decayed to each row's day and the totals to the last row's.
    """
    n, k = keys.shape
    flat_keys = keys.ravel()
    order = _by_key_then_time(flat_keys)
    total = len(order)
    if total == 0:
        zeros = np.zeros((n, k))
        empty = np.zeros(0)
        return zeros, zeros.copy(), CountTable(np.zeros(0, np.int64), empty, empty)
    if rate > 0 and days is not None:
        return _decayed_counts(flat_keys, order, wins, days, rate, (n, k))
    group_keys, group_start, group_end, sizes = _groups(flat_keys, order)
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


def _decayed_counts(
    flat_keys: np.ndarray,
    order: np.ndarray,
    wins: np.ndarray,
    days: np.ndarray,
    rate: float,
    shape: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray, CountTable]:
    """prior_counts with decay: weights relative to each key's last game (<= 1, no overflow).

    A row's decayed count is sum(w_e for earlier e) / w_row with w = exp(rate * (day - the
    key's last day)); both are sums and products of positive numbers, so they stay accurate.
    Weights underflow only for a key whose games span more than 700 / rate days (about 80
    years at the 30-day default half-life; the half-life's minimum keeps it over 19 years).
    """
    n, k = shape
    group_keys, group_start, group_end, sizes = _groups(flat_keys, order)
    # w = exp(rate * (day - the key's last day)), built in place (large files: n x 25 entries).
    row = order // k
    w = np.asarray(days, dtype=np.float64)[row]
    del row
    last = w[group_end - 1]
    w -= np.repeat(last, sizes)
    w *= rate
    np.exp(w, out=w)
    won = wins.ravel()[order].astype(np.float64)
    won *= w
    cum_w = segmented_cumsum(w, group_start)
    cum_won = segmented_cumsum(won, group_start)
    to_end = decay_factor(rate, float(days[-1]) - last)
    table = CountTable(
        keys=group_keys,
        games=cum_w[group_end - 1] * to_end,
        wins=cum_won[group_end - 1] * to_end,
    )
    # Each per-entry array is freed as soon as it is used up: at 1M matches one is 200 MB.
    games_out = np.zeros(n * k)
    cum_w -= w  # the games strictly before each one
    cum_w /= w
    games_out[order] = cum_w
    del cum_w
    cum_won -= won
    del won
    cum_won /= w
    del w
    wins_out = np.zeros(n * k)
    wins_out[order] = cum_won
    del cum_won
    return games_out.reshape(n, k), wins_out.reshape(n, k), table
