"""Online Bayesian player ratings (Glicko/TrueSkill-style Gaussian skills on the log-odds scale).

Each player has a skill mean ``mu`` and variance ``var`` (log-odds units). A team's strength is
the sum of its five players' skills; the win probability is the logistic of the difference,
shrunk by the total uncertainty (probit approximation). After each match the ten players are
updated with one assumed-density-filtering step. Variance grows by ``drift_var`` per game and
``time_var`` per day of inactivity (capped at the prior), so ratings follow form and returning
players are less certain. Unknown players are a fresh prior every time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SIDE_SIGN = np.array([1.0] * 5 + [-1.0] * 5)
# Prior strength (in matches) of the running radiant win rate used as side advantage.
SIDE_PRIOR_MATCHES = 20.0
PRIOR_VAR_GRID = (0.02, 0.04, 0.08, 0.16, 0.32)
DRIFT_VAR_GRID = (0.0, 0.001)
TIME_VAR_GRID = (0.0, 1e-4, 1e-3, 3e-3, 1e-2)


@dataclass(frozen=True)
class RatingConfig:
    """Constants of the rating system (log-odds scale; time in days)."""

    prior_var: float = 0.08
    drift_var: float = 0.0
    time_var: float = 1e-4


@dataclass
class RatingStart:
    """Where an online pass continues from (the state after earlier matches)."""

    mu: np.ndarray  # (P, K); players who have not played yet: 0
    var: np.ndarray  # (P, K); players who have not played yet: the prior
    last_day: np.ndarray  # (P,); players who have not played yet: inf
    n_matches: int  # matches already processed (for the running side advantage)
    radiant_wins: float  # radiant wins among them


@dataclass
class RatingRun:
    """Result of an online pass for K configurations at once."""

    pre_mu: np.ndarray | None  # (n, 10, K) skill before each match, or None when not recorded
    pre_var: np.ndarray | None  # (n, 10, K) variance (incl. drift) before each match
    p_pred: np.ndarray  # (n, K) rating-only P(radiant wins) before each match
    mu: np.ndarray  # (P, K) final skills
    var: np.ndarray  # (P, K) final variances (without drift since the last game)
    last_day: np.ndarray  # (P,) day of each player's last game
    post_mu: np.ndarray | None = None  # (n, 10, K) skill right after each match (record_post)
    post_var: np.ndarray | None = None  # (n, 10, K) stored variance right after each match


def inflate(
    var: np.ndarray, idle_days: np.ndarray, prior: np.ndarray, drift: np.ndarray, time: np.ndarray
) -> np.ndarray:
    """Variance before a game: stored variance plus per-game and inactivity drift, capped."""
    return np.minimum(var + drift + time * np.maximum(idle_days, 0.0)[..., None], prior)


def match_waves(players: np.ndarray) -> np.ndarray:
    """(n,) wave of each match: one more than the latest wave of its known players' matches.

    ``players`` is (n, 10) player ids (dense indices or account ids), negative for unknown.
    Matches of one wave share no known player, and every earlier match of their players is in
    an earlier wave, so a wave's rating updates can run together and still see exactly the
    state the one-match-at-a-time pass would. Unknown players are a fresh prior every time and
    create no dependency. The waves of the first m matches are the first m waves of all.
    """
    player_idx = players
    n = player_idx.shape[0]
    waves = np.empty(n, dtype=np.int64)
    latest: dict[int, int] = {}
    # Plain Python over lists: per match ten dictionary look-ups beat any numpy call.
    for start in range(0, n, WAVE_CHUNK):
        rows = player_idx[start : start + WAVE_CHUNK].tolist()
        out = []
        for row in rows:
            w = 0
            for p in row:
                if p >= 0:
                    seen = latest.get(p, -1)
                    if seen >= w:
                        w = seen + 1
            for p in row:
                if p >= 0:
                    latest[p] = w
            out.append(w)
        waves[start : start + len(out)] = out
    return waves


WAVE_CHUNK = 65_536  # rows converted to Python lists at a time (bounded memory)


def _slot_sum(a: np.ndarray) -> np.ndarray:
    """Sum over the 10 slots of (B, 10, K), in the order numpy sums one match's (10, K).

    numpy adds the ten rows of a (10, K) array one after another when K > 1, but a (10, 1)
    array is a contiguous run of ten numbers, which it sums pairwise in eight lanes. Spelling
    the order out keeps every match's value bit-identical to the one-match-at-a-time pass.
    """
    if a.shape[2] == 1:
        s = ((a[:, 0] + a[:, 1]) + (a[:, 2] + a[:, 3])) + (
            (a[:, 4] + a[:, 5]) + (a[:, 6] + a[:, 7])
        )
        return (s + a[:, 8]) + a[:, 9]
    s = a[:, 0] + a[:, 1]
    for i in range(2, 10):
        s = s + a[:, i]
    return s


def side_advantage(radiant_win: np.ndarray, n_before: int, wins_before: float) -> np.ndarray:
    """(n,) running log-odds of a radiant win before each match (prior of SIDE_PRIOR_MATCHES)."""
    # Sums of 0/1 labels are exact in float64, so cumsum equals the running total of the loop.
    wins = wins_before + np.concatenate([[0.0], np.cumsum(radiant_win)[:-1]])
    out = np.empty(len(radiant_win))
    for t, won in enumerate(wins.tolist()):
        # math.log, as the per-match pass used: numpy's vector log may differ in the last bit.
        rate = (won + SIDE_PRIOR_MATCHES / 2) / (n_before + t + SIDE_PRIOR_MATCHES)
        out[t] = math.log(rate / (1.0 - rate))
    return out


def run_ratings(
    player_idx: np.ndarray,
    radiant_win: np.ndarray,
    days: np.ndarray,
    n_players: int,
    configs: list[RatingConfig],
    *,
    record: bool = True,
    start: RatingStart | None = None,
    waves: np.ndarray | None = None,
    record_post: bool = False,
) -> RatingRun:
    """Process matches in order; player_idx is (n, 10) dense ids with -1 for unknown players.

    With ``start`` the pass continues from an earlier pass's final state (same configs, player
    arrays already re-indexed to ``n_players``), giving exactly what one pass over the earlier
    and the new matches together would give.

    The matches are processed in waves (``match_waves``): every match sees exactly the state
    after all earlier matches of its players, and each value is computed with the same
    floating-point operations in the same order as a one-match-at-a-time loop would use.
    ``waves`` may pass ``match_waves(player_idx)`` when the caller has it already.
    ``record_post`` keeps each match's players' values right after its update: the state a
    later point-in-time look-up continues from (``backend/ml/point_in_time.py``).
    """
    n = player_idx.shape[0]
    k = len(configs)
    prior = np.array([c.prior_var for c in configs])
    drift = np.array([c.drift_var for c in configs])
    time = np.array([c.time_var for c in configs])
    # Row n_players is a scratch "unknown player" slot, reset to the prior after every wave.
    mu = np.zeros((n_players + 1, k))
    var = np.tile(prior, (n_players + 1, 1))
    last = np.full(n_players + 1, np.inf)  # never played: inflate() caps at the prior anyway
    done, radiant_wins = 0, 0.0
    if start is not None:
        mu[:n_players] = start.mu
        var[:n_players] = start.var
        last[:n_players] = start.last_day
        done, radiant_wins = start.n_matches, start.radiant_wins
    idx_all = np.where(player_idx >= 0, player_idx, n_players)
    pre_mu = np.empty((n, 10, k)) if record else None
    pre_var = np.empty((n, 10, k)) if record else None
    post_mu = np.empty((n, 10, k)) if record_post else None
    post_var = np.empty((n, 10, k)) if record_post else None
    p_pred = np.empty((n, k))
    side = side_advantage(radiant_win, done, radiant_wins)
    if waves is None:
        waves = match_waves(player_idx)
    order = np.argsort(waves, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(waves))]) if n else np.zeros(1, np.int64)
    sign = SIDE_SIGN[None, :, None]
    for w in range(len(bounds) - 1):
        t = order[bounds[w] : bounds[w + 1]]
        idx = idx_all[t]
        m = mu[idx]
        seen = last[idx]
        idle = np.where(np.isfinite(seen), days[t][:, None] - seen, 0.0)
        v = inflate(var[idx], idle, prior, drift, time)
        if pre_mu is not None and pre_var is not None:
            pre_mu[t] = m
            pre_var[t] = v
        diff = _slot_sum(sign * m) + side[t][:, None]
        total_var = _slot_sum(v)
        p = 1.0 / (1.0 + np.exp(-diff / np.sqrt(1.0 + math.pi * total_var / 8.0)))
        p_pred[t] = p
        y = radiant_win[t][:, None]
        h = p * (1.0 - p)
        denom = 1.0 + total_var * h
        mu[idx] = m + sign * v * ((y - p) / denom)[:, None, :]
        var[idx] = v - v * v * (h / denom)[:, None, :]
        last[idx] = days[t][:, None]
        if post_mu is not None and post_var is not None:
            post_mu[t] = mu[idx]
            post_var[t] = var[idx]
        mu[n_players] = 0.0
        var[n_players] = prior
        last[n_players] = np.inf
    return RatingRun(
        pre_mu,
        pre_var,
        p_pred,
        mu[:n_players],
        var[:n_players],
        last[:n_players],
        post_mu,
        post_var,
    )


def recalibrated_log_loss(p_pred: np.ndarray, radiant_win: np.ndarray) -> np.ndarray:
    """Per configuration: log-loss after refitting slope and intercept of its log-odds.

    The downstream model rescales the rating anyway, so constants are chosen for how well the
    rating ranks matches, not for the raw scale of its probabilities.
    """
    from sklearn.linear_model import LogisticRegression

    p = np.clip(p_pred, 1e-6, 1 - 1e-6)
    z = np.log(p / (1 - p))
    out = np.empty(z.shape[1])
    for k in range(z.shape[1]):
        fit = LogisticRegression(C=1e4).fit(z[:, k : k + 1], radiant_win)
        q = np.clip(fit.predict_proba(z[:, k : k + 1])[:, 1], 1e-12, 1 - 1e-12)
        out[k] = -np.mean(radiant_win * np.log(q) + (1 - radiant_win) * np.log(1 - q))
    return out


def tune_rating_config(
    player_idx: np.ndarray,
    radiant_win: np.ndarray,
    days: np.ndarray,
    n_players: int,
    waves: np.ndarray | None = None,
) -> tuple[RatingConfig, float]:
    """Pick the constants by prequential (recalibrated) log-loss on the given matches only.

    Call it with the training part: every online prediction uses only earlier matches, so this
    is a rolling-origin evaluation with step one; the first quarter is burn-in.
    """
    grid = [
        RatingConfig(p, d, t) for p in PRIOR_VAR_GRID for d in DRIFT_VAR_GRID for t in TIME_VAR_GRID
    ]
    run = run_ratings(player_idx, radiant_win, days, n_players, grid, record=False, waves=waves)
    burn_in = len(radiant_win) // 4
    y = radiant_win[burn_in:]
    if y.min() == y.max():
        return RatingConfig(), float("nan")
    losses = recalibrated_log_loss(run.p_pred[burn_in:], y)
    best = int(np.argmin(losses))
    return grid[best], float(losses[best])
