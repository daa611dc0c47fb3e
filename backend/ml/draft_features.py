"""The feature row of ONE draft in plain Python: build_matrix's row without ~100 tiny numpy calls.

`features.build_matrix` is written for many matches at once; for a single draft its ~100 numpy
calls on (1, 10) arrays cost far more than the arithmetic. This module computes the same row,
bit for bit, from per-model look-up tables built once per state:

- hero statistics do not depend on the players, so the shrunk log-odds of every hero, hero pair
  and hero-vs-hero match-up are precomputed (by the same numpy log as build_matrix);
- player state (ratings, counts) is looked up per request with one `searchsorted` per table,
  and only for the account ids the draft gives.

Bit for bit, not just to rounding: tree models split on differences of 1e-16 (build_matrix's
(X - X_swapped) / 2 leaves such noise where a column is 0, and borders fall between). So every
step is numpy's own: sums in numpy's pairwise order (`_np_sum`), logs by numpy in one call per
draft, both side orientations computed and halved like build_matrix.
tests/ml/test_draft_features.py checks exact equality over thousands of drafts.

Size: it restates build_matrix's row for one draft, statistic by statistic, in the same
order; one module per builder keeps that side-by-side parity readable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from backend.ml.counts import CountTable
from backend.ml.features import (
    HERO_PRIOR_GAMES,
    PAIR_PRIOR_GAMES,
    PLAYER_HERO_PRIOR_GAMES,
    FeatureConfig,
    FeatureSpec,
    numeric_specs,
)
from backend.ml.frame import MAX_HERO_ID, UNKNOWN
from backend.ml.history import HERO_BASE, SIDE_PAIRS, HistoryState

# Same-side slot pairs in build_matrix's order: radiant's 10, then dire's 10.
_PAIRS = [(i, j) for i, j in SIDE_PAIRS] + [(5 + i, 5 + j) for i, j in SIDE_PAIRS]


def _np_sum(values: list[float]) -> float:
    """numpy's add.reduce of one row, in its order: sequential from 0 under 8 values, else 8
    lanes (lane j = values j, j + 8, ...) added pairwise, then the remainder in order."""
    n = len(values)
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return total
    lanes = values[:8]
    stop = n - n % 8
    for i in range(8, stop, 8):
        for j in range(8):
            lanes[j] += values[i + j]
    total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + (
        (lanes[4] + lanes[5]) + (lanes[6] + lanes[7])
    )
    for v in values[stop:]:
        total += v
    return total


def _sum5(v: list[float]) -> float:
    """_np_sum of 5 values, unrolled (the common case)."""
    return (((v[0] + v[1]) + v[2]) + v[3]) + v[4]


def _sum10(v: list[float]) -> float:
    """_np_sum of 10 values, unrolled."""
    return ((((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]))) + v[8]) + v[9]


def _mean(values: list[float]) -> float:
    n = len(values)
    return (_sum5(values) if n == 5 else _sum10(values) if n == 10 else _np_sum(values)) / n


def _std(values: list[float]) -> float:
    m = _mean(values)
    return math.sqrt(_np_sum([(v - m) * (v - m) for v in values]) / len(values))


def _typical(values: list[float], known: list[bool]) -> list[float]:
    """features._typical for one draft."""
    if all(known):
        return values
    if not any(known):  # numpy's 0-filled sum / 1: every slot 0
        return [0.0] * len(values)
    mean = _np_sum([v if k else 0.0 for v, k in zip(values, known, strict=True)]) / max(
        sum(known), 1
    )
    return [v if k else mean for v, k in zip(values, known, strict=True)]


def _shrunk_logits(wins: list[float], games: list[float], prior: float) -> list[float]:
    """features._shrunk_logit, by numpy's log in one call; 0 games give log(1) = 0 exactly."""
    out = [0.0] * len(games)
    where = [i for i, g in enumerate(games) if g != 0.0]
    if where:
        odds = []
        for i in where:
            rate = (wins[i] + prior / 2.0) / (games[i] + prior)
            odds.append(rate / (1.0 - rate))
        for i, value in zip(where, np.log(np.array(odds)).tolist(), strict=True):
            out[i] = value
    return out


