"""The feature row of ONE draft in plain Python: build_matrix's row without ~100 tiny numpy calls.

`features.build_matrix` is written for many matches at once; for a single draft its ~100 numpy
calls on (1, 10) arrays cost far more than the arithmetic, and it builds the matrix twice (the
draft and its side swap, so that every column is exactly odd). This module computes the same row
from per-model look-up tables built once per state:

- hero statistics do not depend on the players, so the shrunk log-odds of every hero, hero pair
  and hero-vs-hero match-up are precomputed as Python lists (a few MB at most);
- player state (ratings, counts) is looked up per request with one `searchsorted` per table,
  and only for the account ids the draft gives.

Exact oddness under a side swap holds by construction instead of by averaging two orientations:
every per-side statistic is a function of that side's slots in slot order and every sum over both
sides is (radiant part) + (dire part), which IEEE addition makes symmetric; the two radiant-view
columns (head-to-head, hero counter) are computed for both orientations, as build_matrix does.
The values equal build_matrix's to rounding (tests/ml/test_draft_features.py: <= 1e-9).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from backend.ml.counts import CountTable
from backend.ml.features import (
    HERO_PRIOR_GAMES,
    PAIR_PRIOR_GAMES,
    PLAYER_HERO_PRIOR_GAMES,
    FeatureConfig,
    FeatureSpec,
)
from backend.ml.frame import MAX_HERO_ID, UNKNOWN
from backend.ml.history import HERO_BASE, SIDE_PAIRS, HistoryState

# Same-side slot pairs in build_matrix's order: radiant's 10, then dire's 10.
_PAIRS = [(i, j) for i, j in SIDE_PAIRS] + [(5 + i, 5 + j) for i, j in SIDE_PAIRS]


def _shrunk(wins: float, games: float, prior: float) -> float:
    """features._shrunk_logit for one value."""
    rate = (wins + prior / 2.0) / (games + prior)
    return math.log(rate / (1.0 - rate))


def _shrunk_table(wins: np.ndarray, games: np.ndarray, prior: float) -> list[float]:
    rate = (wins + prior / 2.0) / (games + prior)
    return [float(v) for v in np.log(rate / (1.0 - rate))]


def _lookup(table: CountTable, keys: list[int]) -> tuple[list[float], list[float]]:
    """CountTable.lookup for a short list of valid (>= 0) keys, as Python floats."""
    if not keys:
        return [], []
    games, wins = table.lookup(np.array(keys, dtype=np.int64))
    return games.tolist(), wins.tolist()


def _typical(values: list[float], known: list[bool]) -> list[float]:
    """features._typical for one draft; the mean is (radiant sum) + (dire sum), symmetric."""
    half = len(values) // 2
    n = sum(known)
    r = sum(v for v, k in zip(values[:half], known[:half], strict=True) if k)
    d = sum(v for v, k in zip(values[half:], known[half:], strict=True) if k)
    mean = (r + d) / max(n, 1)
    return [v if k else mean for v, k in zip(values, known, strict=True)]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _std(values: list[float]) -> float:
    m = _mean(values)
    return math.sqrt(sum((v - m) * (v - m) for v in values) / len(values))


def numeric_names(config: FeatureConfig, n_ratings: int) -> list[str]:
    """Names of build_matrix's numeric columns, in order, for this config."""
    names: list[str] = []
    if config.use_player_features:
        names += [f"rating_logit_{k}" for k in range(n_ratings)]
        names += [
            "rating_max_diff",
            "rating_min_diff",
            "rating_spread_diff",
            "rating_sd_diff",
            "experience_diff",
            "experience_min_diff",
            "unknown_players_diff",
            "new_players_diff",
            "hero_experience_diff",
            "hero_form_diff",
            "familiarity_diff",
            "head_to_head",
        ]
    if config.use_hero_stats:
        names += ["hero_strength_diff", "hero_synergy_diff", "hero_counter"]
    return names


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
        if config.use_hero_stats:
            self._hero_tables()

    def _hero_tables(self) -> None:
        tables = self.state.tables
        ids = np.arange(MAX_HERO_ID + 1, dtype=np.int64)
        games, wins = tables["hero"].lookup(ids)
        self.hero_logit = _shrunk_table(wins, games, HERO_PRIOR_GAMES)
        a, b = np.meshgrid(ids, ids, indexing="ij")
        pair_keys = np.minimum(a, b) * HERO_BASE + np.maximum(a, b)
        games, wins = tables["synergy"].lookup(pair_keys)
        syn = np.array(_shrunk_table(wins.ravel(), games.ravel(), PAIR_PRIOR_GAMES))
        self.synergy = syn.reshape(a.shape).tolist()
        games, low_wins = tables["versus"].lookup(pair_keys)
        wins = np.where(a < b, low_wins, games - low_wins)  # a's view, as history._assemble
        vs = np.array(_shrunk_table(wins.ravel(), games.ravel(), PAIR_PRIOR_GAMES))
        self.versus = vs.reshape(a.shape).tolist()  # [a][b]: hero a (radiant) against hero b

    def row(self, heroes: Sequence[int], accounts: Sequence[int]) -> np.ndarray:
        """The (n_features,) row of one draft: 10 hero ids and 10 account ids (UNKNOWN = -1)."""
        numeric: list[float] = []
        if self.config.use_player_features:
            numeric += self._player_columns(heroes, accounts)
        if self.config.use_hero_stats:
            numeric += self._hero_columns(heroes)
        x = np.zeros(self.n_features)
        x[: self.n_numeric] = numeric
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

    def _player_columns(self, heroes: Sequence[int], accounts: Sequence[int]) -> list[float]:
        state, tables = self.state, self.state.tables
        known = [a != UNKNOWN for a in accounts]
        idx = self._player_index(accounts)
        seen = [i for i in idx if i >= 0]
        K = self.n_ratings
        mu = [[0.0] * K for _ in range(10)]
        var = [list(self.prior) for _ in range(10)]
        games = [0.0] * 10
        ph_games = [0.0] * 10
        ph_wins = [0.0] * 10
        mate_games = [0.0] * 20
        h2h: list[tuple[float, float]] = [(0.0, 0.0)] * 25  # (games, radiant-view wins)
        if seen:
            slots = [s for s in range(10) if idx[s] >= 0]
            g, _ = _lookup(tables["player"], seen)
            pg, pw = _lookup(tables["player_hero"], [idx[s] * HERO_BASE + heroes[s] for s in slots])
            mus = state.mu[seen].tolist()
            vars_ = state.var[seen].tolist()
            last = state.last_day[seen].tolist()
            for n, s in enumerate(slots):
                games[s], ph_games[s], ph_wins[s] = g[n], pg[n], pw[n]
                mu[s] = mus[n]
                idle = max(state.end_day - last[n], 0.0)
                var[s] = [
                    min(vars_[n][k] + self.drift[k] + self.time[k] * idle, self.prior[k])
                    for k in range(K)
                ]
            width = max(self.n_players, 1)
            mates = [(p, (a, b)) for p, (a, b) in enumerate(_PAIRS) if idx[a] >= 0 and idx[b] >= 0]
            mg, _ = _lookup(
                tables["mates"],
                [min(idx[a], idx[b]) * width + max(idx[a], idx[b]) for _, (a, b) in mates],
            )
            for (p, _), value in zip(mates, mg, strict=True):
                mate_games[p] = value
            vs = [(i, j) for i in range(5) for j in range(5, 10) if idx[i] >= 0 and idx[j] >= 0]
            hg, hw = _lookup(
                tables["head_to_head"],
                [min(idx[i], idx[j]) * width + max(idx[i], idx[j]) for i, j in vs],
            )
            for (i, j), gm, low in zip(vs, hg, hw, strict=True):
                h2h[i * 5 + j - 5] = (gm, low if idx[i] < idx[j] else gm - low)
        cols: list[float] = []
        for k in range(K):
            diff = sum(m[k] for m in mu[:5]) - sum(m[k] for m in mu[5:])
            total = sum(v[k] for v in var[:5]) + sum(v[k] for v in var[5:])
            cols.append(diff / math.sqrt(1.0 + math.pi * total / 8.0))
        m0 = _typical([m[0] for m in mu], known)
        r, d = m0[:5], m0[5:]
        cols.append(max(r) - max(d))
        cols.append(min(r) - min(d))
        cols.append(_std(r) - _std(d))
        sd = _typical([math.sqrt(v[0]) for v in var], known)
        cols.append(_mean(sd[:5]) - _mean(sd[5:]))
        exp = _typical([math.log1p(x) for x in games], known)
        cols.append(_mean(exp[:5]) - _mean(exp[5:]))
        cols.append(min(exp[:5]) - min(exp[5:]))
        unknown = [0.0 if k else 1.0 for k in known]
        cols.append(sum(unknown[:5]) - sum(unknown[5:]))
        new = [1.0 if k and x == 0 else 0.0 for k, x in zip(known, games, strict=True)]
        cols.append(sum(new[:5]) - sum(new[5:]))
        ph_exp = _typical([math.log1p(x) for x in ph_games], known)
        cols.append(_mean(ph_exp[:5]) - _mean(ph_exp[5:]))
        ph = _typical(
            [
                _shrunk(w, x, PLAYER_HERO_PRIOR_GAMES)
                for w, x in zip(ph_wins, ph_games, strict=True)
            ],
            known,
        )
        cols.append(_mean(ph[:5]) - _mean(ph[5:]))
        pair_known = [known[a] and known[b] for a, b in _PAIRS]
        mates_typ = _typical([math.log1p(x) for x in mate_games], pair_known)
        cols.append(_mean(mates_typ[:10]) - _mean(mates_typ[10:]))
        radiant = [_shrunk(w, gm, PLAYER_HERO_PRIOR_GAMES) for gm, w in h2h]
        # The swapped draft's radiant view: pair (dire i, radiant j) at i * 5 + j, dire's wins.
        swapped = [
            _shrunk(
                h2h[j * 5 + i][0] - h2h[j * 5 + i][1], h2h[j * 5 + i][0], PLAYER_HERO_PRIOR_GAMES
            )
            for i in range(5)
            for j in range(5)
        ]
        cols.append((_mean(radiant) - _mean(swapped)) / 2.0)
        return cols

    def _hero_columns(self, heroes: Sequence[int]) -> list[float]:
        hero = [self.hero_logit[h] for h in heroes]
        cols = [_mean(hero[:5]) - _mean(hero[5:])]
        syn = [self.synergy[heroes[a]][heroes[b]] for a, b in _PAIRS]
        cols.append(_mean(syn[:10]) - _mean(syn[10:]))
        r, d = heroes[:5], heroes[5:]
        radiant = [self.versus[r[i]][d[j]] for i in range(5) for j in range(5)]
        swapped = [self.versus[d[i]][r[j]] for i in range(5) for j in range(5)]
        cols.append((_mean(radiant) - _mean(swapped)) / 2.0)
        return cols
