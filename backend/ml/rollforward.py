"""Roll a HistoryState forward with new labelled matches (walk-forward, no refit).

Advancing the state of N matches with the next M gives exactly the state one walk-forward pass
over all N + M would give with the same rating constants: ratings continue from the stored
mu/var/last_day and running side advantage, count tables accumulate, new accounts join the
sorted account index and every player-keyed table is re-keyed to the new dense ids. Decayed
tables (hero statistics) equal the one-pass tables up to floating-point rounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import polars as pl

from backend.ml.counts import CountTable, decay_factor, prior_counts
from backend.ml.frame import UNKNOWN, MatchArrays, prepare_matches, to_arrays
from backend.ml.history import HERO_BASE, HistoryState, match_position, stat_keys, win_views
from backend.ml.ordering import days_since
from backend.ml.ratings import RatingStart, run_ratings


@dataclass(frozen=True)
class AdvanceReport:
    """What an advance did with each input match (after dropping repeated match ids)."""

    applied: int
    skipped_before_training_end: int  # at or before the training end: already in training
    skipped_out_of_order: int  # after training end but not after the last applied result
    skipped_undated: int  # no start_time while the state is ordered by start_time
    duplicates_in_input: int
    applied_match_ids: list[int] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """All matches not applied (repeats within the input not counted)."""
        return self.skipped_before_training_end + self.skipped_out_of_order + self.skipped_undated


def _remap_players(
    table: CountTable, name: str, old_to_new: np.ndarray, n_old: int, n_new: int
) -> CountTable:
    """Re-key a player-keyed table from old dense ids to new ones (order of old ids is kept)."""
    keys = table.keys
    if name == "player":
        new_keys = old_to_new[keys]
    elif name == "player_hero":
        new_keys = old_to_new[keys // HERO_BASE] * HERO_BASE + keys % HERO_BASE
    else:  # mates, head_to_head: lo * max(n, 1) + hi
        width_old, width_new = max(n_old, 1), max(n_new, 1)
        new_keys = old_to_new[keys // width_old] * width_new + old_to_new[keys % width_old]
    return CountTable(new_keys.astype(np.int64), table.games, table.wins)


def _merge(a: CountTable, b: CountTable, a_weight: float = 1.0) -> CountTable:
    """Sum of two tables' totals per key (``a`` first multiplied by ``a_weight``: its decay)."""
    keys = np.concatenate([a.keys, b.keys])
    uniq, inverse = np.unique(keys, return_inverse=True)
    a_games, a_wins = (
        (a.games, a.wins) if a_weight == 1.0 else (a.games * a_weight, a.wins * a_weight)
    )
    games = np.bincount(inverse, np.concatenate([a_games, b.games]), len(uniq))
    wins = np.bincount(inverse, np.concatenate([a_wins, b.wins]), len(uniq))
    return CountTable(uniq.astype(np.int64), games, wins)


PLAYER_TABLES = ("player", "player_hero", "mates", "head_to_head")


@dataclass(frozen=True)
class Applicable:
    """The labelled matches a state would apply, time-ordered, and what was left out."""

    arrays: MatchArrays  # only the matches to apply, in the state's time order
    days: np.ndarray  # their day on the state's clock
    skips: tuple[int, int, int, int]  # before training end, out of order, undated, repeats


