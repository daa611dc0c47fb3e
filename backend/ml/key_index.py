"""Position of int64 keys in a sorted unique key array, for millions of queries at a time.

`np.searchsorted` costs ~log2(m) dependent cache misses per query: with 45k-110k keys (player
pairs, player-hero pairs) it was most of a batch's feature time. This index answers the same
question (position of the key, or -1) with one gather for small key ranges (heroes, hero pairs:
a direct table) and an open-addressing hash table otherwise (~1.1 probes per query at load
factor <= 1/4, each probe a vectorised gather over the queries still unresolved).
The answer is exactly searchsorted's position for keys present, -1 for every other key
(tests/ml/test_key_index.py).
"""

from __future__ import annotations

import numpy as np

DIRECT_MAX = 1 << 17  # keys below this (hero ids, hero pairs < 256**2) use a direct table
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing multiplier
EMPTY = -1


def _hash(keys: np.ndarray, shift: np.uint64) -> np.ndarray:
    """Slot of each int64 key: the top bits of key * golden ratio (mod 2**64)."""
    with np.errstate(over="ignore"):
        slots = np.ascontiguousarray(keys, dtype=np.int64).view(np.uint64) * _GOLDEN
    slots >>= shift
    return slots.view(np.int64)


class KeyIndex:
    """Positions of sorted unique non-negative int64 keys; -1 for anything else."""

    def __init__(self, keys: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        self.size = len(keys)
        if self.size and keys[0] < 0:
            raise ValueError("keys must be non-negative (-1 marks an empty slot)")
        top = int(keys[-1]) if self.size else -1
        self.direct: np.ndarray | None = None
        if self.size == 0 or (keys[0] >= 0 and top < DIRECT_MAX):
            # Index key + 1; slot 0 (negative keys, clipped) and the last (too large) are -1.
            self.direct = np.full(top + 3, -1, dtype=np.int64)
            self.direct[keys + 1] = np.arange(self.size)
            return
        bits = max(4, int(np.ceil(np.log2(4 * self.size))))  # load <= 1/4: ~1.1 probes
        self.mask = (1 << bits) - 1
        self.shift = np.uint64(64 - bits)
        self.slot_key = np.full(1 << bits, EMPTY, dtype=np.int64)
        self.slot_pos = np.full(1 << bits, -1, dtype=np.int64)
        pending = np.arange(self.size)
        slots = _hash(keys, self.shift)
        while len(pending):
            free = self.slot_key[slots] == EMPTY
            # One key per free slot per round; the others (and keys on taken slots) probe on.
            _, first = np.unique(slots[free], return_index=True)
            winners = pending[free][first]
            won_slots = slots[free][first]
            self.slot_key[won_slots] = keys[winners]
            self.slot_pos[won_slots] = winners
            placed = np.zeros(len(pending), dtype=bool)
            placed[np.flatnonzero(free)[first]] = True
            pending = pending[~placed]
            slots = (slots[~placed] + 1) & self.mask

    def find(self, queries: np.ndarray) -> np.ndarray:
        """Position of each query key (any shape), -1 where absent or negative."""
        flat = np.asarray(queries, dtype=np.int64).ravel()
        if self.direct is not None:
            return np.take(self.direct, flat + 1, mode="clip").reshape(np.shape(queries))
        slots = _hash(flat, self.shift)
        found = self.slot_key[slots]
        # A query equal to EMPTY (-1, "unknown") lands on an empty slot's position, -1.
        hit = found == flat
        out = np.where(hit, self.slot_pos[slots], -1)
        hit |= found == EMPTY  # resolved: found, or an empty slot ends the probe sequence
        rows = np.flatnonzero(~hit)
        while len(rows):
            slots_r = (slots[rows] + 1) & self.mask
            slots[rows] = slots_r
            found_r = self.slot_key[slots_r]
            hit_r = found_r == flat[rows]
            out[rows[hit_r]] = self.slot_pos[slots_r[hit_r]]
            rows = rows[~hit_r & (found_r != EMPTY)]
        return out.reshape(np.shape(queries))
