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
from backend.ml.history import PAIR_A, PAIR_B, PreMatch

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

# The numeric columns, in order: (name, label) per feature group. The one column spec of
# build_matrix, the per-orientation definition above and draft_features' one-draft row.
PLAYER_COLUMNS = (
    ("rating_max_diff", "Best player's rating (radiant - dire)"),
    ("rating_min_diff", "Weakest player's rating (radiant - dire)"),
    ("rating_spread_diff", "Rating spread within team (radiant - dire)"),
    ("rating_sd_diff", "Rating uncertainty (radiant - dire)"),
    ("experience_diff", "Players' experience (radiant - dire)"),
    ("experience_min_diff", "Least experienced player (radiant - dire)"),
    ("unknown_players_diff", "Unknown players (radiant - dire)"),
    ("new_players_diff", "First-time players (radiant - dire)"),
    ("hero_experience_diff", "Games on their heroes (radiant - dire)"),
    ("hero_form_diff", "Win rate on their heroes (radiant - dire)"),
    ("familiarity_diff", "Games played together (radiant - dire)"),
    ("head_to_head", "Head-to-head record of these players (radiant view)"),
)
HERO_COLUMNS = (
    ("hero_strength_diff", "Hero win rates (radiant - dire)"),
    ("hero_synergy_diff", "Hero pair synergy (radiant - dire)"),
    ("hero_counter", "Hero match-ups (radiant view)"),
)


def numeric_specs(config: FeatureConfig, n_ratings: int) -> list[FeatureSpec]:
    """Specs of the numeric columns for this config and number of rating variants, in order."""
    specs: list[FeatureSpec] = []
    if config.use_player_features:
        for k in range(n_ratings):
            suffix = "" if k == 0 else f" (variant {k})"
            label = f"Players' rating advantage (win log-odds){suffix}"
            specs.append(FeatureSpec(f"rating_logit_{k}", label))
        specs += [FeatureSpec(name, label) for name, label in PLAYER_COLUMNS]
    if config.use_hero_stats:
        specs += [FeatureSpec(name, label) for name, label in HERO_COLUMNS]
    return specs


def _numeric(pre: PreMatch, config: FeatureConfig) -> tuple[np.ndarray, list[FeatureSpec]]:
    """Radiant-view numeric columns of one orientation: the definition build_matrix follows.

    build_matrix computes the same values column by column (``_Columns``); this per-orientation
    form is what the equality tests compare it with (C-ordered inputs, see _contiguous).
    """
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


def _signed_picks(out: np.ndarray, heroes: np.ndarray, *, zeroed: bool = False) -> None:
    """Write +1 for radiant picks, -1 for dire picks (0 for a hero on both sides) into out.

    This is (picks - picks_swapped) / 2 exactly: a hero on one side gives (1 - (-1)) / 2, and
    a hero on both sides is -1 in both orientations (the dire pick is written last) so 0.
    """
    if not zeroed:
        out[...] = 0.0
    rows = np.arange(len(heroes))[:, None]
    out[rows, heroes[:, :5] - 1] = 1.0
    out[rows, heroes[:, 5:] - 1] = -1.0
    both_row, radiant_slot, _ = np.nonzero(heroes[:, :5, None] == heroes[:, None, 5:])
    out[both_row, heroes[both_row, radiant_slot] - 1] = 0.0


# Rows per block of the numeric columns: a block's column vectors stay in the CPU caches.
CHUNK_ROWS = 16_384

# numpy's order of a row sum (add.reduce along a contiguous or strided axis): sequential from 0
# below 8 values, else 8 lanes (lane j = values j, j + 8, ...) added pairwise, then the rest in
# order (tests/ml/test_ml_vectorised_parity.py checks it against numpy's sums).
Column = np.ndarray


def _row_sum(cols: list[Column]) -> Column:
    """Per row, the sum of the given column vectors in exactly numpy's row-sum order."""
    n = len(cols)
    if n < 8:
        total = cols[0] + 0.0
        for v in cols[1:]:
            total += v
        return total
    lanes = list(cols[:8])
    stop = n - n % 8
    for i in range(8, stop, 8):
        lanes = [lanes[j] + cols[i + j] for j in range(8)]
    total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + (
        (lanes[4] + lanes[5]) + (lanes[6] + lanes[7])
    )
    for v in cols[stop:]:
        total += v
    return total


def _mean(cols: list[Column]) -> Column:
    return _row_sum(cols) / len(cols)


