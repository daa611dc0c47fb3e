"""Per-match inputs from strictly earlier matches (walk-forward) and the final state for serving.

Size: the walk-forward pass (``build_online``), the serving pass (``build_from_state``), the
state they share and the key layout of every statistic: one key format, stated once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from backend.ml.counts import CountTable, decay_rate, prior_counts
from backend.ml.frame import UNKNOWN, MatchArrays
from backend.ml.key_index import KeyIndex
from backend.ml.ratings import RatingConfig, inflate, run_ratings

# Same-side pairs (10 per side) and radiant-vs-dire pairs (25), as slot indices.
SIDE_PAIRS = [(i, j) for i in range(5) for j in range(i + 1, 5)]
PAIR_A = np.array([i for i, _ in SIDE_PAIRS] + [5 + i for i, _ in SIDE_PAIRS])
PAIR_B = np.array([j for _, j in SIDE_PAIRS] + [5 + j for _, j in SIDE_PAIRS])
VS_R = np.repeat(np.arange(5), 5)
VS_D = np.tile(np.arange(5, 10), 5)
HERO_BASE = 256  # > max hero id, so hero pairs and player-hero pairs get unique int keys


@dataclass
class PreMatch:
    """Everything known before each match (rows aligned with the input matches)."""

    heroes: np.ndarray  # (n, 10)
    known: np.ndarray  # (n, 10) bool: the slot has a usable account id
    mu: np.ndarray  # (n, 10, K) rating means
    var: np.ndarray  # (n, 10, K) rating variances incl. drift
    games: np.ndarray  # (n, 10) player's earlier games
    ph_games: np.ndarray  # (n, 10) player's earlier games on this hero
    ph_wins: np.ndarray
    mate_games: np.ndarray  # (n, 20) earlier games of each teammate pair together
    hero_games: np.ndarray  # (n, 10)
    hero_wins: np.ndarray
    syn_games: np.ndarray  # (n, 20) same-side hero pairs; wins from that side's view
    syn_wins: np.ndarray
    vs_games: np.ndarray  # (n, 25) radiant hero vs dire hero
    # Wins of the lower hero id of each match-up, as the table stores them: the same for either
    # side (a side swap only moves the pair), and each side's view is taken from it directly
    # (``versus_views``) since games - wins does not give the other view back exactly once the
    # counts are decayed, i.e. not integers.
    vs_low_wins: np.ndarray
    h2h_games: np.ndarray  # (n, 25) radiant player vs dire player; wins from radiant's view
    h2h_wins: np.ndarray


@dataclass(frozen=True)
class MatchPosition:
    """A point in match time order: (start_time, match_id) or just match_id.

    With ``order_key == "start_time"`` matches are ordered by (start_time, match_id), so a match
    is "after" this position when that pair is larger; with ``"match_id"`` only match_id counts
    (start_time is then None).
    """

    start_time: int | None
    match_id: int

    def key(self, order_key: str) -> tuple[int, int]:
        """Sort key under the state's time order."""
        if order_key == "start_time":
            return (self.start_time if self.start_time is not None else -1, self.match_id)
        return (0, self.match_id)


