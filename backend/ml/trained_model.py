"""A fitted model with everything needed to predict: player/hero state, estimator, calibration.

Size: the one class that serving, evaluation, backtests and the draft helper call.
Prediction, explanations, roll-forward, point-in-time features and artifact I/O each live
in their own module; what stays here is the glue they share (specs, calibration, blocks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from backend.ml import artifacts
from backend.ml.calibration import Calibrator
from backend.ml.draft_features import DraftFeatures
from backend.ml.estimators import Estimator
from backend.ml.explain import explain_rows
from backend.ml.features import (
    PICK_SPECS,
    FeatureConfig,
    FeatureSpec,
    build_matrix,
    numeric_specs,
    write_block,
)
from backend.ml.frame import prepare_matches, to_arrays
from backend.ml.history import HistoryState, MatchPosition
from backend.ml.rollforward import AdvanceReport, advance_state
from backend.ml.state_tables import StateTables

if TYPE_CHECKING:
    from backend.ml.point_in_time import Timeline

# Matches per block of features_from_arrays (see there).
FEATURE_CHUNK_ROWS = 8_192


def builds_by_row(n_drafts: int) -> bool:
    """Whether drafts' features come from the plain-Python one-draft builder
    (``draft_features``, per-model tables) instead of the batch builder: exactly one draft,
    where numpy's per-call cost is most of the work. Both give the same row bit for bit
    (tests/ml/test_draft_features.py)."""
    return n_drafts == 1


class OutdatedModelError(ValueError):
    """A model trained by an older feature pipeline: it cannot serve today's features."""


# A draft every model can score (heroes 1-10, unknown players): the load-time probe.
HOLDOUT_DTYPE = np.dtype(
    [("match_id", np.int64), ("start_time", np.int64), ("radiant_win", np.int8), ("p", np.float64)]
)
_PROBE_HEROES = np.arange(1, 11, dtype=np.int64)[None, :].repeat(2, axis=0)
_PROBE_ACCOUNTS = np.full((2, 10), -1, dtype=np.int64)


