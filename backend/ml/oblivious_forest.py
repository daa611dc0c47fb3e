"""A CatBoost model's oblivious trees as numpy arrays: raw scores and SHAP values for a few rows.

CatBoost's Python `predict` costs ~0.5 ms per call whatever the row count (it builds a Pool), and
`get_feature_importance(type="ShapValues")` prepares the SHAP values of every leaf of every tree
on each call (~10-20 ms). For the single-draft serving path both are done here instead:

- the leaf of a tree is the bit pattern of its splits, split d = bit d, each split being
  ``float32(x[feature]) > border`` (CatBoost quantises float features to float32 borders);
  raw score = scale * sum of the leaves' values + bias, as RawFormulaVal;
- SHAP values: CatBoost computes path-dependent TreeSHAP (Lundberg et al.; its root is the
  split of the highest leaf bit), whose result for a
  document depends only on the leaf it falls into in each tree. The per-(tree, leaf) table is
  computed once per model here, as exact Shapley values of TreeSHAP's value function
  v(S) = sum over leaves of value * prod over splits of (x's branch if the split's feature is in
  S, else the branch's share of training weight), by enumerating the feature subsets of each
  tree (depth <= 6). Splits on the same feature count as one player, as in CatBoost;
  branches without training weight have leaf value 0 (nothing to add), which is also how
  CatBoost skips them.

Only plain models are handled (float features, symmetric trees of one depth, one dimension);
`from_catboost` returns None otherwise and the caller keeps using CatBoost itself.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

MAX_DEPTH = 6  # the SHAP table enumerates 2**D subsets x 2**D leaves x 2**D document leaves
CHUNK_ELEMENTS = 2**22  # per step of the table computation (~32 MB of float64)


@dataclass
class ObliviousForest:
    """Split features/borders, leaf values and training weights of T trees of depth D."""

    features: np.ndarray  # (T, D) flat feature index of split d
    borders: np.ndarray  # (T, D) float32
    values: np.ndarray  # (T, 2**D)
    weights: np.ndarray  # (T, 2**D) training weight in each leaf
    scale: float
    bias: float
    n_features: int
    _shap: tuple[np.ndarray, np.ndarray, float] | None = field(default=None, repr=False)

    @classmethod
    def from_catboost(cls, model: Any) -> ObliviousForest | None:
        """The forest of a fitted CatBoost model, or None if it is not a plain one."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.json"
            model.save_model(str(path), format="json")
            data = json.loads(path.read_text())
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ObliviousForest | None:
        trees = data.get("oblivious_trees") or []
        info = data.get("features_info", {})
        if not trees or set(info) - {"float_features"}:
            return None
        flat = {f["feature_index"]: f["flat_feature_index"] for f in info["float_features"]}
        depth = len(trees[0]["splits"])
        if depth == 0 or depth > MAX_DEPTH:
            return None
        features, borders, values, weights = [], [], [], []
        for tree in trees:
            splits = tree["splits"]
            if len(splits) != depth or any(s["split_type"] != "FloatFeature" for s in splits):
                return None
            if len(tree["leaf_values"]) != 2**depth or len(tree["leaf_weights"]) != 2**depth:
                return None  # several dimensions (multiclass) are not ours
            features.append([flat[s["float_feature_index"]] for s in splits])
            borders.append([s["border"] for s in splits])
            values.append(tree["leaf_values"])
            weights.append(tree["leaf_weights"])
        scale, bias = data.get("scale_and_bias", [1.0, [0.0]])
        bias_values = bias if isinstance(bias, list) else [bias]
        if len(bias_values) > 1:
            return None
        return cls(
            np.array(features, dtype=np.int64),
            np.array(borders, dtype=np.float32),
            np.array(values, dtype=np.float64),
            np.array(weights, dtype=np.float64),
            float(scale),
            float(bias_values[0]) if bias_values else 0.0,
            len(flat),
        )

    @property
    def depth(self) -> int:
        return int(self.features.shape[1])

    def leaves(self, X: np.ndarray) -> np.ndarray:
        """(n, T) leaf index of each row in each tree."""
        bits = np.asarray(X, dtype=np.float32)[:, self.features] > self.borders
        return bits.astype(np.int64) @ (1 << np.arange(self.depth, dtype=np.int64))

    def raw(self, X: np.ndarray) -> np.ndarray:
        """RawFormulaVal of each row."""
        leaves = self.leaves(X)
        picked = self.values[np.arange(len(self.values)), leaves]  # (n, T)
        return self.scale * picked.sum(axis=1) + self.bias

    def shap(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(n, F) SHAP values and (n,) expected value, as CatBoost's ShapValues."""
        table, slot_features, expected = self.shap_table()
        leaves = self.leaves(X)
        trees = np.arange(len(self.values))
        out = np.zeros((len(X), self.n_features + 1))
        for i, row in enumerate(leaves):
            per_slot = table[trees, row]  # (T, D)
            out[i] = np.bincount(
                slot_features.ravel(), per_slot.ravel(), minlength=self.n_features + 1
            )
        return self.scale * out[:, : self.n_features], np.full(len(X), expected)

    def shap_table(self) -> tuple[np.ndarray, np.ndarray, float]:
        """Per tree, document leaf and feature slot the SHAP value (computed once, ~0.2 s)."""
        if self._shap is None:
            self._shap = _tree_shap_table(self)
        return self._shap


def _tree_shap_table(forest: ObliviousForest) -> tuple[np.ndarray, np.ndarray, float]:
    """Per tree and document leaf, the Shapley value of each feature slot of the tree.

    Slot j of tree t is its j-th distinct split feature; unused slots (a feature split twice)
    are dummy players, which changes no other player's Shapley value, and map to column F.
    Returns the (T, 2**D, D) table, the (T, D) column of each slot and the expected value.
    """
    T, D = forest.features.shape
    n_leaves = 2**D
    leaf = np.arange(n_leaves)
    bits = (leaf[:, None] >> np.arange(D)) & 1  # (L, D) bit d of each leaf
    # Split d -> slot of its feature within the tree.
    slot_of_split = np.zeros((T, D), dtype=np.int64)
    slot_features = np.full((T, D), forest.n_features, dtype=np.int64)
    for t in range(T):
        seen: dict[int, int] = {}
        for d, f in enumerate(forest.features[t].tolist()):
            slot = seen.setdefault(f, len(seen))
            slot_of_split[t, d] = slot
            slot_features[t, slot] = f
    # Cover share of each leaf's branch at split d: W(node below the split) / W(node above it).
    # CatBoost walks the tree from the last split (highest bit) down to split 0, so the node
    # above split d holds the leaves that agree with l on bits d+1.., the one below on bits d..
    W = forest.weights
    full = (1 << D) - 1
    share = np.zeros((T, n_leaves, D))
    for d in range(D):
        below = _subtree_weight(W, full & ~((1 << d) - 1))
        above = _subtree_weight(W, full & ~((1 << (d + 1)) - 1))
        with np.errstate(invalid="ignore", divide="ignore"):
            share[:, :, d] = np.where(above > 0, below / np.where(above > 0, above, 1.0), 0.0)
    subsets = np.arange(2**D)
    in_subset = (subsets[:, None] >> np.arange(D)) & 1  # (S, D): slot j in subset S
    sizes = in_subset.sum(axis=1)
    # Shapley weights: phi_j = sum_S coef[S, j] v(S), coef = w(|S|-1) if j in S else -w(|S|).
    weight = np.array([math.factorial(s) * math.factorial(D - s - 1) / math.factorial(D)
                       for s in range(D)] + [0.0])  # fmt: skip
    coef = np.where(
        in_subset == 1, weight[np.maximum(sizes - 1, 0)][:, None], -weight[sizes][:, None]
    )
    table = np.zeros((T, n_leaves, D))
    match = bits[:, None, :] == bits[None, :, :]  # (docL, L, D)
    chunk = max(1, CHUNK_ELEMENTS // (8**D * D))
    for start in range(0, T, chunk):
        stop = min(start + chunk, T)
        # constrained[t, S, d]: split d's feature is in subset S
        constrained = np.take_along_axis(
            in_subset[None, :, :].repeat(stop - start, 0),
            slot_of_split[start:stop, None, :].repeat(2**D, 1),
            axis=2,
        ).astype(bool)
        # factor[t, S, docL, L, d]
        factor = np.where(
            constrained[:, :, None, None, :],
            match[None, None, :, :, :],
            share[start:stop, None, None, :, :],
        )
        v = (factor.prod(axis=4) * forest.values[start:stop, None, None, :]).sum(axis=3)
        table[start:stop] = np.einsum("tsl,sj->tlj", v, coef)
    root = W.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(root > 0, (forest.values * W).sum(axis=1) / np.where(root > 0, root, 1), 0)
    expected = forest.scale * float(means.sum()) + forest.bias
    return table, slot_features, expected


def _subtree_weight(W: np.ndarray, bits: int) -> np.ndarray:
    """(T, L): training weight of the leaves that agree with leaf l on the given bits."""
    leaf = np.arange(W.shape[1])
    same = (leaf[:, None] & bits) == (leaf[None, :] & bits)  # (L, L')
    return W @ same.T.astype(np.float64)