@dataclass
class HistoryState:
    """State after the last match applied: ratings, count tables and where time stands.

    ``training_end`` is the last training match: its (start_time, match_id) when the model was
    ordered by start_time, else its match_id (start_time None). ``ratings_as_of`` is the last
    match applied so far (the training end until results are rolled forward), and
    ``results_applied`` counts the matches applied after training (see ``rollforward.py``).
    ``order_key``/``day_origin`` define the clock: day = (start_time - origin) / 86400 or
    (match_id - origin) / MATCH_IDS_PER_DAY, origin being the first training match.
    ``n_matches``/``radiant_wins`` feed the running side advantage of the rating updates;
    ``n_matches == -1`` marks a state from before roll-forward existed (cannot be advanced).
    """

    rating_configs: tuple[RatingConfig, ...]
    accounts: np.ndarray  # sorted known account ids; index = dense player id
    mu: np.ndarray  # (P, K)
    var: np.ndarray  # (P, K)
    last_day: np.ndarray  # (P,) day of each player's last game
    end_day: float  # day of the last applied match: serving predicts "right after" it
    tables: dict[str, CountTable] = field(default_factory=dict)
    order_key: str = "match_id"
    day_origin: float = 0.0
    n_matches: int = -1
    radiant_wins: float = 0.0
    training_end: MatchPosition | None = None
    ratings_as_of: MatchPosition | None = None
    results_applied: int = 0
    hero_half_life_days: float = 0.0  # decay of DECAYED_STATS; 0 = plain counts (older models)

    def decay(self, name: str) -> float:
        """Decay rate per day of one statistic's table (0 = plain counts)."""
        return decay_rate(self.hero_half_life_days) if name in DECAYED_STATS else 0.0

    def player_index(self, accounts: np.ndarray) -> np.ndarray:
        """Dense ids for account ids; -1 for unknown or never-seen accounts."""
        return self._account_index().find(accounts)

    def _account_index(self) -> KeyIndex:
        """A KeyIndex of ``accounts``, built on first use and rebuilt if accounts is replaced."""
        cached = self.__dict__.get("_accounts_index")
        if cached is None or cached[0] is not self.accounts:
            cached = (self.accounts, KeyIndex(self.accounts))
            self.__dict__["_accounts_index"] = cached
        return cached[1]


STATS = ("player", "player_hero", "mates", "hero", "synergy", "versus", "head_to_head")
# The meta statistics, decayed by the model's hero_half_life_days: a hero's (pair's, match-up's)
# games from last month weigh more than three patches ago. Player statistics stay plain counts
# (experience is experience); ratings forget by their own drift.
DECAYED_STATS = ("hero", "synergy", "versus")


def stat_key(name: str, heroes: np.ndarray, idx: np.ndarray, n_players: int) -> np.ndarray:
    """Integer keys of one statistic; negative = no key (unknown player)."""
    width = max(n_players, 1)
    if name == "player":
        return idx
    if name == "player_hero":
        return np.where(idx >= 0, idx * HERO_BASE + heroes, -1)
    if name == "mates":
        return _pair_keys(idx[:, PAIR_A], idx[:, PAIR_B], width)
    if name == "hero":
        return heroes
    if name == "synergy":
        ha, hb = heroes[:, PAIR_A], heroes[:, PAIR_B]
        return np.minimum(ha, hb) * HERO_BASE + np.maximum(ha, hb)
    if name == "versus":
        hr, hd = heroes[:, VS_R], heroes[:, VS_D]
        return np.minimum(hr, hd) * HERO_BASE + np.maximum(hr, hd)
    return _pair_keys(idx[:, VS_R], idx[:, VS_D], width)  # head_to_head


def _pair_keys(a: np.ndarray, b: np.ndarray, width: int) -> np.ndarray:
    """min * width + max of two player ids, -1 where either is unknown (< 0), in few passes."""
    low = np.minimum(a, b)
    keys = np.maximum(a, b, out=a)  # a and b are fresh gathers: reuse a's memory
    keys += low * width
    keys[low < 0] = -1  # low < 0 exactly when one of the two is unknown
    return keys


