"""KeyIndex, CountTable.lookup and player_index give exactly the binary search's answers."""

from __future__ import annotations

import numpy as np
import pytest

from backend.ml.counts import CountTable
from backend.ml.history import HistoryState
from backend.ml.key_index import DIRECT_MAX, KeyIndex
from backend.ml.ratings import RatingConfig


def reference_find(keys: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """The searchsorted version the index replaced: position, or -1."""
    if len(keys) == 0:
        return np.full(queries.shape, -1, dtype=np.int64)
    pos = np.minimum(np.searchsorted(keys, queries), len(keys) - 1)
    return np.where((queries >= 0) & (keys[pos] == queries), pos, -1)


def queries_for(keys: np.ndarray, top: int, rng: np.random.Generator) -> np.ndarray:
    """Present keys, absent keys, -1, other negatives, keys past the end, in a (n, 7) block."""
    n = 4000
    present = keys[rng.integers(0, len(keys), n)] if len(keys) else np.zeros(n, np.int64)
    absent = rng.integers(0, max(top, 1) * 2, n)
    mixed = np.where(rng.random(n) < 0.5, present, absent)
    special = rng.choice(np.array([-1, -2, -(2**40), 0, top, top + 1, 2**62]), n)
    return np.column_stack([present, absent, mixed, special, present, mixed, absent])


@pytest.mark.parametrize(
    ("m", "top"),
    [
        *[(0, 10), (1, 1), (119, 256), (6884, 256 * 256), (300, DIRECT_MAX - 1), (5, DIRECT_MAX)],
        *[(7794, 2**32 - 2), (45489, 7794 * 256), (111176, 7794**2), (20000, 2**62)],
    ],
)
def test_find_equals_binary_search(m: int, top: int) -> None:
    rng = np.random.default_rng(m + top % 1000)
    keys = np.unique(np.r_[rng.integers(0, top, m), [top - 1] if m else []]).astype(np.int64)
    queries = queries_for(keys, top, rng)
    index = KeyIndex(keys)
    found = index.find(queries)
    assert found.shape == queries.shape
    np.testing.assert_array_equal(found, reference_find(keys, queries))
    assert (index.direct is not None) == (len(keys) == 0 or keys[-1] < DIRECT_MAX)


def test_every_key_is_found_at_its_position() -> None:
    keys = np.unique(np.random.default_rng(1).integers(0, 2**40, 50_000))
    np.testing.assert_array_equal(KeyIndex(keys).find(keys), np.arange(len(keys)))


def test_negative_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        KeyIndex(np.array([-3, 5], dtype=np.int64))


def reference_lookup(table: CountTable, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pos = reference_find(table.keys, keys)
    games = np.where(pos >= 0, table.games[np.maximum(pos, 0)] if len(table.keys) else 0.0, 0.0)
    wins = np.where(pos >= 0, table.wins[np.maximum(pos, 0)] if len(table.keys) else 0.0, 0.0)
    return games, wins


@pytest.mark.parametrize(("m", "top"), [(0, 5), (119, 256), (26024, 7794**2)])
def test_count_table_lookup_equals_reference(m: int, top: int) -> None:
    rng = np.random.default_rng(m)
    keys = np.unique(rng.integers(0, top, m)).astype(np.int64)
    games = rng.integers(1, 50, len(keys)).astype(np.float64)
    table = CountTable(keys, games, np.floor(games * rng.random(len(keys))))
    queries = queries_for(keys, top, rng)
    games_out, wins_out = table.lookup(queries)
    ref_games, ref_wins = reference_lookup(table, queries)
    assert games_out.dtype == np.float64 and games_out.shape == queries.shape
    np.testing.assert_array_equal(games_out, ref_games)
    np.testing.assert_array_equal(wins_out, ref_wins)


def test_player_index_follows_a_replaced_accounts_array() -> None:
    config = RatingConfig(1.0, 0.01, 0.001)
    accounts = np.array([5, 87278757, 4294967294], dtype=np.int64)
    state = HistoryState((config,), accounts, np.zeros((3, 1)), np.ones((3, 1)), np.zeros(3), 0)
    queries = np.array([[87278757, -1, 5, 6, 4294967294, 0]], dtype=np.int64)
    np.testing.assert_array_equal(state.player_index(queries), [[1, -1, 0, -1, 2, -1]])
    state.accounts = np.array([6], dtype=np.int64)
    np.testing.assert_array_equal(state.player_index(queries), [[-1, -1, -1, 0, -1, -1]])


def test_player_pair_keys_equal_the_masked_formula() -> None:
    from backend.ml.history import PAIR_A, PAIR_B, VS_D, VS_R, stat_key

    rng = np.random.default_rng(3)
    idx = np.where(rng.random((4000, 10)) < 0.25, -1, rng.integers(0, 3000, (4000, 10)))
    heroes = rng.integers(1, 150, (4000, 10))
    for name, (left, right) in (("mates", (PAIR_A, PAIR_B)), ("head_to_head", (VS_R, VS_D))):
        a, b = idx[:, left], idx[:, right]
        expected = np.where((a >= 0) & (b >= 0), np.minimum(a, b) * 3000 + np.maximum(a, b), -1)
        np.testing.assert_array_equal(stat_key(name, heroes, idx, 3000), expected)
    assert idx.min() == -1  # the input is left as it was