def _std(cols: list[Column]) -> Column:
    """numpy's std of each row: the mean, squared deviations, their mean, the root."""
    mean = _row_sum(cols) / len(cols)
    squares = []
    for c in cols:
        x = c - mean
        squares.append(np.square(x, out=x))
    return np.sqrt(_row_sum(squares) / len(cols))


def _max(cols: list[Column]) -> Column:
    out = cols[0].copy()
    for c in cols[1:]:
        np.maximum(out, c, out=out)
    return out


def _min(cols: list[Column]) -> Column:
    out = cols[0].copy()
    for c in cols[1:]:
        np.minimum(out, c, out=out)
    return out


def _typical_cols(values: list[Column], known: list[Column], n_known: Column) -> list[Column]:
    """_typical column by column (``n_known``: known slots per row, at least 1)."""
    mean = _row_sum([np.where(k, v, 0.0) for v, k in zip(values, known, strict=True)]) / n_known
    return [np.where(k, v, mean) for v, k in zip(values, known, strict=True)]


def _columns(a: np.ndarray) -> list[Column]:
    """The columns of an (n, k) block as contiguous vectors."""
    return list(np.ascontiguousarray(a.T))


def _logits(wins: list[Column], games: list[Column], prior: float) -> list[Column]:
    """_shrunk_logit of each column, in one numpy call on a contiguous (k, n) block."""
    if not wins:
        return []
    return list(_shrunk_logit(np.array(wins), np.array(games), prior))


SLOT_SWAP = [5, 6, 7, 8, 9, 0, 1, 2, 3, 4]
PAIR_SWAP = list(range(10, 20)) + list(range(10))
VS_SWAP_LIST = [j * 5 + i for i in range(5) for j in range(5)]


def _perm(cols: list[Column], order: list[int]) -> list[Column]:
    return [cols[i] for i in order]


