"""scikit-learn histogram gradient boosting with tree-path (Saabas) contributions."""

from __future__ import annotations

from typing import Any

import numpy as np

from backend.ml.estimators import FitReport

# Deepest stored tree accepted: the max_depth range of the model type is 1..20, and even
# unbounded trees of max_leaf_nodes leaves cannot be deeper than that many levels.
MAX_STORED_DEPTH = 256


class HistGradientBoostingEstimator:
    """scikit-learn histogram boosting; contributions by tree-path attribution (Saabas).

    Each split moves the prediction from the parent's expected value (training-count weighted
    mean of its leaves) to the child's; that change is credited to the split feature. Summed
    over trees the credits plus the expected values of the roots and the model's baseline equal
    the raw log-odds exactly.
    """

    CHUNKS = 10  # warm-start in chunks to report progress; each chunk re-bins X, so not more

    def __init__(
        self,
        max_iter: int,
        learning_rate: float,
        max_depth: int,
        max_leaf_nodes: int,
        min_samples_leaf: int,
        l2_regularization: float,
        seed: int,
    ) -> None:
        self.max_iter = max_iter
        self.params: dict[str, Any] = {
            "learning_rate": learning_rate,
            "max_depth": max_depth,
            "max_leaf_nodes": max_leaf_nodes,
            "min_samples_leaf": min_samples_leaf,
            "l2_regularization": l2_regularization,
            "early_stopping": False,
            "random_state": seed,
            "warm_start": True,
        }

    def fit(self, X: np.ndarray, y: np.ndarray, report: FitReport) -> None:
        from sklearn.ensemble import HistGradientBoostingClassifier
        from threadpoolctl import threadpool_limits

        self.model_ = HistGradientBoostingClassifier(max_iter=1, **self.params)
        step = max(1, self.max_iter // self.CHUNKS)
        done = 0
        report(0, self.max_iter)
        # One OpenMP thread: its spin-waiting made fits 4x slower (not faster) whenever the
        # machine was busy with other work, e.g. the API next to the worker.
        with threadpool_limits(limits=1, user_api="openmp"):
            while done < self.max_iter:
                done = min(self.max_iter, done + step)
                self.model_.set_params(max_iter=done)
                self.model_.fit(X, y.astype(int))
                report(done, self.max_iter)
        self._prepare_paths()

    def _prepare_paths(self) -> None:
        """Flatten all trees into arrays and give every node its expected value.

        A node's expected value is the training-count weighted mean of its children (leaf
        values already include the learning rate). Leaves point to themselves, so walking every
        tree a fixed number of levels needs no masking.
        """
        feats, thresholds, lefts, rights, values, expected, roots = [], [], [], [], [], [], []
        offset, depth = 0, 0
        for (predictor,) in self.model_._predictors:
            nodes = predictor.nodes
            leaf = nodes["is_leaf"] == 1
            own = np.arange(len(nodes)) + offset
            exp = nodes["value"].astype(np.float64).copy()
            # Children always have larger indices than their parent, so go backwards.
            for i in range(len(nodes) - 1, -1, -1):
                if not leaf[i]:
                    left, right = nodes["left"][i], nodes["right"][i]
                    cl, cr = float(nodes["count"][left]), float(nodes["count"][right])
                    exp[i] = (cl * exp[left] + cr * exp[right]) / max(cl + cr, 1.0)
            feats.append(np.where(leaf, 0, nodes["feature_idx"]).astype(np.int64))
            thresholds.append(nodes["num_threshold"].astype(np.float64))
            lefts.append(np.where(leaf, own, nodes["left"].astype(np.int64) + offset))
            rights.append(np.where(leaf, own, nodes["right"].astype(np.int64) + offset))
            values.append(np.where(leaf, nodes["value"], 0.0).astype(np.float64))
            expected.append(exp)
            roots.append(offset)
            offset += len(nodes)
            depth = max(depth, int(nodes["depth"].max()))
        self.feat_ = np.concatenate(feats)
        self.threshold_ = np.concatenate(thresholds)
        self.left_ = np.concatenate(lefts)
        self.right_ = np.concatenate(rights)
        self.value_ = np.concatenate(values)
        self.expected_ = np.concatenate(expected)
        self.roots_ = np.array(roots, dtype=np.int64)
        self.depth_ = depth
        baseline = float(np.ravel(self.model_._baseline_prediction)[0])
        self.baseline_ = baseline
        self.base_ = baseline + float(self.expected_[self.roots_].sum())

    def _walk(self, X: np.ndarray, contrib: np.ndarray | None) -> np.ndarray:
        """Leaf reached in every tree, (n, T); optionally add path credits into contrib."""
        n = X.shape[0]
        node = np.broadcast_to(self.roots_, (n, len(self.roots_))).copy()
        rows = np.arange(n)[:, None]
        for _ in range(self.depth_):
            feat = self.feat_[node]
            go_left = X[rows, feat] <= self.threshold_[node]  # no NaN: features are finite
            child = np.where(go_left, self.left_[node], self.right_[node])
            if contrib is not None:
                delta = self.expected_[child] - self.expected_[node]
                flat = (rows * X.shape[1] + feat).ravel()
                contrib += np.bincount(flat, delta.ravel(), minlength=contrib.size).reshape(
                    contrib.shape
                )
            node = child
        return node

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        # Own traversal instead of sklearn's OpenMP predict: one draft must take well under
        # 5 ms, and thread start-up/spinning alone took longer on a busy machine.
        return self.baseline_ + self.value_[self._walk(X, None)].sum(axis=1)

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        contrib = np.zeros(X.shape, dtype=np.float64)
        self._walk(X, contrib)
        return contrib, np.full(X.shape[0], self.base_)

    _STATE_ARRAYS = ("feat_", "threshold_", "left_", "right_", "value_", "expected_", "roots_")

    def to_state(self) -> dict[str, Any]:
        """Data-only state: the flattened trees (serving never needs scikit-learn's object)."""
        state: dict[str, Any] = {name: getattr(self, name) for name in self._STATE_ARRAYS}
        state.update(
            max_iter=self.max_iter,
            params=self.params,
            depth=self.depth_,
            baseline=self.baseline_,
            base=self.base_,
        )
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> HistGradientBoostingEstimator:
        """Inverse of to_state."""
        self = cls.__new__(cls)
        self.max_iter = int(state["max_iter"])
        self.params = dict(state["params"])
        for name in cls._STATE_ARRAYS:
            setattr(self, name, np.asarray(state[name]))
        self.depth_ = int(state["depth"])
        self.baseline_ = float(state["baseline"])
        self.base_ = float(state["base"])
        self._check()
        return self

    def _check(self) -> None:
        """Refuse stored trees a walk could not follow (ArtifactError), before any is walked."""
        from backend.ml.artifacts import ArtifactError

        nodes = len(self.feat_)
        arrays = [getattr(self, name) for name in self._STATE_ARRAYS]
        if any(a.ndim != 1 or a.dtype.kind not in "iuf" for a in arrays) or nodes == 0:
            raise ArtifactError("the stored trees are not 1-D numeric arrays")
        if any(len(a) != nodes for a in arrays[:-1]) or not 1 <= len(self.roots_) <= nodes:
            raise ArtifactError("the stored trees' arrays differ in length")
        if not 0 <= self.depth_ <= MAX_STORED_DEPTH:
            raise ArtifactError(f"the stored trees are {self.depth_} deep (0..{MAX_STORED_DEPTH})")
        links = (self.left_, self.right_, self.roots_)
        if any(a.dtype.kind == "f" or a.min() < 0 or a.max() >= nodes for a in links):
            raise ArtifactError("the stored trees link to a node that does not exist")
        if self.feat_.dtype.kind == "f" or self.feat_.min() < 0:
            raise ArtifactError("the stored trees split on a feature that does not exist")
