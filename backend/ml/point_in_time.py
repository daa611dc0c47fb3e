"""A model's state at any point of its results timeline, without rebuilding it per match.

A model serves its artifact's state advanced by the stored results in time order
(``rollforward.py``). A match with a known position must be predicted from that state advanced
only by the results *strictly before* it: never its own result, never a later one. ``Timeline``
holds the artifact's state and the results it would apply, and answers for every query row the
pre-match inputs of the state after the first ``k`` results, for a different ``k`` per row, in
one vectorised pass:

- ratings: one online pass over the results records each player's values right after each of
  their matches; a row looks up its players' last match before its cut-off (or the artifact's
  values, or the prior) and inflates the variance to the cut-off's day, as ``build_from_state``
  does for the advanced state;
- counts: the artifact's totals plus the results' entries of the same key before the cut-off
  (entries sorted by key, then result index, with cumulative wins); decayed statistics (hero
  statistics, ``history.DECAYED_STATS``) weigh both by their age on the cut-off's day.

Every value equals ``build_from_state(arrays, advance_state(base, results[:k]))``: exactly for
the ratings (the same floating-point operations on the same numbers; ``run_ratings`` is exact
under any prefix) and the plain counts (sums of integers), up to rounding for the decayed
counts. ``tests/ml/test_point_in_time.py`` checks it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from backend.ml.counts import decay_factor, segmented_cumsum
from backend.ml.frame import NO_TIME, UNKNOWN, MatchArrays, prepare_matches
from backend.ml.history import STATS, HistoryState, PreMatch, assemble, stat_key, win_view
from backend.ml.ratings import inflate, run_ratings
from backend.ml.rollforward import applicable, reindexed_start


@dataclass(frozen=True)
class _Entries:
    """One statistic's result entries sorted by (key rank, result index)."""

    keys: np.ndarray  # unique valid keys, sorted
    order: np.ndarray  # rank * (R + 1) + result index, sorted
    cum_wins: np.ndarray  # (len(order) + 1,) wins before each sorted entry
    # Decayed statistics: per key, running sums (inclusive, restarting at each key) of the
    # weights exp(rate * (day - last result day)) and of the weighted wins; None if plain.
    cum_weight: np.ndarray | None = None
    cum_weighted_wins: np.ndarray | None = None


