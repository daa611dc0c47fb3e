"""Feature matrix for matches: player ratings/history, hero statistics and signed hero picks.

Every feature of match t is a function of t's draft/players and of matches strictly before t in
time order (see ``history.py``), so appending later matches or flipping their results never
changes it. Serving builds the same features from the final state after all training matches.

Size: two builders of one matrix, on purpose side by side: the per-orientation reference
definition (``_numeric``, what the parity tests compare with) and the column-major one
serving uses (``_Columns`` / ``write_block``), which must agree bit for bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from backend.ml.frame import MAX_HERO_ID
from backend.ml.history import PAIR_A, PAIR_B, PreMatch, versus_views

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
    vs = _shrunk_logit(versus_views(pre)[0], pre.vs_games, PAIR_PRIOR_GAMES)
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


SLOT_SWAP = [5, 6, 7, 8, 9, 0, 1, 2, 3, 4]
PAIR_SWAP = list(range(10, 20)) + list(range(10))
VS_SWAP_LIST = [j * 5 + i for i in range(5) for j in range(5)]


def _perm(cols: list[Column], order: list[int]) -> list[Column]:
    return [cols[i] for i in order]


@dataclass
class SlotColumns:
    """The per-slot inputs of the numeric columns, column-major: row s of each (slots, n) array
    is one slot's values for every match, the derived values (log-odds, log1p) already taken.

    ``slot_columns`` derives them from a PreMatch; ``state_tables.StateTables`` gathers them
    from per-key tables of a model's latest state. Either way the same values, so _Columns
    gives the same matrix. Fields of a feature group the config leaves out are not used.
    ``h2h_swapped``/``vs_swapped`` are the dire player's/hero's view, already in the swapped
    orientation's order (``VS_SWAP_LIST``), as swap_prematch would give them.
    """

    known: np.ndarray  # (10, n) bool
    mu: np.ndarray  # (K, 10, n) rating means
    var: np.ndarray  # (K, 10, n) rating variances
    sd: np.ndarray  # (10, n) sqrt(var[0])
    games: np.ndarray  # (10, n)
    exp: np.ndarray  # (10, n) log1p(games)
    ph_exp: np.ndarray  # (10, n) log1p(games on the hero)
    ph: np.ndarray  # (10, n) shrunk log-odds on the hero
    mates: np.ndarray  # (20, n) log1p(games together)
    h2h: np.ndarray  # (25, n)
    h2h_swapped: np.ndarray  # (25, n)
    hero: np.ndarray  # (10, n)
    syn: np.ndarray  # (20, n)
    vs: np.ndarray  # (25, n)
    vs_swapped: np.ndarray  # (25, n)


def _t(a: np.ndarray) -> np.ndarray:
    """An (n, k) block as a C-ordered (k, n) array: each row one contiguous column vector."""
    return np.ascontiguousarray(a.T)


def slot_columns(pre: PreMatch, config: FeatureConfig) -> SlotColumns:
    """SlotColumns of a PreMatch: its counts turned into log-odds and log1p per slot."""
    empty = np.zeros((0, pre.heroes.shape[0]))
    players = config.use_player_features
    heroes = config.use_hero_stats
    var = np.ascontiguousarray(pre.var.transpose(2, 1, 0)) if players else empty[None]
    h2h = [empty, empty]
    if players:
        h2h_games, h2h_wins = _t(pre.h2h_games), _t(pre.h2h_wins)
        h2h = [
            _shrunk_logit(h2h_wins, h2h_games, PLAYER_HERO_PRIOR_GAMES),
            _shrunk_logit(h2h_games - h2h_wins, h2h_games, PLAYER_HERO_PRIOR_GAMES)[VS_SWAP_LIST],
        ]
    vs = [empty, empty]
    if heroes:
        vs_games = _t(pre.vs_games)
        radiant_view, dire_view = versus_views(pre)
        vs = [
            _shrunk_logit(_t(radiant_view), vs_games, PAIR_PRIOR_GAMES),
            _shrunk_logit(_t(dire_view), vs_games, PAIR_PRIOR_GAMES)[VS_SWAP_LIST],
        ]
        del radiant_view, dire_view
    games = _t(pre.games) if players else empty
    ph_games = _t(pre.ph_games) if players else empty
    return SlotColumns(
        known=_t(pre.known),
        mu=np.ascontiguousarray(pre.mu.transpose(2, 1, 0)) if players else empty[None],
        var=var,
        sd=np.sqrt(var[0]),
        games=games,
        exp=np.log1p(games),
        ph_exp=np.log1p(ph_games),
        ph=_shrunk_logit(_t(pre.ph_wins), ph_games, PLAYER_HERO_PRIOR_GAMES) if players else empty,
        mates=np.log1p(_t(pre.mate_games)) if players else empty,
        h2h=h2h[0],
        h2h_swapped=h2h[1],
        hero=_shrunk_logit(_t(pre.hero_wins), _t(pre.hero_games), HERO_PRIOR_GAMES)
        if heroes
        else empty,
        syn=_shrunk_logit(_t(pre.syn_wins), _t(pre.syn_games), PAIR_PRIOR_GAMES)
        if heroes
        else empty,
        vs=vs[0],
        vs_swapped=vs[1],
    )


class _Columns:
    """Both orientations of the numeric columns of one block, as column vectors.

    Every per-slot value is computed once: the swapped orientation is a permutation of the same
    vectors (versus and head-to-head wins turned to the other side, as swap_prematch does). Only
    the reductions, which numpy does in a fixed order, are computed per orientation.
    """

    def __init__(self, cols: SlotColumns, config: FeatureConfig) -> None:
        self.g: list[Column] = []
        self.g_swapped: list[Column] = []
        if config.use_player_features:
            self._players(cols)
        if config.use_hero_stats:
            self._heroes(cols)

    def add(self, g: Column, g_swapped: Column) -> None:
        self.g.append(g)
        self.g_swapped.append(g_swapped)

    def _players(self, cols: SlotColumns) -> None:
        known = list(cols.known)
        n_known = np.maximum(np.count_nonzero(cols.known, axis=0), 1)
        pair_known = [known[a] & known[b] for a, b in zip(PAIR_A, PAIR_B, strict=True)]
        pair_n = np.maximum(np.count_nonzero(np.array(pair_known), axis=0), 1)
        sides = [(list(range(10)), list(range(20))), (SLOT_SWAP, PAIR_SWAP)]
        for k in range(cols.mu.shape[0]):
            mu, var = list(cols.mu[k]), list(cols.var[k])
            g = []
            for slots, _ in sides:
                m, v = _perm(mu, slots), _perm(var, slots)
                scale = np.sqrt(1.0 + math.pi * _row_sum(v) / 8.0)
                g.append((_row_sum(m[:5]) - _row_sum(m[5:])) / scale)
            self.add(*g)
        mu0, sd, exp = list(cols.mu[0]), list(cols.sd), list(cols.exp)
        ph_exp, ph, mates = list(cols.ph_exp), list(cols.ph), list(cols.mates)
        unknown = list((~cols.known).astype(np.float64))
        new = list((cols.known & (cols.games == 0)).astype(np.float64))
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
        self.add(_mean(list(cols.h2h)), _mean(list(cols.h2h_swapped)))

    def _heroes(self, cols: SlotColumns) -> None:
        hero, syn = list(cols.hero), list(cols.syn)
        self.add(
            _mean(hero[:5]) - _mean(hero[5:]),
            _mean(_perm(hero, SLOT_SWAP)[:5]) - _mean(_perm(hero, SLOT_SWAP)[5:]),
        )
        self.add(
            _mean(syn[:10]) - _mean(syn[10:]),
            _mean(_perm(syn, PAIR_SWAP)[:10]) - _mean(_perm(syn, PAIR_SWAP)[10:]),
        )
        self.add(_mean(list(cols.vs)), _mean(list(cols.vs_swapped)))


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
        part = _rows(pre, start, start + CHUNK_ROWS)
        write_block(
            slot_columns(part, config), part.heroes, config, out[start : start + CHUNK_ROWS]
        )
    return out, specs + list(PICK_SPECS)


def write_block(
    cols: SlotColumns, heroes: np.ndarray, config: FeatureConfig, out: np.ndarray
) -> None:
    """Write the feature rows of one block of matches into ``out`` (all zero, (n, f)): the
    numeric columns (g - g_swapped) / 2 from ``cols``, then the signed picks of ``heroes``."""
    n_numeric = out.shape[1] - MAX_HERO_ID
    block = _Columns(cols, config)
    if block.g:
        numeric = np.subtract(block.g, block.g_swapped)
        numeric /= 2.0
        out[:, :n_numeric] = numeric.T
    _signed_picks(out[:, n_numeric:], heroes, zeroed=True)