@dataclass
class TrainedModel:
    """Model trained on all matches (after a time-ordered holdout evaluation).

    Predictions use the stored final state (ratings and counts after the last training match);
    the training data is never read again.
    """

    model_type: str
    hyperparameters: dict[str, Any]
    metrics: dict[str, Any]
    evaluation: dict[str, Any]
    feature_importances: list[dict[str, Any]]
    training_summary: dict[str, Any]
    fit_seconds: float
    state: HistoryState
    feature_config: FeatureConfig
    specs: list[FeatureSpec]
    hero_names: dict[int, str]
    estimator: Estimator
    calibrator: Calibrator
    # The fit's holdout predictions (HOLDOUT_DTYPE rows), stored beside the model, never in
    # its artifact: a model loaded from an artifact has None.
    holdout: np.ndarray | None = field(
        default=None, repr=False, compare=False, metadata={"transient": True}
    )

    @property
    def known_account_ids(self) -> list[int]:
        """Sorted account ids the model has rating state for."""
        return [int(a) for a in self.state.accounts]

    @property
    def player_games(self) -> dict[int, int]:
        """Training matches played per known account id."""
        table = self.state.tables["player"]
        accounts = self.state.accounts
        return {int(accounts[k]): int(g) for k, g in zip(table.keys, table.games, strict=True)}

    def advance(self, matches: pl.DataFrame) -> tuple[TrainedModel, AdvanceReport]:
        """A new model whose state has the labelled matches after ``ratings_as_of`` applied.

        Ratings, experience and hero statistics roll forward walk-forward in time order, as if
        the matches had been at the end of the training data; the estimator and calibration are
        not refitted. Matches at or before the training end (or the last applied result) are
        skipped and counted in the report. ``self`` is left unchanged.
        """
        state, report = advance_state(self.state, matches)
        return replace(self, state=state), report

    @property
    def training_end(self) -> MatchPosition | None:
        """Last training match: (start_time, match_id) if ordered by start_time, else match_id."""
        return self.state.training_end

    @property
    def ratings_as_of(self) -> MatchPosition | None:
        """Last match whose result is in the state (the training end until results arrive)."""
        return self.state.ratings_as_of

    @property
    def results_applied(self) -> int:
        """Matches applied after training (via ``advance``)."""
        return self.state.results_applied

    def features(self, matches: pl.DataFrame) -> np.ndarray:
        """Feature matrix of new matches from the final state (rows in input order)."""
        arrays = to_arrays(prepare_matches(matches, require_label=False))
        return self.features_from_arrays(arrays.heroes, arrays.accounts)

    def features_from_arrays(self, heroes: np.ndarray, accounts: np.ndarray) -> np.ndarray:
        """Feature matrix from (n, 10) int64 hero ids and account ids (UNKNOWN = -1), no frame.

        The derived inputs are gathered from the state's tables (``state_tables``: the same
        values as build_matrix(build_from_state(...)), bit for bit), FEATURE_CHUNK_ROWS matches
        at a time, so the ~2 KB per match of intermediate inputs stay in the CPU caches; every
        feature is a function of its own row, so the blocks give the same matrix as one pass.
        """
        n = len(heroes)
        X = self._empty_matrix(n)
        tables = self.state_tables()
        for start in range(0, n, FEATURE_CHUNK_ROWS):
            stop = min(start + FEATURE_CHUNK_ROWS, n)
            part = heroes[start:stop]
            cols = tables.columns(part, accounts[start:stop])
            write_block(cols, part, self.feature_config, X[start:stop])
        return X

    def state_tables(self) -> StateTables:
        """The batch look-up tables of this model's state, built on first use and kept on the
        instance like ``draft_features`` (a new state, after ``advance``, builds its own)."""
        tables: StateTables | None = self.__dict__.get("_state_tables")
        if tables is None or tables.state is not self.state:
            tables = StateTables(self.state, self.feature_config)
            self.__dict__["_state_tables"] = tables
        return tables

    def features_at(
        self, timeline: Timeline, heroes: np.ndarray, accounts: np.ndarray, cutoffs: np.ndarray
    ) -> np.ndarray:
        """Feature matrix of drafts each at its point in time: the state after ``cutoffs[i]``
        of the timeline's results (the timeline of this model's artifact), in blocks too."""
        n = len(heroes)
        X = self._empty_matrix(n)
        for start in range(0, n, FEATURE_CHUNK_ROWS):
            stop = min(start + FEATURE_CHUNK_ROWS, n)
            pre = timeline.prematch(heroes[start:stop], accounts[start:stop], cutoffs[start:stop])
            build_matrix(pre, self.feature_config, X[start:stop])
        return X

    def _empty_matrix(self, n: int) -> np.ndarray:
        """A zero matrix of n rows, once the model's columns are today's feature set."""
        specs = numeric_specs(self.feature_config, len(self.state.rating_configs))
        specs += list(PICK_SPECS)
        if len(specs) != len(self.specs) or any(
            a.name != b.name for a, b in zip(specs, self.specs, strict=True)
        ):
            raise OutdatedModelError(
                "this model was trained with an older feature set; retrain it to predict"
            )
        return np.zeros((n, len(specs)))

    def draft_features(self) -> DraftFeatures:
        """The one-draft feature builder of this model's state, built on first use.

        Kept on the instance, outside the dataclass fields (never stored in the artifact):
        ``advance`` makes a new instance for a new state, which builds its own.
        """
        builder: DraftFeatures | None = self.__dict__.get("_draft_features")
        if builder is None or builder.state is not self.state:
            builder = DraftFeatures(self.state, self.feature_config, self.specs)
            self.__dict__["_draft_features"] = builder
        return builder

    def prepare_serving(self) -> None:
        """Build the single-draft look-ups now (at model load), not on a first request."""
        self.draft_features()
        self.state_tables()
        prepare = getattr(self.estimator, "prepare_few_rows", None)
        if prepare is not None:
            prepare()

    def _matrix(self, heroes: np.ndarray, accounts: np.ndarray) -> np.ndarray:
        """Features of drafts as arrays; one draft by the plain-Python row builder."""
        if builds_by_row(len(heroes)):
            return self.draft_features().row(heroes[0].tolist(), accounts[0].tolist())[None, :]
        return self.features_from_arrays(heroes, accounts)

    def predict_arrays(self, heroes: np.ndarray, accounts: np.ndarray) -> np.ndarray:
        """predict_proba for drafts already as arrays (one draft or many)."""
        return self.calibrator.transform(self._decisions(heroes, accounts))

    def predict_matrix(self, X: np.ndarray) -> np.ndarray:
        """P(radiant wins) for rows of a feature matrix."""
        return self.calibrator.transform(self.estimator.decision_function(X))

    def _decisions(self, heroes: np.ndarray, accounts: np.ndarray) -> np.ndarray:
        """Raw decisions, FEATURE_CHUNK_ROWS matches at a time: each block's matrix (~11 MB)
        is used while it is in the caches, and 100k matches never hold a 137 MB matrix."""
        n = len(heroes)
        if n <= FEATURE_CHUNK_ROWS:
            return self.estimator.decision_function(self._matrix(heroes, accounts))
        out = np.empty(n)
        for start in range(0, n, FEATURE_CHUNK_ROWS):
            stop = min(start + FEATURE_CHUNK_ROWS, n)
            X = self.features_from_arrays(heroes[start:stop], accounts[start:stop])
            out[start:stop] = self.estimator.decision_function(X)
        return out

    def predict_proba(self, matches: pl.DataFrame) -> np.ndarray:
        """P(radiant wins) per row of a canonical frame (radiant_win may be null or absent)."""
        if matches.height == 0:
            return np.zeros(0)
        arrays = to_arrays(prepare_matches(matches, require_label=False))
        return self.predict_arrays(arrays.heroes, arrays.accounts)

    def unknown_accounts(self, matches_row_accounts: Sequence[int | None]) -> list[int]:
        """Account ids (ignoring None) the model has no state for, in order, without repeats."""
        ids = [int(a) for a in matches_row_accounts if a is not None]
        index = self.state.player_index(np.array(ids, dtype=np.int64)).tolist() if ids else []
        out: list[int] = []
        for account, i in zip(ids, index, strict=True):
            if i < 0 and account not in out:
                out.append(account)
        return out

    def unknown_heroes(self, hero_ids: list[int]) -> list[int]:
        """Hero ids with no games in the model's state, in order, without repeats.

        Such heroes are handled at the prior: their pick column was never set in training, so
        its weight is zero (and trees never split on it), and their statistics are 0 games,
        i.e. a 50 % win rate after shrinkage.
        """
        games = self.draft_features().hero_games
        out: list[int] = []
        for hero in hero_ids:
            known = 0 <= hero < len(games) and games[hero] > 0
            if not known and hero not in out:
                out.append(int(hero))
        return out

    def explain(self, matches: pl.DataFrame, top_k: int = 8) -> list[list[dict[str, Any]]]:
        """Top factors per row, in log-odds towards Radiant.

        Each row: up to ``top_k`` entries ``{"factor", "contribution", "value", "kind":
        "feature"}`` by |contribution|, then ``kind="other"`` (all remaining features combined)
        and ``kind="baseline"`` (intercept / expected value). The contributions of a row sum to
        the raw log-odds *before calibration*: for logistic regression coefficient x
        standardised value plus intercept; for CatBoost exact SHAP values plus expected value;
        for histogram boosting tree-path (Saabas) attributions plus the trees' expected value.
        With calibration "none" the probability is sigmoid(sum); otherwise predict_proba
        applies the stored calibration map to that sum.
        """
        if matches.height == 0:
            return []
        return self.explain_matrix(self.features(matches), top_k)

    def explain_arrays(
        self, heroes: np.ndarray, accounts: np.ndarray, top_k: int = 8
    ) -> list[list[dict[str, Any]]]:
        """explain() for drafts already as arrays."""
        return self.explain_matrix(self._matrix(heroes, accounts), top_k)

    def explain_matrix(self, X: np.ndarray, top_k: int = 8) -> list[list[dict[str, Any]]]:
        """explain() for rows of a feature matrix."""
        contributions, base = self.estimator.contributions(X)
        return explain_rows(X, contributions, base, self.specs, self.hero_names, top_k)

    def to_bytes(self) -> bytes:
        """Data-only artifact (JSON + numpy arrays); never pickle."""
        return artifacts.dumps(self)

    @classmethod
    def from_bytes(cls, data: bytes, sha256: str | None = None) -> TrainedModel:
        """Inverse of to_bytes; with sha256 given, the bytes are checked before parsing.

        Raises ArtifactError (a ValueError) for anything that is not a valid artifact.
        """
        model = artifacts.loads(data, sha256, check_hash=sha256 is not None)
        if not isinstance(model, cls):
            raise artifacts.ArtifactError("artifact does not contain a TrainedModel")
        model._probe()
        # Outside the dataclass fields (never stored): which bytes this instance came from.
        model.__dict__["_artifact_sha256"] = (sha256 or artifacts.sha256_hex(data)).lower()
        return model

    @property
    def artifact_sha256(self) -> str | None:
        """SHA-256 of the artifact bytes this model was loaded from (None: not loaded, e.g.
        trained in this process or advanced by results; the served entry keeps its artifact)."""
        sha: str | None = self.__dict__.get("_artifact_sha256")
        return sha

    def _probe(self) -> None:
        """Score a probe draft once, so stored parts that do not fit together (shapes, links,
        non-finite numbers) are an ArtifactError at load, not an error on every request."""
        try:
            X = self.features_from_arrays(_PROBE_HEROES, _PROBE_ACCOUNTS)
        except OutdatedModelError:
            return  # a well-formed older model: the caller reports it as outdated
        except Exception as exc:
            raise artifacts.ArtifactError(f"the stored model does not fit together: {exc}") from exc
        try:
            p = np.asarray(self.calibrator.transform(self.estimator.decision_function(X)))
        except Exception as exc:
            raise artifacts.ArtifactError(f"the stored model does not fit together: {exc}") from exc
        if p.shape != (len(X),) or not np.all((p >= 0) & (p <= 1)):
            raise artifacts.ArtifactError("the stored model gives no probability for a draft")