class Timeline:
    """The artifact state ``base`` and the results it applies, queryable at any cut-off."""

    def __init__(self, base: HistoryState, results: pl.DataFrame) -> None:
        self.base = base
        chosen = applicable(base, results)
        arrays, days = chosen.arrays, chosen.days
        self.match_id = arrays.match_id
        self.start_time = arrays.start_time
        self.days = days
        self.n = n = len(arrays)
        acc = arrays.accounts
        self.accounts = np.union1d(base.accounts, acc[acc != UNKNOWN]).astype(np.int64)
        n_players = len(self.accounts)
        idx = self._index(acc)
        self._span = n + 1
        configs = base.rating_configs
        self._prior = np.array([c.prior_var for c in configs])
        self._drift = np.array([c.drift_var for c in configs])
        self._time = np.array([c.time_var for c in configs])
        y = arrays.radiant_win if arrays.radiant_win is not None else np.zeros(0)
        if n:
            start, _ = reindexed_start(base, self.accounts)
            run = run_ratings(
                idx, y, days, n_players, list(configs), record=False, start=start, record_post=True
            )
            assert run.post_mu is not None and run.post_var is not None
            rows, slots = np.nonzero(idx >= 0)
            players = idx[rows, slots]
            occurrence = players * self._span + rows
            order = np.argsort(occurrence, kind="stable")
            self._occ = occurrence[order]
            self._occ_mu = run.post_mu[rows[order], slots[order]]
            self._occ_var = run.post_var[rows[order], slots[order]]
            self._occ_day = days[rows[order]]
        else:
            self._occ = np.zeros(0, np.int64)
            self._occ_mu = self._occ_var = np.zeros((0, len(configs)))
            self._occ_day = np.zeros(0)
        self._entries = {
            name: self._sorted_entries(
                stat_key(name, arrays.heroes, idx, n_players),
                win_view(name, arrays.heroes, idx, y),
                base.decay(name),
            )
            for name in STATS
        }
        # Position look-ups: match id → result index, and the running maximum of match ids
        # (an undated match of a start_time-ordered model is placed by its match id).
        self._id_order = np.argsort(self.match_id, kind="stable")
        self._ids_sorted = self.match_id[self._id_order]
        self._id_runmax = np.maximum.accumulate(self.match_id) if n else self.match_id

    def _index(self, accounts: np.ndarray) -> np.ndarray:
        """Dense ids in the union index (base accounts and every result's); -1 if absent."""
        if len(self.accounts) == 0:
            return np.full(accounts.shape, -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.accounts, accounts), len(self.accounts) - 1)
        hit = (accounts != UNKNOWN) & (self.accounts[pos] == accounts)
        return np.where(hit, pos, -1).astype(np.int64)

    def _sorted_entries(self, keys: np.ndarray, wins: np.ndarray, rate: float) -> _Entries:
        rows = np.broadcast_to(np.arange(keys.shape[0])[:, None], keys.shape)
        valid = keys >= 0
        flat, at, won = keys[valid], rows[valid], wins[valid].astype(np.float64)
        unique, rank = np.unique(flat, return_inverse=True)
        combined = rank.astype(np.int64) * self._span + at
        order = np.argsort(combined, kind="stable")
        cum = np.concatenate([[0.0], np.cumsum(won[order])])
        entries = _Entries(unique.astype(np.int64), combined[order], cum)
        if rate <= 0 or self.n == 0:
            return entries
        # Weights relative to the last result (<= 1), summed per key: no cross-key cancellation.
        weight = np.exp(rate * (self.days[at[order]] - self.days[-1]))
        ranks = rank[order]
        starts = np.flatnonzero(np.r_[True, ranks[1:] != ranks[:-1]]) if len(ranks) else ranks
        return _Entries(
            entries.keys,
            entries.order,
            cum,
            segmented_cumsum(weight, starts),
            segmented_cumsum(weight * won[order], starts),
        )

    def _cut_day(self, cutoffs: np.ndarray) -> np.ndarray:
        """The state's end day after each row's first ``cutoff`` results."""
        end_day = np.full(len(cutoffs), self.base.end_day)
        if self.n:
            end_day = np.where(cutoffs > 0, self.days[np.clip(cutoffs - 1, 0, self.n - 1)], end_day)
        return end_day

    def _prefix(
        self, name: str, keys: np.ndarray, cutoffs: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Games and wins of each key among the first ``cutoff`` results of its row.

        Decayed statistics: weighted by their age on the cut-off's end day (``_cut_day``).
        """
        entries = self._entries[name]
        flat = keys.ravel()
        cut = np.repeat(cutoffs, keys.shape[1])
        if len(entries.keys) == 0:
            zeros = np.zeros(keys.shape)
            return zeros, zeros.copy()
        pos = np.minimum(np.searchsorted(entries.keys, flat), len(entries.keys) - 1)
        found = (flat >= 0) & (entries.keys[pos] == flat)
        lo = np.searchsorted(entries.order, pos * self._span)
        hi = np.searchsorted(entries.order, pos * self._span + cut)
        if entries.cum_weight is not None and entries.cum_weighted_wins is not None:
            some = found & (hi > lo)
            last = np.maximum(hi - 1, 0)
            to_cut = decay_factor(self.base.decay(name), self._cut_day(cut) - self.days[-1])
            games = np.where(some, entries.cum_weight[last] * to_cut, 0.0)
            wins = np.where(some, entries.cum_weighted_wins[last] * to_cut, 0.0)
            return games.reshape(keys.shape), wins.reshape(keys.shape)
        games = np.where(found, hi - lo, 0).astype(np.float64)
        wins = np.where(found, entries.cum_wins[hi] - entries.cum_wins[lo], 0.0)
        return games.reshape(keys.shape), wins.reshape(keys.shape)

    def cutoffs(
        self, match_id: np.ndarray, start_time: np.ndarray | None, has_position: np.ndarray
    ) -> np.ndarray:
        """Per row, how many results lie strictly before it (its own result never does).

        A row whose match is among the results is placed where that result is. Otherwise a
        dated row (start_time-ordered model) goes by (start_time, match_id), a match_id-ordered
        model by match_id, and an undated row of a start_time-ordered model before the first
        result with a match id at least its own (Dota's ids grow with time). Rows without a
        position (a live draft) see every result.
        """
        n_rows = len(match_id)
        out = np.full(n_rows, self.n, dtype=np.int64)
        if self.n == 0 or n_rows == 0:
            return out
        at = np.minimum(np.searchsorted(self._ids_sorted, match_id), self.n - 1)
        own = self._ids_sorted[at] == match_id
        by_time = self.base.order_key == "start_time"
        times = start_time if start_time is not None else np.full(n_rows, NO_TIME)
        dated = times != NO_TIME
        if by_time:
            assert self.start_time is not None
            lo = np.searchsorted(self.start_time, times, side="left")
            hi = np.searchsorted(self.start_time, times, side="right")
            k = lo.astype(np.int64)
            for row in np.flatnonzero((hi > lo) & dated):  # same start_time: by match id
                block = self.match_id[lo[row] : hi[row]]
                k[row] = lo[row] + int(np.searchsorted(block, match_id[row], side="left"))
            undated = np.searchsorted(self._id_runmax, match_id, side="left")
            k = np.where(dated, k, undated)
        else:
            k = np.searchsorted(self.match_id, match_id, side="left")
        k = np.where(own, self._id_order[at], k)
        return np.where(has_position, k, out).astype(np.int64)

    def prematch(self, heroes: np.ndarray, accounts: np.ndarray, cutoffs: np.ndarray) -> PreMatch:
        """Pre-match inputs of each row from the state after its first ``cutoffs`` results."""
        base = self.base
        known = accounts != UNKNOWN
        idx0 = base.player_index(accounts)
        idx = self._index(accounts)
        cut = np.asarray(cutoffs, dtype=np.int64)
        k = len(base.rating_configs)
        # Ratings: the player's last result before the cut-off, else the artifact, else prior.
        mu_s = np.zeros((*idx.shape, k))
        var_s = np.zeros((*idx.shape, k))
        last = np.zeros(idx.shape)
        from_base = idx0 >= 0
        if len(base.accounts):
            safe0 = np.where(from_base, idx0, 0)
            mu_s = np.where(from_base[:, :, None], base.mu[safe0], 0.0)
            var_s = np.where(from_base[:, :, None], base.var[safe0], 0.0)
            last = np.where(from_base, base.last_day[safe0], 0.0)
        hit = np.zeros(idx.shape, dtype=bool)
        if len(self._occ):
            probe = np.where(idx >= 0, idx * self._span + cut[:, None], 0)
            pos = np.searchsorted(self._occ, probe, side="left") - 1
            safe = np.maximum(pos, 0)
            hit = (idx >= 0) & (pos >= 0) & (self._occ[safe] // self._span == idx)
            mu_s = np.where(hit[:, :, None], self._occ_mu[safe], mu_s)
            var_s = np.where(hit[:, :, None], self._occ_var[safe], var_s)
            last = np.where(hit, self._occ_day[safe], last)
        seen = hit | from_base
        end_day = self._cut_day(cut)
        idle = np.where(seen, end_day[:, None] - last, 0.0)
        mu = np.where(seen[:, :, None], mu_s, 0.0)
        var = np.where(
            seen[:, :, None],
            inflate(var_s, idle, self._prior, self._drift, self._time),
            self._prior,
        )
        counts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for name in STATS:
            games, wins = base.tables[name].lookup(stat_key(name, heroes, idx0, len(base.accounts)))
            if base.decay(name):  # the artifact's totals decay from its end day to the cut-off's
                to_cut = decay_factor(base.decay(name), end_day - base.end_day)[:, None]
                games, wins = games * to_cut, wins * to_cut
            more_games, more_wins = self._prefix(
                name, stat_key(name, heroes, idx, len(self.accounts)), cut
            )
            counts[name] = (games + more_games, wins + more_wins)
        return assemble(heroes, np.where(seen, idx, -1), known, mu, var, counts)

    def arrays_prematch(self, arrays: MatchArrays, cutoffs: np.ndarray) -> PreMatch:
        """prematch() for a MatchArrays view."""
        return self.prematch(arrays.heroes, arrays.accounts, cutoffs)


def timeline_of(base: HistoryState, *results: pl.DataFrame) -> Timeline:
    """The timeline of several labelled frames together (a match in two: the first counts)."""
    frames = [prepare_matches(f, require_label=True) for f in results if f.height]
    if not frames:
        return Timeline(base, prepare_matches(results[0], require_label=True))
    return Timeline(base, pl.concat(frames) if len(frames) > 1 else frames[0])
