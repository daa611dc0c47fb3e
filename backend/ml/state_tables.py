"""Batch features from a model's latest state: every derived value looked up, none computed.

`history.build_from_state` looks up each slot's counts (games, wins) and `features.slot_columns`
turns them into log-odds and log1p slot by slot, for every row. A state has far fewer keys
(players, player-hero pairs, teammate pairs, heroes, hero pairs) than a large file has slots,
so here each derived value is computed once per key, by the same numpy expressions, and a batch
only gathers them, straight into the column-major layout `features._Columns` reduces
(`features.SlotColumns`). The matrix is the same bit for bit (tests/ml/test_state_tables.py):
numpy's log of one value does not depend on its neighbours, which the one-draft builder
(`draft_features`) relies on too.

Hero statistics use direct tables (hero ids and hero pairs are below 256**2); player keys go
through the CountTable's own KeyIndex. Built once per state and kept on the model
(`TrainedModel.state_tables`), a few MB per model.
"""

from __future__ import annotations

import numpy as np

from backend.ml.counts import CountTable
from backend.ml.features import (
    HERO_PRIOR_GAMES,
    PAIR_PRIOR_GAMES,
    PLAYER_HERO_PRIOR_GAMES,
    VS_SWAP_LIST,
    FeatureConfig,
    SlotColumns,
    _shrunk_logit,
)
from backend.ml.frame import MAX_HERO_ID, UNKNOWN
from backend.ml.history import HERO_BASE, PAIR_A, PAIR_B, VS_D, VS_R, HistoryState, _pair_keys
from backend.ml.key_index import KeyIndex
from backend.ml.ratings import inflate

_HERO_KEYS = np.arange(MAX_HERO_ID + 1, dtype=np.int64)
_PAIR_KEYS = np.arange(MAX_HERO_ID * HERO_BASE + MAX_HERO_ID + 1, dtype=np.int64)


def _with_absent(values: np.ndarray) -> np.ndarray:
    """Per-key values and a trailing 0 count, which a look-up's position -1 (absent) reads."""
    return np.concatenate([np.asarray(values, dtype=np.float64), np.zeros(1)])


class _KeyedTable:
    """One player-keyed CountTable: its KeyIndex and derived values per position (+ absent)."""

    def __init__(self, table: CountTable) -> None:
        self.index: KeyIndex = table._index[0]
        self.games = _with_absent(table.games)
        self.wins = _with_absent(table.wins)

    def positions(self, keys: np.ndarray) -> np.ndarray:
        return self.index.find(keys)