def applicable(state: HistoryState, matches: pl.DataFrame) -> Applicable:
    """The one rule of which results a state takes, and in which order (see advance_state)."""
    if state.n_matches < 0 or state.training_end is None or state.ratings_as_of is None:
        raise ValueError("this model's state predates roll-forward; retrain it to ingest results")
    frame = prepare_matches(matches, require_label=True)
    rows = frame.height
    frame = frame.unique(subset="match_id", keep="first", maintain_order=True)
    duplicates = rows - frame.height
    by_time = state.order_key == "start_time"
    undated = 0
    if by_time:
        undated = int(frame["start_time"].null_count())
        frame = frame.filter(pl.col("start_time").is_not_null())
        frame = frame.sort(["start_time", "match_id"])
    else:
        frame = frame.sort("match_id")
    arrays = to_arrays(frame)
    positions = [
        match_position(arrays, i, state.order_key).key(state.order_key) for i in range(len(arrays))
    ]
    train_end = state.training_end.key(state.order_key)
    as_of = state.ratings_as_of.key(state.order_key)
    before_end = np.array([p <= train_end for p in positions], dtype=bool)
    take = np.array([p > as_of for p in positions], dtype=bool)
    skips = (int(before_end.sum()), int((~take & ~before_end).sum()), undated, duplicates)
    sel = np.flatnonzero(take)
    picked = MatchArrays(
        arrays.match_id[sel],
        arrays.heroes[sel],
        arrays.accounts[sel],
        arrays.radiant_win[sel] if arrays.radiant_win is not None else np.zeros(0),
        arrays.start_time[sel] if arrays.start_time is not None else None,
    )
    column = arrays.start_time if by_time and arrays.start_time is not None else arrays.match_id
    days = days_since(column[sel], state.day_origin, state.order_key)
    return Applicable(picked, days, skips)


def reindexed_start(state: HistoryState, players: np.ndarray) -> tuple[RatingStart, np.ndarray]:
    """The state's ratings re-keyed to a larger sorted account index, and old → new ids."""
    n_new = len(players)
    old_to_new = np.searchsorted(players, state.accounts).astype(np.int64)
    prior = np.array([c.prior_var for c in state.rating_configs])
    mu = np.zeros((n_new, len(state.rating_configs)))
    var = np.tile(prior, (n_new, 1))
    last = np.full(n_new, np.inf)
    mu[old_to_new], var[old_to_new], last[old_to_new] = state.mu, state.var, state.last_day
    return RatingStart(mu, var, last, state.n_matches, state.radiant_wins), old_to_new


def advance_state(state: HistoryState, matches: pl.DataFrame) -> tuple[HistoryState, AdvanceReport]:
    """New state with the labelled matches after ``state.ratings_as_of`` applied in time order.

    Matches at or before the training end are skipped (they were trained on, or are too old),
    as are matches not after the last result already applied (walk-forward cannot insert into
    the past) and, for a start_time-ordered state, matches without start_time. Idempotence by
    match_id is the caller's job, though re-sending applied matches skips them as out of order.
    The input state is not modified.
    """
    chosen = applicable(state, matches)
    report_skips = chosen.skips
    if len(chosen.arrays) == 0:
        return state, AdvanceReport(0, *report_skips)
    picked, days = chosen.arrays, chosen.days
    heroes, acc = picked.heroes, picked.accounts
    assert picked.radiant_win is not None
    y = picked.radiant_win

    # New account index (old accounts keep their relative order) and re-indexed ratings.
    n_old = len(state.accounts)
    players = np.union1d(state.accounts, acc[acc != UNKNOWN]).astype(np.int64)
    n_new = len(players)
    start, old_to_new = reindexed_start(state, players)
    idx = np.where(acc != UNKNOWN, np.searchsorted(players, acc), -1).astype(np.int64)
    run = run_ratings(idx, y, days, n_new, list(state.rating_configs), record=False, start=start)

    wins = win_views(heroes, idx, y)
    tables: dict[str, CountTable] = {}
    for name, keys in stat_keys(heroes, idx, n_new).items():
        old = state.tables[name]
        if name in PLAYER_TABLES:
            old = _remap_players(old, name, old_to_new, n_old, n_new)
        rate = state.decay(name)  # a decayed table: the old totals decay to the new end day
        _, _, added = prior_counts(keys, wins[name], days, rate)
        tables[name] = _merge(old, added, float(decay_factor(rate, days[-1] - state.end_day)))
    last_pos = match_position(picked, len(picked) - 1, state.order_key)
    new_state = replace(
        state,
        accounts=players,
        mu=run.mu,
        var=run.var,
        last_day=run.last_day,
        end_day=float(days[-1]),
        tables=tables,
        n_matches=state.n_matches + len(picked),
        radiant_wins=state.radiant_wins + float(y.sum()),
        ratings_as_of=last_pos,
        results_applied=state.results_applied + len(picked),
    )
    applied_ids = [int(m) for m in picked.match_id]
    return new_state, AdvanceReport(len(picked), *report_skips, applied_match_ids=applied_ids)