def win_view(name: str, heroes: np.ndarray, idx: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Whether each key's side won, for one statistic (the view its table stores)."""
    if name in ("versus", "head_to_head"):
        ids = heroes if name == "versus" else idx
        return np.where(ids[:, VS_R] < ids[:, VS_D], y[:, None], 1 - y[:, None])
    side_win = np.column_stack([np.repeat(y[:, None], 5, 1), np.repeat(1 - y[:, None], 5, 1)])
    return side_win[:, PAIR_A] if name in ("mates", "synergy") else side_win


def stat_keys(heroes: np.ndarray, idx: np.ndarray, n_players: int) -> dict[str, np.ndarray]:
    """Integer keys per statistic; negative = no key (unknown player)."""
    return {name: stat_key(name, heroes, idx, n_players) for name in STATS}


def win_views(heroes: np.ndarray, idx: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """Per statistic, whether each key's side won (the view its table stores)."""
    return {name: win_view(name, heroes, idx, y) for name in STATS}


def assemble(
    heroes: np.ndarray,
    idx: np.ndarray,
    known: np.ndarray,
    mu: np.ndarray,
    var: np.ndarray,
    counts: dict[str, tuple[np.ndarray, np.ndarray]],
) -> PreMatch:
    """PreMatch from look-ups; ``idx`` (dense ids, -1 unseen) orients head-to-head wins."""
    vs_games, vs_low_wins = counts["versus"]
    h2h_games, h2h_low_wins = counts["head_to_head"]
    h2h_wins = np.where(idx[:, VS_R] < idx[:, VS_D], h2h_low_wins, h2h_games - h2h_low_wins)
    return PreMatch(
        heroes=heroes,
        known=known,
        mu=mu,
        var=var,
        games=counts["player"][0],
        ph_games=counts["player_hero"][0],
        ph_wins=counts["player_hero"][1],
        mate_games=counts["mates"][0],
        hero_games=counts["hero"][0],
        hero_wins=counts["hero"][1],
        syn_games=counts["synergy"][0],
        syn_wins=counts["synergy"][1],
        vs_games=vs_games,
        vs_low_wins=vs_low_wins,
        h2h_games=h2h_games,
        h2h_wins=h2h_wins,
    )


def versus_views(pre: PreMatch) -> tuple[np.ndarray, np.ndarray]:
    """(n, 25) match-up wins from radiant's and from dire's view, both from the stored view."""
    radiant_low = pre.heroes[:, VS_R] < pre.heroes[:, VS_D]
    high = pre.vs_games - pre.vs_low_wins
    return np.where(radiant_low, pre.vs_low_wins, high), np.where(
        radiant_low, high, pre.vs_low_wins
    )


def match_position(arrays: MatchArrays, row: int, order_key: str) -> MatchPosition:
    """Position of one row under the given time order."""
    start = None
    if order_key == "start_time" and arrays.start_time is not None:
        start = int(arrays.start_time[row])
    return MatchPosition(start, int(arrays.match_id[row]))


def build_online(
    arrays: MatchArrays,
    days: np.ndarray,
    rating_configs: tuple[RatingConfig, ...],
    *,
    order_key: str = "match_id",
    waves: np.ndarray | None = None,
    hero_half_life_days: float = 0.0,
) -> tuple[PreMatch, HistoryState]:
    """Walk forward through time-ordered labelled matches; each row sees only earlier rows.

    ``days`` must be ``match_days(frame, order_key)`` for the state to be advanced later;
    ``waves`` may pass ``match_waves(arrays.accounts)`` when the caller has it already.
    ``hero_half_life_days`` > 0 decays the hero statistics (DECAYED_STATS) to each match's day.
    """
    assert arrays.radiant_win is not None
    y = arrays.radiant_win
    acc = arrays.accounts
    known = acc != UNKNOWN
    players = np.unique(acc[known])
    idx = np.where(known, np.searchsorted(players, acc), -1).astype(np.int64)
    run = run_ratings(idx, y, days, len(players), list(rating_configs), waves=waves)
    assert run.pre_mu is not None and run.pre_var is not None
    counts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    tables: dict[str, CountTable] = {}
    rate = decay_rate(hero_half_life_days)
    for name in STATS:  # one statistic's keys at a time: n x 25 int64 each at most
        keys = stat_key(name, arrays.heroes, idx, len(players))
        view = win_view(name, arrays.heroes, idx, y)
        g, w, table = prior_counts(keys, view, days, rate if name in DECAYED_STATS else 0.0)
        counts[name] = (g, w)
        tables[name] = table
        del keys
    end_day = float(days[-1]) if len(days) else 0.0
    n = len(y)
    origin = 0.0
    end = None
    if n:
        first = match_position(arrays, 0, order_key)
        use_time = order_key == "start_time" and first.start_time is not None
        origin = float(first.start_time if use_time else first.match_id)  # type: ignore[arg-type]
        end = match_position(arrays, n - 1, order_key)
    state = HistoryState(
        rating_configs,
        players,
        run.mu,
        run.var,
        run.last_day,
        end_day,
        tables,
        order_key=order_key,
        day_origin=origin,
        n_matches=n,
        radiant_wins=float(y.sum()),
        training_end=end,
        ratings_as_of=end,
        results_applied=0,
        hero_half_life_days=float(hero_half_life_days),
    )
    pre = assemble(arrays.heroes, idx, known, run.pre_mu, run.pre_var, counts)
    return pre, state


def build_from_state(arrays: MatchArrays, state: HistoryState) -> PreMatch:
    """Pre-match inputs for new matches from the final state (no updates between rows)."""
    known = arrays.accounts != UNKNOWN
    idx = state.player_index(arrays.accounts)
    configs = state.rating_configs
    prior = np.array([c.prior_var for c in configs])
    drift = np.array([c.drift_var for c in configs])
    time = np.array([c.time_var for c in configs])
    seen = idx >= 0
    safe = np.where(seen, idx, 0)
    if len(state.accounts):
        idle = np.where(seen, state.end_day - state.last_day[safe], 0.0)
        mu = np.where(seen[:, :, None], state.mu[safe], 0.0)
        var = np.where(seen[:, :, None], inflate(state.var[safe], idle, prior, drift, time), prior)
    else:
        mu = np.zeros((*idx.shape, len(configs)))
        var = np.broadcast_to(prior, (*idx.shape, len(configs))).copy()
    counts = {
        name: state.tables[name].lookup(keys)
        for name, keys in stat_keys(arrays.heroes, idx, len(state.accounts)).items()
    }
    return assemble(arrays.heroes, idx, known, mu, var, counts)


def mask_players(pre: PreMatch, mask: np.ndarray, prior_var: np.ndarray) -> PreMatch:
    """The inputs as if the masked slots' account ids had not been given.

    Exactly what ``build_from_state``/``build_online`` produce for an unknown player: rating at
    the prior, no games, no pair history. Used to train and evaluate with ids hidden.
    """
    keep = pre.known & ~mask
    pair_keep = keep[:, PAIR_A] & keep[:, PAIR_B]
    vs_keep = keep[:, VS_R] & keep[:, VS_D]
    return replace(
        pre,
        known=keep,
        mu=np.where(keep[:, :, None], pre.mu, 0.0),
        var=np.where(keep[:, :, None], pre.var, prior_var),
        games=np.where(keep, pre.games, 0.0),
        ph_games=np.where(keep, pre.ph_games, 0.0),
        ph_wins=np.where(keep, pre.ph_wins, 0.0),
        mate_games=np.where(pair_keep, pre.mate_games, 0.0),
        h2h_games=np.where(vs_keep, pre.h2h_games, 0.0),
        h2h_wins=np.where(vs_keep, pre.h2h_wins, 0.0),
    )


# Versus/head-to-head pairs are (radiant slot i, dire slot j) at i * 5 + j; after a side swap
# the same two slots sit at j * 5 + i.
VS_SWAP = np.array([j * 5 + i for i in range(5) for j in range(5)])


def swap_prematch(pre: PreMatch) -> PreMatch:
    """The inputs of the same matches with radiant and dire exchanged."""
    slots = np.r_[5:10, 0:5]
    pairs = np.r_[10:20, 0:10]
    return PreMatch(
        heroes=pre.heroes[:, slots],
        known=pre.known[:, slots],
        mu=pre.mu[:, slots],
        var=pre.var[:, slots],
        games=pre.games[:, slots],
        ph_games=pre.ph_games[:, slots],
        ph_wins=pre.ph_wins[:, slots],
        mate_games=pre.mate_games[:, pairs],
        hero_games=pre.hero_games[:, slots],
        hero_wins=pre.hero_wins[:, slots],
        syn_games=pre.syn_games[:, pairs],
        syn_wins=pre.syn_wins[:, pairs],
        vs_games=pre.vs_games[:, VS_SWAP],
        vs_low_wins=pre.vs_low_wins[:, VS_SWAP],
        h2h_games=pre.h2h_games[:, VS_SWAP],
        h2h_wins=pre.h2h_games[:, VS_SWAP] - pre.h2h_wins[:, VS_SWAP],
    )