class _Columns:
    """Both orientations of the numeric columns of one block, as column vectors.

    Every per-slot value is computed once: the swapped orientation is a permutation of the same
    vectors (versus and head-to-head wins turned to the other side, as swap_prematch does). Only
    the reductions, which numpy does in a fixed order, are computed per orientation.
    """

    def __init__(self, pre: PreMatch, config: FeatureConfig) -> None:
        self.g: list[Column] = []
        self.g_swapped: list[Column] = []
        if config.use_player_features:
            self._players(pre)
        if config.use_hero_stats:
            self._heroes(pre)

    def add(self, g: Column, g_swapped: Column) -> None:
        self.g.append(g)
        self.g_swapped.append(g_swapped)

    def _players(self, pre: PreMatch) -> None:
        known = _columns(pre.known)
        n_known = np.maximum(np.count_nonzero(pre.known, axis=1), 1)
        pair_known = [known[a] & known[b] for a, b in zip(PAIR_A, PAIR_B, strict=True)]
        pair_n = np.maximum(np.count_nonzero(np.array(pair_known), axis=0), 1)
        sides = [(list(range(10)), list(range(20))), (SLOT_SWAP, PAIR_SWAP)]
        for k in range(pre.mu.shape[2]):
            mu, var = _columns(pre.mu[:, :, k]), _columns(pre.var[:, :, k])
            g = []
            for slots, _ in sides:
                m, v = _perm(mu, slots), _perm(var, slots)
                scale = np.sqrt(1.0 + math.pi * _row_sum(v) / 8.0)
                g.append((_row_sum(m[:5]) - _row_sum(m[5:])) / scale)
            self.add(*g)
        mu0, var0 = _columns(pre.mu[:, :, 0]), _columns(pre.var[:, :, 0])
        sd = [np.sqrt(v) for v in var0]
        games = _columns(pre.games)
        exp = list(np.log1p(np.array(games)))
        ph_exp = list(np.log1p(np.ascontiguousarray(pre.ph_games.T)))
        ph = _logits(_columns(pre.ph_wins), _columns(pre.ph_games), PLAYER_HERO_PRIOR_GAMES)
        mates = list(np.log1p(np.ascontiguousarray(pre.mate_games.T)))
        h2h_games, h2h_wins = _columns(pre.h2h_games), _columns(pre.h2h_wins)
        h2h = _logits(h2h_wins, h2h_games, PLAYER_HERO_PRIOR_GAMES)
        h2h_other = [g - w for g, w in zip(h2h_games, h2h_wins, strict=True)]
        h2h_swapped = _perm(_logits(h2h_other, h2h_games, PLAYER_HERO_PRIOR_GAMES), VS_SWAP_LIST)
        unknown = [(~k).astype(np.float64) for k in known]
        new = [(k & (g == 0)).astype(np.float64) for k, g in zip(known, games, strict=True)]
        per_side: list[dict[str, list[Column]]] = []
        for slots, pairs in sides:
            kn = _perm(known, slots)
            per_side.append(
                {
                    "m0": _typical_cols(_perm(mu0, slots), kn, n_known),
                    "sd": _typical_cols(_perm(sd, slots), kn, n_known),
                    "exp": _typical_cols(_perm(exp, slots), kn, n_known),
                    "ph_exp": _typical_cols(_perm(ph_exp, slots), kn, n_known),
                    "ph": _typical_cols(_perm(ph, slots), kn, n_known),
                    "mates": _typical_cols(_perm(mates, pairs), _perm(pair_known, pairs), pair_n),
                    "unknown": _perm(unknown, slots),
                    "new": _perm(new, slots),
                }
            )
        for reduce, key in (
            (_max, "m0"),
            (_min, "m0"),
            (_std, "m0"),
            (_mean, "sd"),
            (_mean, "exp"),
            (_min, "exp"),
            (_row_sum, "unknown"),
            (_row_sum, "new"),
            (_mean, "ph_exp"),
            (_mean, "ph"),
        ):
            self.add(*[reduce(side[key][:5]) - reduce(side[key][5:]) for side in per_side])
        self.add(*[_mean(side["mates"][:10]) - _mean(side["mates"][10:]) for side in per_side])
        self.add(_mean(h2h), _mean(h2h_swapped))

    def _heroes(self, pre: PreMatch) -> None:
        hero = _logits(_columns(pre.hero_wins), _columns(pre.hero_games), HERO_PRIOR_GAMES)
        syn = _logits(_columns(pre.syn_wins), _columns(pre.syn_games), PAIR_PRIOR_GAMES)
        self.add(
            _mean(hero[:5]) - _mean(hero[5:]),
            _mean(_perm(hero, SLOT_SWAP)[:5]) - _mean(_perm(hero, SLOT_SWAP)[5:]),
        )
        self.add(
            _mean(syn[:10]) - _mean(syn[10:]),
            _mean(_perm(syn, PAIR_SWAP)[:10]) - _mean(_perm(syn, PAIR_SWAP)[10:]),
        )
        vs_games, vs_wins = _columns(pre.vs_games), _columns(pre.vs_wins)
        vs = _logits(vs_wins, vs_games, PAIR_PRIOR_GAMES)
        other = [g - w for g, w in zip(vs_games, vs_wins, strict=True)]
        vs_swapped = _perm(_logits(other, vs_games, PAIR_PRIOR_GAMES), VS_SWAP_LIST)
        self.add(_mean(vs), _mean(vs_swapped))


def build_matrix(
    pre: PreMatch, config: FeatureConfig, out: np.ndarray | None = None
) -> tuple[np.ndarray, list[FeatureSpec]]:
    """Assemble the (n, f) feature matrix and the spec of each column.

    ``out``, if given, is an all-zero (n, f) float64 array the matrix is written into (a block of
    a larger matrix built chunk by chunk).

    Every column is odd under a side swap *exactly*: it is (g(match) - g(swapped match)) / 2
    of the radiant-view columns g (``_numeric``), which are odd already up to the order of
    floating-point sums. So the swapped draft's features are exactly -x, which the side-swap
    identity of every model type relies on. The numeric columns of both orientations are
    computed block by block as column vectors (``_Columns``: the same values as ``_numeric``
    bit for bit, tested); the signed hero picks are odd by construction.
    """
    n = pre.heroes.shape[0]
    specs = numeric_specs(config, pre.mu.shape[2])
    # Zeroed by the allocator (fresh pages), so the picks need no zeroing pass of their own.
    if out is None:
        out = np.zeros((n, len(specs) + MAX_HERO_ID))
    elif out.shape != (n, len(specs) + MAX_HERO_ID):
        raise ValueError(f"out has shape {out.shape}, not {(n, len(specs) + MAX_HERO_ID)}")
    for start in range(0, n, CHUNK_ROWS):
        block = _Columns(_rows(pre, start, start + CHUNK_ROWS), config)
        if block.g:
            numeric = np.subtract(block.g, block.g_swapped)
            numeric /= 2.0
            out[start : start + CHUNK_ROWS, : len(specs)] = numeric.T
    _signed_picks(out[:, len(specs) :], pre.heroes, zeroed=True)
    return out, specs + list(PICK_SPECS)
