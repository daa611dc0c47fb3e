"""Feature matrix for matches: player ratings/history, hero statistics and signed hero picks.

Every feature of match t is a function of t's draft/players and of matches strictly before t in
time order (see ``history.py``), so appending later matches or flipping their results never
changes it. Serving builds the same features from the final state after all training matches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from backend.ml.frame import MAX_HERO_ID
from backend.ml.history import PAIR_A, PAIR_B, PreMatch, swap_prematch

# Pseudo-games of shrinkage towards a 50% win rate; hero pair statistics need more because
# each pair is seen rarely, a player's record on one hero is personal and informative sooner.
HERO_PRIOR_GAMES = 20.0
PAIR_PRIOR_GAMES = 20.0
PLAYER_HERO_PRIOR_GAMES = 5.0


@dataclass(frozen=True)
class FeatureSpec:
    """One column: machine name, readable label, and whether it is a signed hero pick."""

    name: str
    label: str
    hero_id: int | None = None


@dataclass(frozen=True)
class FeatureConfig:
    """Which feature groups are built."""

    use_player_features: bool = True
    use_hero_stats: bool = True


def _shrunk_logit(wins: np.ndarray, games: np.ndarray, prior: float) -> np.ndarray:
    """Log-odds of a win rate shrunk towards 50% by ``prior`` pseudo-games."""
    rate = (wins + prior / 2.0) / (games + prior)
    return np.log(rate / (1.0 - rate))


class _Builder:
    """Collects columns and their specs in a fixed order."""

    def __init__(self) -> None:
        self.columns: list[np.ndarray] = []
        self.specs: list[FeatureSpec] = []

    def add(self, name: str, label: str, values: np.ndarray) -> None:
        self.columns.append(np.asarray(values, dtype=np.float64))
        self.specs.append(FeatureSpec(name, label))

    def add_diff(self, name: str, what: str, r: np.ndarray, d: np.ndarray) -> None:
        """Advantage (radiant - dire) of a per-side statistic.

        Only differences: every column flips sign when the teams swap sides, which makes the
        prediction mirror around the side constant. Side-symmetric "level" columns (e.g. mean
        experience of both teams) mostly told apart data sources, not winners, so they are gone.
        """
        self.add(f"{name}_diff", f"{what} (radiant - dire)", r - d)


def _typical(values: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Per-slot values with unknown slots set to the mean of this match's known slots.

    Unknown means "like the other identified players in this match", not "zero games": a
    draft with no account ids then has no player advantage at all. With no known slot in the
    match every slot gets 0, which cancels in the radiant - dire difference.
    """
    n_known = known.sum(axis=1, keepdims=True)
    mean = np.where(known, values, 0.0).sum(axis=1, keepdims=True) / np.maximum(n_known, 1)
    return np.where(known, values, mean)


def _player_features(b: _Builder, pre: PreMatch) -> None:
    mu, var = pre.mu, pre.var  # (n, 10, K); unknown players are at the prior (0, prior var)
    for k in range(mu.shape[2]):
        suffix = "" if k == 0 else f" (variant {k})"
        diff = mu[:, :5, k].sum(axis=1) - mu[:, 5:, k].sum(axis=1)
        scale = np.sqrt(1.0 + math.pi * var[:, :, k].sum(axis=1) / 8.0)
        b.add(
            f"rating_logit_{k}", f"Players' rating advantage (win log-odds){suffix}", diff / scale
        )
    known = pre.known
    m0 = _typical(mu[:, :, 0], known)  # team shape only; the prior is in rating_logit
    r, d = m0[:, :5], m0[:, 5:]
    b.add("rating_max_diff", "Best player's rating (radiant - dire)", r.max(1) - d.max(1))
    b.add("rating_min_diff", "Weakest player's rating (radiant - dire)", r.min(1) - d.min(1))
    b.add_diff("rating_spread", "Rating spread within team", r.std(1), d.std(1))
    sd = _typical(np.sqrt(var[:, :, 0]), known)
    b.add_diff("rating_sd", "Rating uncertainty", sd[:, :5].mean(1), sd[:, 5:].mean(1))
    exp = _typical(np.log1p(pre.games), known)
    b.add_diff("experience", "Players' experience", exp[:, :5].mean(1), exp[:, 5:].mean(1))
    b.add_diff("experience_min", "Least experienced player", exp[:, :5].min(1), exp[:, 5:].min(1))
    unknown = (~known).astype(np.float64)
    b.add_diff("unknown_players", "Unknown players", unknown[:, :5].sum(1), unknown[:, 5:].sum(1))
    new = (known & (pre.games == 0)).astype(np.float64)
    b.add_diff("new_players", "First-time players", new[:, :5].sum(1), new[:, 5:].sum(1))
    ph_exp = _typical(np.log1p(pre.ph_games), known)
    b.add_diff(
        "hero_experience", "Games on their heroes", ph_exp[:, :5].mean(1), ph_exp[:, 5:].mean(1)
    )
    ph = _typical(_shrunk_logit(pre.ph_wins, pre.ph_games, PLAYER_HERO_PRIOR_GAMES), known)
    b.add_diff("hero_form", "Win rate on their heroes", ph[:, :5].mean(1), ph[:, 5:].mean(1))
    pair_known = known[:, PAIR_A] & known[:, PAIR_B]
    mates = _typical(np.log1p(pre.mate_games), pair_known)
    b.add_diff("familiarity", "Games played together", mates[:, :10].mean(1), mates[:, 10:].mean(1))
    h2h = _shrunk_logit(pre.h2h_wins, pre.h2h_games, PLAYER_HERO_PRIOR_GAMES)
    b.add("head_to_head", "Head-to-head record of these players (radiant view)", h2h.mean(1))


