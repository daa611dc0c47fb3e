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
`from_catboost` returns None otherwise. This is also the stored form of a CatBoost model
(``to_state``/``from_state``): the service never hands a stored artifact to CatBoost's native
loader, and ``from_state`` checks every shape and bound before anything is computed from it.
Trees deeper than ``MAX_DEPTH`` get their SHAP values per row (``_rows_shap``) instead of a table.

Size: the tree layout, its scoring and the TreeSHAP table share one array layout, and the
exactness argument above spans all three; split, it would not read in one place.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from backend.ml.artifacts import ArtifactError

MAX_DEPTH = 6  # the SHAP table enumerates 2**D subsets x 2**D leaves x 2**D document leaves
CHUNK_ELEMENTS = 2**22  # per step of the table computation (~32 MB of float64)
# Bounds of a stored forest, checked before anything is computed from one; they are also the
# catboost model type's hyperparameter ranges (model_types.py), so every trained model fits.
MAX_TREE_DEPTH = 10
MAX_TREES = 5000
MAX_FEATURES = 100_000


class ForestError(ArtifactError):
    """Stored trees that are not a valid forest (wrong shapes, out-of-range values)."""


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
        depth = max(len(tree["splits"]) for tree in trees)
        if depth == 0 or depth > MAX_TREE_DEPTH or len(trees) > MAX_TREES:
            return None
        features, borders, values, weights = [], [], [], []
        for tree in trees:
            splits = tree["splits"]
            if any(s["split_type"] != "FloatFeature" for s in splits):
                return None
            if 2 ** len(splits) != len(tree["leaf_values"]) or 2 ** len(splits) != len(
                tree["leaf_weights"]
            ):
                return None  # several dimensions (multiclass) are not ours
            # CatBoost grows a tree shallower when no split helps; it is padded to the common
            # depth with splits no finite value passes (x > +inf): the new high bits are always
            # 0, so the leaf index, its value and every SHAP value stay what they were.
            pad = depth - len(splits)
            own = [flat[s["float_feature_index"]] for s in splits]
            features.append(own + [own[0] if own else 0] * pad)
            borders.append([s["border"] for s in splits] + [math.inf] * pad)
            empty = [0.0] * (2**depth - 2 ** len(splits))
            values.append(list(tree["leaf_values"]) + empty)
            weights.append(list(tree["leaf_weights"]) + empty)
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

    def to_state(self) -> dict[str, Any]:
        """Data-only state for the artifact (the SHAP table is rebuilt on load)."""
        return {
            "features": self.features,
            "borders": self.borders,
            "values": self.values,
            "weights": self.weights,
            "scale": self.scale,
            "bias": self.bias,
            "n_features": self.n_features,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> ObliviousForest:
        """Inverse of to_state; every shape, dtype and bound is checked first (ForestError)."""
        if not isinstance(state, dict):
            raise ForestError("stored trees are not a mapping")
        arrays = {}
        for name, kinds in (
            ("features", "iu"),
            ("borders", "f"),
            ("values", "f"),
            ("weights", "f"),
        ):
            array = state.get(name)
            if (
                not isinstance(array, np.ndarray)
                or array.ndim != 2
                or array.dtype.kind not in kinds
            ):
                raise ForestError(f"stored trees: {name} is not a 2-D numeric array")
            arrays[name] = array
        n_trees, depth = arrays["features"].shape
        if not 1 <= n_trees <= MAX_TREES or not 1 <= depth <= MAX_TREE_DEPTH:
            raise ForestError(
                f"stored trees: {n_trees} trees of depth {depth} "
                f"(at most {MAX_TREES} trees of depth 1..{MAX_TREE_DEPTH})"
            )
        leaves = (n_trees, 2**depth)
        if arrays["borders"].shape != (n_trees, depth):
            raise ForestError("stored trees: borders do not match the splits")
        if arrays["values"].shape != leaves or arrays["weights"].shape != leaves:
            raise ForestError("stored trees: leaf values or weights do not match the depth")
        n_features, scale, bias = state.get("n_features"), state.get("scale"), state.get("bias")
        if isinstance(n_features, bool) or not isinstance(n_features, int):
            raise ForestError("stored trees: n_features is not an integer")
        if not 1 <= n_features <= MAX_FEATURES:
            raise ForestError(f"stored trees: {n_features} features (1..{MAX_FEATURES})")
        features = arrays["features"].astype(np.int64)
        if features.min() < 0 or features.max() >= n_features:
            raise ForestError("stored trees: a split names a feature out of range")
        if not isinstance(scale, int | float) or not isinstance(bias, int | float):
            raise ForestError("stored trees: scale or bias is not a number")
        if isinstance(scale, bool) or isinstance(bias, bool):
            raise ForestError("stored trees: scale or bias is not a number")
        scale, bias = float(scale), float(bias)
        borders = arrays["borders"].astype(np.float32)
        values = arrays["values"].astype(np.float64)
        weights = arrays["weights"].astype(np.float64)
        # A border may be +inf (a padded split, see from_json); nothing else may be infinite.
        finite = all(np.isfinite(a).all() for a in (values, weights)) and not (
            np.isnan(borders).any() or np.isneginf(borders).any()
        )
        if not finite or not (math.isfinite(scale) and math.isfinite(bias)):
            raise ForestError("stored trees: a border, leaf value or weight is not finite")
        if weights.min() < 0:
            raise ForestError("stored trees: a leaf weight is negative")
        return cls(features, borders, values, weights, scale, bias, n_features)

    @property
    def depth(self) -> int:
        return int(self.features.shape[1])

    def _rows_per_chunk(self) -> int:
        """Rows evaluated at once, so (rows, trees, depth) temporaries stay ~32 MB."""
        return max(1, CHUNK_ELEMENTS // (self.features.size or 1))

    def leaves(self, X: np.ndarray) -> np.ndarray:
        """(n, T) leaf index of each row in each tree."""
        X32 = np.asarray(X, dtype=np.float32)
        powers = 1 << np.arange(self.depth, dtype=np.int64)
        step = self._rows_per_chunk()
        parts = [
            (X32[start : start + step][:, self.features] > self.borders).astype(np.int64) @ powers
            for start in range(0, len(X32), step)
        ]
        return np.concatenate(parts) if parts else np.zeros((0, len(self.values)), np.int64)

    def raw(self, X: np.ndarray) -> np.ndarray:
        """RawFormulaVal of each row (in chunks of rows: memory stays bounded for any file)."""
        trees = np.arange(len(self.values))
        step = self._rows_per_chunk()
        out = np.empty(len(X), dtype=np.float64)
        for start in range(0, len(X), step):
            picked = self.values[trees, self.leaves(X[start : start + step])]  # (n, T)
            out[start : start + step] = self.scale * picked.sum(axis=1) + self.bias
        return out

    def shap(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(n, F) SHAP values and (n,) expected value, as CatBoost's ShapValues."""
        if self.depth > MAX_DEPTH:
            values = _rows_shap(self, self.leaves(X))
            return self.scale * values[:, : self.n_features], np.full(len(X), self.expected())
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
        if self.depth > MAX_DEPTH:
            raise ValueError(f"no SHAP table for trees deeper than {MAX_DEPTH}")
        if self._shap is None:
            self._shap = _tree_shap_table(self)
        return self._shap

    def expected(self) -> float:
        """CatBoost's expected value: scale * sum of the trees' weighted mean leaf + bias."""
        W = self.weights
        root = W.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(
                root > 0, (self.values * W).sum(axis=1) / np.where(root > 0, root, 1), 0
            )
        return self.scale * float(means.sum()) + self.bias


def _slots(forest: ObliviousForest) -> tuple[np.ndarray, np.ndarray]:
    """Split d of tree t -> slot of its feature within the tree; slot -> feature column (F if
    unused: a feature split twice leaves a dummy slot)."""
    T, D = forest.features.shape
    slot_of_split = np.zeros((T, D), dtype=np.int64)
    slot_features = np.full((T, D), forest.n_features, dtype=np.int64)
    for t in range(T):
        seen: dict[int, int] = {}
        for d, f in enumerate(forest.features[t].tolist()):
            slot = seen.setdefault(f, len(seen))
            slot_of_split[t, d] = slot
            slot_features[t, slot] = f
    return slot_of_split, slot_features


def _shares(W: np.ndarray, D: int) -> np.ndarray:
    """(T, L, D): cover share of each leaf's branch at split d (see _tree_shap_table)."""
    share = np.zeros((W.shape[0], W.shape[1], D))
    for d in range(D):
        below, above = _node_weight(W, d), _node_weight(W, d + 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            share[:, :, d] = np.where(above > 0, below / np.where(above > 0, above, 1.0), 0.0)
    return share


def _rows_shap(forest: ObliviousForest, doc_leaves: np.ndarray) -> np.ndarray:
    """(n, F + 1) SHAP values (unscaled; column F collects dummy slots) of rows given their leaf
    in each tree, (n, T): for trees too deep for a table.

    The same value function as _tree_shap_table, split by leaf: leaf l adds
    value[l] * prod_j (o_j if slot j in S else z_j), o_j = 1 if l agrees with the row on every
    split of slot j (else 0), z_j = product of l's cover shares at those splits. The Shapley
    value of such a product game is (o_i - z_i) * sum_k w_k c_k, c = coefficients of
    prod_{j != i} (z_j + o_j t), w_k = k! (D-1-k)! / D!; c comes from the full product divided
    by slot i's factor (o_i = 1: synthetic division by t + z_i, stable for z_i in [0, 1];
    o_i = 0: by z_i, and nothing to add when z_i = 0 as then o_i - z_i = 0).
    Cost O(n * T * 2**D * D**2), in chunks of trees.
    """
    T, D = forest.features.shape
    L = 2**D
    slot_of_split, slot_features = _slots(forest)
    weight = np.array(
        [math.factorial(k) * math.factorial(D - 1 - k) / math.factorial(D) for k in range(D)]
    )
    bits = (np.arange(L)[:, None] >> np.arange(D)) & 1  # (L, D)
    out = np.zeros((len(doc_leaves), forest.n_features + 1))
    chunk = max(1, CHUNK_ELEMENTS // (L * D * (D + 1)))
    for start in range(0, T, chunk):
        stop = min(start + chunk, T)
        n = stop - start
        trees = np.arange(n)
        slots = slot_of_split[start:stop]
        share = _shares(forest.weights[start:stop], D)  # (n, L, D)
        z = np.ones((n, D, L))  # slot-major, so one slot of every tree is one fancy index
        for d in range(D):
            z[trees, slots[:, d]] *= share[:, :, d]
        values = forest.values[start:stop]
        for r, row_leaves in enumerate(doc_leaves):
            doc_bits = (row_leaves[start:stop, None] >> np.arange(D)) & 1  # (n, D)
            agree = bits[None, :, :] == doc_bits[:, None, :]  # (n, L, D)
            o = np.ones((n, D, L))
            for d in range(D):
                o[trees, slots[:, d]] *= agree[:, :, d]
            poly = np.zeros((D + 1, n, L))  # prod_j (z_j + o_j t): coefficients of t^0..t^D
            poly[0] = 1.0
            for j in range(D):
                poly[1:] = poly[1:] * z[:, j] + poly[:-1] * o[:, j]
                poly[0] = poly[0] * z[:, j]
            phi = np.zeros((n, D))
            for i in range(D):
                zi, oi = z[:, i], o[:, i]
                total = weight[D - 1] * poly[D]  # sum_k w_k q_k with q from synthetic division
                q = poly[D]
                for k in range(D - 1, 0, -1):
                    q = poly[k] - zi * q
                    total = total + weight[k - 1] * q
                with np.errstate(invalid="ignore", divide="ignore"):
                    by_z = np.tensordot(weight, poly[:D], axes=1) / np.where(zi > 0, zi, 1.0)
                gain = (oi - zi) * np.where(oi == 1, total, by_z)  # (n, L)
                phi[:, i] = (gain * values).sum(axis=1)
            np.add.at(out[r], slot_features[start:stop].ravel(), phi.ravel())
    return out


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
    slot_of_split, slot_features = _slots(forest)
    # Cover share of each leaf's branch at split d: W(node below the split) / W(node above it).
    # CatBoost walks the tree from the last split (highest bit) down to split 0, so the node
    # above split d holds the leaves that agree with l on bits d+1.., the one below on bits d..
    share = _shares(forest.weights, D)
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
    return table, slot_features, forest.expected()


def _node_weight(W: np.ndarray, d: int) -> np.ndarray:
    """(T, L): training weight of the node at level d holding leaf l, i.e. of the leaves that
    agree with l on bits d.. (leaf index = sum of bit k * 2**k, so those share l >> d)."""
    T, L = W.shape
    return np.repeat(W.reshape(T, L >> d, 1 << d).sum(axis=2), 1 << d, axis=1)