def _log1p(values: list[float]) -> list[float]:
    """numpy's log1p of counts; 0 gives 0 exactly."""
    if not any(values):
        return [0.0] * len(values)
    result: list[float] = np.log1p(np.array(values)).tolist()
    return result


def _shrunk_table(wins: np.ndarray, games: np.ndarray, prior: float) -> np.ndarray:
    rate = (wins + prior / 2.0) / (games + prior)
    return np.asarray(np.log(rate / (1.0 - rate)))


def _lookup(table: CountTable, keys: list[int]) -> tuple[list[float], list[float]]:
    """CountTable.lookup for a short list of valid (>= 0) keys, as Python floats."""
    n = len(table.keys)
    if not keys or n == 0:
        return [0.0] * len(keys), [0.0] * len(keys)
    games: list[float] = []
    wins: list[float] = []
    for key, pos in zip(keys, np.searchsorted(table.keys, keys).tolist(), strict=True):
        found = pos < n and table.keys.item(pos) == key
        games.append(table.games.item(pos) if found else 0.0)
        wins.append(table.wins.item(pos) if found else 0.0)
    return games, wins


def numeric_names(config: FeatureConfig, n_ratings: int) -> list[str]:
    """Names of build_matrix's numeric columns, in order, for this config (its column spec)."""
    return [spec.name for spec in numeric_specs(config, n_ratings)]


@dataclass
class _Players:
    """Per-slot player inputs of one orientation (history.PreMatch's, as Python lists)."""

    known: list[bool]  # 10
    mu: list[list[float]]  # 10 x K
    var: list[list[float]]  # 10 x K
    games: list[float]  # 10
    exp: list[float]  # 10: log1p(games)
    ph_exp: list[float]  # 10: log1p(games on the hero)
    ph_logit: list[float]  # 10
    mates_exp: list[float]  # 20: log1p(games together), same-side pairs
    h2h_logit: list[float]  # 25: radiant slot i vs dire slot j at i * 5 + j

    def swapped(self, h2h_logit: list[float]) -> _Players:
        return _Players(
            _sides(self.known),
            _sides(self.mu),
            _sides(self.var),
            _sides(self.games),
            _sides(self.exp),
            _sides(self.ph_exp),
            _sides(self.ph_logit),
            self.mates_exp[10:] + self.mates_exp[:10],
            h2h_logit,
        )


def _sides(values: list[Any]) -> list[Any]:
    return values[5:] + values[:5]


# Versus pairs (radiant i, dire j) at i * 5 + j; after a side swap the same slots are j * 5 + i.
_VS_SWAP = [j * 5 + i for i in range(5) for j in range(5)]