def _hero_stat_features(b: _Builder, pre: PreMatch) -> None:
    hero = _shrunk_logit(pre.hero_wins, pre.hero_games, HERO_PRIOR_GAMES)
    b.add(
        "hero_strength_diff",
        "Hero win rates (radiant - dire)",
        hero[:, :5].mean(1) - hero[:, 5:].mean(1),
    )
    syn = _shrunk_logit(pre.syn_wins, pre.syn_games, PAIR_PRIOR_GAMES)
    b.add_diff("hero_synergy", "Hero pair synergy", syn[:, :10].mean(1), syn[:, 10:].mean(1))
    vs = _shrunk_logit(pre.vs_wins, pre.vs_games, PAIR_PRIOR_GAMES)
    b.add("hero_counter", "Hero match-ups (radiant view)", vs.mean(1))


# Built once: rebuilding these frozen specs was ~30 % of one draft's build_matrix.
PICK_SPECS = tuple(
    FeatureSpec(f"hero_{h}", f"hero #{h}", hero_id=h) for h in range(1, MAX_HERO_ID + 1)
)


def _numeric(pre: PreMatch, config: FeatureConfig) -> tuple[np.ndarray, list[FeatureSpec]]:
    """Radiant-view numeric columns of one orientation (C-ordered inputs, see _contiguous)."""
    b = _Builder()
    if config.use_player_features:
        _player_features(b, pre)
    if config.use_hero_stats:
        _hero_stat_features(b, pre)
    n = pre.heroes.shape[0]
    return (np.column_stack(b.columns) if b.columns else np.zeros((n, 0))), b.specs


def _contiguous(pre: PreMatch) -> PreMatch:
    """Same values in C order: numpy may sum strided and contiguous arrays in another order."""
    return PreMatch(
        **{k: np.ascontiguousarray(getattr(pre, k)) for k in PreMatch.__dataclass_fields__}
    )


def _rows(pre: PreMatch, start: int, stop: int) -> PreMatch:
    return PreMatch(**{k: getattr(pre, k)[start:stop] for k in PreMatch.__dataclass_fields__})


def _signed_picks(out: np.ndarray, heroes: np.ndarray) -> None:
    """Write +1 for radiant picks, -1 for dire picks (0 for a hero on both sides) into out.

    This is (picks - picks_swapped) / 2 exactly: a hero on one side gives (1 - (-1)) / 2, and
    a hero on both sides is -1 in both orientations (the dire pick is written last) so 0.
    """
    out[...] = 0.0
    rows = np.arange(len(heroes))[:, None]
    out[rows, heroes[:, :5] - 1] = 1.0
    out[rows, heroes[:, 5:] - 1] = -1.0
    both_row, radiant_slot, _ = np.nonzero(heroes[:, :5, None] == heroes[:, None, 5:])
    out[both_row, heroes[both_row, radiant_slot] - 1] = 0.0


# Rows per block of the numeric columns: both orientations of a block are a few MB, never the
# full matrix twice.
CHUNK_ROWS = 16_384


def build_matrix(pre: PreMatch, config: FeatureConfig) -> tuple[np.ndarray, list[FeatureSpec]]:
    """Assemble the (n, f) feature matrix and the spec of each column.

    Every column is odd under a side swap *exactly*: it is (g(match) - g(swapped match)) / 2
    of the radiant-view columns g, which are odd already up to the order of floating-point
    sums. So the swapped draft's features are exactly -x, which the side-swap identity of
    every model type relies on. The signed hero picks are odd by construction, so only the
    numeric columns are computed for both orientations, block by block, into one output.
    """
    n = pre.heroes.shape[0]
    out: np.ndarray | None = None
    specs: list[FeatureSpec] = []
    for start in range(0, max(n, 1), CHUNK_ROWS):
        part = _rows(pre, start, start + CHUNK_ROWS)
        g, specs = _numeric(_contiguous(part), config)
        g_swapped, _ = _numeric(_contiguous(swap_prematch(part)), config)
        if out is None:
            out = np.empty((n, g.shape[1] + MAX_HERO_ID))
        out[start : start + len(g), : g.shape[1]] = (g - g_swapped) / 2.0
    assert out is not None
    _signed_picks(out[:, len(specs) :], pre.heroes)
    return out, specs + list(PICK_SPECS)