class StateTables:
    """Derived per-key values of one HistoryState, and the SlotColumns of a batch from them."""

    def __init__(self, state: HistoryState, config: FeatureConfig) -> None:
        self.state = state
        self.config = config
        self.n_players = len(state.accounts)
        if config.use_player_features:
            self._player_tables(state)
        if config.use_hero_stats:
            self._hero_tables(state)

    def _player_tables(self, state: HistoryState) -> None:
        configs = state.rating_configs
        prior = np.array([c.prior_var for c in configs])
        drift = np.array([c.drift_var for c in configs])
        time = np.array([c.time_var for c in configs])
        p = self.n_players
        # (K, P + 1): column P is an unseen player (mean 0, prior variance), like build_from_state.
        self.mu = np.zeros((len(configs), p + 1))
        self.var = np.repeat(prior[:, None], p + 1, axis=1)
        if p:
            self.mu[:, :p] = state.mu.T
            idle = state.end_day - state.last_day
            self.var[:, :p] = inflate(state.var, idle, prior, drift, time).T
        self.sd = np.sqrt(self.var[0])
        games = np.zeros(p + 1)
        player = state.tables["player"]
        if len(player.keys):
            games[player.keys] = player.games
        self.games = games
        self.exp = np.log1p(games)
        ph = _KeyedTable(state.tables["player_hero"])
        self.ph_index = ph.index
        self.ph_exp = np.log1p(ph.games)
        self.ph = _shrunk_logit(ph.wins, ph.games, PLAYER_HERO_PRIOR_GAMES)
        mates = _KeyedTable(state.tables["mates"])
        self.mates_index = mates.index
        self.mates = np.log1p(mates.games)
        h2h = _KeyedTable(state.tables["head_to_head"])
        self.h2h_index = h2h.index
        # Stored from the lower player id's view; the other view is the rest of the games.
        self.h2h_low = _shrunk_logit(h2h.wins, h2h.games, PLAYER_HERO_PRIOR_GAMES)
        self.h2h_high = _shrunk_logit(h2h.games - h2h.wins, h2h.games, PLAYER_HERO_PRIOR_GAMES)

    def _hero_tables(self, state: HistoryState) -> None:
        games, wins = state.tables["hero"].lookup(_HERO_KEYS)
        self.hero = _shrunk_logit(wins, games, HERO_PRIOR_GAMES)
        games, wins = state.tables["synergy"].lookup(_PAIR_KEYS)
        self.syn = _shrunk_logit(wins, games, PAIR_PRIOR_GAMES)
        games, low_wins = state.tables["versus"].lookup(_PAIR_KEYS)
        self.vs_low = _shrunk_logit(low_wins, games, PAIR_PRIOR_GAMES)
        self.vs_high = _shrunk_logit(games - low_wins, games, PAIR_PRIOR_GAMES)

    def columns(self, heroes: np.ndarray, accounts: np.ndarray) -> SlotColumns:
        """SlotColumns of (n, 10) hero ids and account ids (UNKNOWN = -1) from this state."""
        h = np.ascontiguousarray(heroes.T, dtype=np.int64)
        n = h.shape[1]
        empty = np.zeros((0, n))
        cols = dict.fromkeys(SlotColumns.__dataclass_fields__, empty)
        cols["known"] = np.ascontiguousarray(accounts.T) != UNKNOWN
        cols["mu"] = cols["var"] = empty[None]
        if self.config.use_player_features:
            cols.update(self._player_columns(h, np.ascontiguousarray(accounts.T)))
        if self.config.use_hero_stats:
            cols.update(self._hero_columns(h))
        return SlotColumns(**cols)

    def _player_columns(self, h: np.ndarray, accounts: np.ndarray) -> dict[str, np.ndarray]:
        idx = self.state.player_index(accounts)  # (10, n), -1 unseen
        seen = idx >= 0
        at = np.where(seen, idx, self.n_players)
        width = max(self.n_players, 1)
        ph = self.ph_index.find(np.where(seen, idx * HERO_BASE + h, -1))
        mates = self.mates_index.find(_pair_keys(idx[PAIR_A], idx[PAIR_B], width))
        r, d = idx[VS_R], idx[VS_D]
        pos = self.h2h_index.find(_pair_keys(r.copy(), d, width))
        low, high = self.h2h_low[pos], self.h2h_high[pos]
        radiant_low = r < d
        return {
            "mu": self.mu[:, at],
            "var": self.var[:, at],
            "sd": self.sd[at],
            "games": self.games[at],
            "exp": self.exp[at],
            "ph_exp": self.ph_exp[ph],
            "ph": self.ph[ph],
            "mates": self.mates[mates],
            "h2h": np.where(radiant_low, low, high),
            "h2h_swapped": np.where(radiant_low, high, low)[VS_SWAP_LIST],
        }

    def _hero_columns(self, h: np.ndarray) -> dict[str, np.ndarray]:
        a, b = h[PAIR_A], h[PAIR_B]
        syn = np.minimum(a, b) * HERO_BASE + np.maximum(a, b)
        hr, hd = h[VS_R], h[VS_D]
        vs = np.minimum(hr, hd) * HERO_BASE + np.maximum(hr, hd)
        low, high = self.vs_low[vs], self.vs_high[vs]
        radiant_low = hr < hd
        return {
            "hero": self.hero[h],
            "syn": self.syn[syn],
            "vs": np.where(radiant_low, low, high),
            "vs_swapped": np.where(radiant_low, high, low)[VS_SWAP_LIST],
        }