class DraftFeatures:
    """build_matrix's row for one draft, from look-up tables of one model state."""

    def __init__(self, state: HistoryState, config: FeatureConfig, specs: list[FeatureSpec]):
        self.state = state
        self.config = config
        self.n_ratings = len(state.rating_configs)
        names = numeric_names(config, self.n_ratings)
        if [s.name for s in specs] != names + [f"hero_{h}" for h in range(1, MAX_HERO_ID + 1)]:
            raise ValueError("this model was trained with an older feature set; retrain it")
        self.n_numeric = len(names)
        self.n_features = len(specs)
        self.prior = [c.prior_var for c in state.rating_configs]
        self.drift = [c.drift_var for c in state.rating_configs]
        self.time = [c.time_var for c in state.rating_configs]
        self.n_players = len(state.accounts)
        hero_ids = np.arange(MAX_HERO_ID + 1, dtype=np.int64)
        self.hero_games: list[float] = state.tables["hero"].lookup(hero_ids)[0].tolist()
        if config.use_hero_stats:
            self._hero_tables()
        if config.use_player_features:
            players, h2h_swapped = self._players(list(range(1, 11)), [UNKNOWN] * 10)
            self._anonymous = (
                self._player_columns(players),
                self._player_columns(players.swapped(h2h_swapped)),
            )

    def _hero_tables(self) -> None:
        tables = self.state.tables
        ids = np.arange(MAX_HERO_ID + 1, dtype=np.int64)
        games, wins = tables["hero"].lookup(ids)
        self.hero_logit: list[float] = _shrunk_table(wins, games, HERO_PRIOR_GAMES).tolist()
        a, b = np.meshgrid(ids, ids, indexing="ij")
        pair_keys = np.minimum(a, b) * HERO_BASE + np.maximum(a, b)
        games, wins = tables["synergy"].lookup(pair_keys)
        self.synergy: list[list[float]] = _shrunk_table(wins, games, PAIR_PRIOR_GAMES).tolist()
        games, low_wins = tables["versus"].lookup(pair_keys)
        wins = np.where(a < b, low_wins, games - low_wins)  # a's view, as history._assemble
        # [a][b]: hero a on radiant against hero b on dire, radiant's view
        self.versus: list[list[float]] = _shrunk_table(wins, games, PAIR_PRIOR_GAMES).tolist()

    def row(self, heroes: Sequence[int], accounts: Sequence[int]) -> np.ndarray:
        """The (n_features,) row of one draft: 10 hero ids and 10 account ids (UNKNOWN = -1)."""
        g: list[float] = []
        g_swapped: list[float] = []
        if self.config.use_player_features:
            if any(a != UNKNOWN for a in accounts):
                players, h2h_swapped = self._players(heroes, accounts)
                g += self._player_columns(players)
                g_swapped += self._player_columns(players.swapped(h2h_swapped))
            else:  # no account ids: the same player columns for every draft
                g += self._anonymous[0]
                g_swapped += self._anonymous[1]
        if self.config.use_hero_stats:
            g += self._hero_columns(heroes)
            g_swapped += self._hero_columns(_sides(list(heroes)))
        x = np.zeros(self.n_features)
        # build_matrix's (X - X_swapped) / 2; a pick column is (1 - (-1)) / 2 = 1 exactly.
        x[: self.n_numeric] = [(a - b) / 2.0 for a, b in zip(g, g_swapped, strict=True)]
        base = self.n_numeric - 1
        for h in heroes[:5]:
            x[base + h] = 1.0
        for h in heroes[5:]:
            x[base + h] = -1.0
        return x

    def _player_index(self, accounts: Sequence[int]) -> list[int]:
        known = [a for a in accounts if a != UNKNOWN]
        if not known or self.n_players == 0:
            return [-1] * len(accounts)
        found = iter(self.state.player_index(np.array(known, dtype=np.int64)).tolist())
        return [next(found) if a != UNKNOWN else -1 for a in accounts]

    def _players(
        self, heroes: Sequence[int], accounts: Sequence[int]
    ) -> tuple[_Players, list[float]]:
        """The radiant-view inputs (history.build_from_state) and the swapped h2h log-odds."""
        state, tables = self.state, self.state.tables
        idx = self._player_index(accounts)
        K = self.n_ratings
        mu = [[0.0] * K for _ in range(10)]
        var = [list(self.prior) for _ in range(10)]
        games = [0.0] * 10
        ph_games = [0.0] * 10
        ph_wins = [0.0] * 10
        mate_games = [0.0] * 20
        h2h_games = [0.0] * 25
        h2h_wins = [0.0] * 25  # radiant's view
        seen = [i for i in idx if i >= 0]
        if seen:
            slots = [s for s in range(10) if idx[s] >= 0]
            g, _ = _lookup(tables["player"], seen)
            pg, pw = _lookup(tables["player_hero"], [idx[s] * HERO_BASE + heroes[s] for s in slots])
            mus = state.mu[seen].tolist()
            variances = state.var[seen].tolist()
            last = state.last_day[seen].tolist()
            for n, s in enumerate(slots):
                games[s], ph_games[s], ph_wins[s] = g[n], pg[n], pw[n]
                mu[s] = mus[n]
                idle = max(state.end_day - last[n], 0.0)  # ratings.inflate, value by value
                var[s] = [
                    min(variances[n][k] + self.drift[k] + self.time[k] * idle, self.prior[k])
                    for k in range(K)
                ]
            width = max(self.n_players, 1)
            mates = [p for p, (a, b) in enumerate(_PAIRS) if idx[a] >= 0 and idx[b] >= 0]
            mg, _ = _lookup(
                tables["mates"],
                [min(idx[_PAIRS[p][0]], idx[_PAIRS[p][1]]) * width
                 + max(idx[_PAIRS[p][0]], idx[_PAIRS[p][1]]) for p in mates],
            )  # fmt: skip
            for p, value in zip(mates, mg, strict=True):
                mate_games[p] = value
            vs = [(i, j) for i in range(5) for j in range(5, 10) if idx[i] >= 0 and idx[j] >= 0]
            hg, hw = _lookup(
                tables["head_to_head"],
                [min(idx[i], idx[j]) * width + max(idx[i], idx[j]) for i, j in vs],
            )
            for (i, j), gm, low in zip(vs, hg, hw, strict=True):
                h2h_games[i * 5 + j - 5] = gm
                h2h_wins[i * 5 + j - 5] = low if idx[i] < idx[j] else gm - low
        exps = _log1p(games + ph_games + mate_games)
        # Swapped view of head-to-head: pair (dire i, radiant j) at i * 5 + j, dire's wins.
        swapped_games = [h2h_games[k] for k in _VS_SWAP]
        swapped_wins = [h2h_games[k] - h2h_wins[k] for k in _VS_SWAP]
        logits = _shrunk_logits(
            ph_wins + h2h_wins + swapped_wins,
            ph_games + h2h_games + swapped_games,
            PLAYER_HERO_PRIOR_GAMES,
        )
        players = _Players(
            [a != UNKNOWN for a in accounts],
            mu,
            var,
            games,
            exps[:10],
            exps[10:20],
            logits[:10],
            exps[20:],
            logits[10:35],
        )
        return players, logits[35:]

    def _player_columns(self, p: _Players) -> list[float]:
        """features._player_features of one orientation."""
        cols: list[float] = []
        for k in range(self.n_ratings):
            diff = _sum5([m[k] for m in p.mu[:5]]) - _sum5([m[k] for m in p.mu[5:]])
            total = _sum10([v[k] for v in p.var])
            cols.append(diff / math.sqrt(1.0 + math.pi * total / 8.0))
        known = p.known
        m0 = _typical([m[0] for m in p.mu], known)
        r, d = m0[:5], m0[5:]
        cols.append(max(r) - max(d))
        cols.append(min(r) - min(d))
        cols.append(_std(r) - _std(d))
        sd = _typical([math.sqrt(v[0]) for v in p.var], known)
        cols.append(_mean(sd[:5]) - _mean(sd[5:]))
        exp = _typical(p.exp, known)
        cols.append(_mean(exp[:5]) - _mean(exp[5:]))
        cols.append(min(exp[:5]) - min(exp[5:]))
        unknown = [0.0 if k else 1.0 for k in known]
        cols.append(_sum5(unknown[:5]) - _sum5(unknown[5:]))
        new = [1.0 if k and x == 0 else 0.0 for k, x in zip(known, p.games, strict=True)]
        cols.append(_sum5(new[:5]) - _sum5(new[5:]))
        ph_exp = _typical(p.ph_exp, known)
        cols.append(_mean(ph_exp[:5]) - _mean(ph_exp[5:]))
        ph = _typical(p.ph_logit, known)
        cols.append(_mean(ph[:5]) - _mean(ph[5:]))
        mates = _typical(p.mates_exp, [known[a] and known[b] for a, b in _PAIRS])
        cols.append(_mean(mates[:10]) - _mean(mates[10:]))
        cols.append(_mean(p.h2h_logit))
        return cols

    def _hero_columns(self, heroes: Sequence[int]) -> list[float]:
        """features._hero_stat_features of one orientation."""
        hero = [self.hero_logit[h] for h in heroes]
        syn = [self.synergy[heroes[a]][heroes[b]] for a, b in _PAIRS]
        r, d = heroes[:5], heroes[5:]
        vs = [self.versus[r[i]][d[j]] for i in range(5) for j in range(5)]
        return [
            _mean(hero[:5]) - _mean(hero[5:]),
            _mean(syn[:10]) - _mean(syn[10:]),
            _mean(vs),
        ]
