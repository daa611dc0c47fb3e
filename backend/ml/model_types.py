"""The trainable model types, their hyperparameters and defaults."""

from __future__ import annotations

from typing import Any

import numpy as np

from backend.ml.catboost_estimator import CatBoostEstimator
from backend.ml.estimators import Estimator, LinearEstimator, SideSymmetric
from backend.ml.gpu import gpu_count
from backend.ml.hist_boosting import HistGradientBoostingEstimator
from backend.ml.hyperparameters import (
    HyperparameterError,
    HyperparameterSpec,
    ModelTypeSpec,
    validate_for,
)
from backend.ml.oblivious_forest import MAX_TREE_DEPTH, MAX_TREES

DEFAULT_MODEL_TYPE = "logistic_regression"
CALIBRATIONS = ("none", "sigmoid", "isotonic")


def _general(calibration: str) -> tuple[HyperparameterSpec, ...]:
    """Settings shared by every model type (the calibration default differs by type)."""
    return (
        HyperparameterSpec(
            "holdout_fraction",
            "float",
            0.2,
            0.05,
            0.5,
            description="Share of the latest matches held out for the reported metrics.",
        ),
        HyperparameterSpec(
            "calibration",
            "choice",
            calibration,
            choices=CALIBRATIONS,
            description="Probability calibration fitted on the latest 20% of the fitting data.",
        ),
        HyperparameterSpec(
            "use_player_features",
            "bool",
            True,
            description="Player ratings, experience, hero comfort and teammate familiarity "
            "from account ids (earlier matches only).",
        ),
        HyperparameterSpec(
            "mask_augmentation",
            "bool",
            False,
            description="Also train on a copy of every match with a random share of account "
            "ids hidden. Off by default: unknown players are already encoded at the prior, "
            "and the copies did not improve calibration with hidden ids on the inner split.",
        ),
        HyperparameterSpec(
            "use_hero_stats",
            "bool",
            True,
            description="Hero win rates, hero-pair synergy and hero-vs-hero counter statistics "
            "from earlier matches.",
        ),
        HyperparameterSpec(
            "hero_stats_half_life_days",
            "float",
            30.0,
            7.0,
            36500.0,
            description="Half-life in days of the hero statistics: a game this many days "
            "before a match counts half, so hero strength follows the meta (36500 is close to "
            "all-time counts). Chosen by walk-forward on an inner split of the pro matches.",
        ),
        HyperparameterSpec(
            "random_seed", "int", 0, 0, 2**31 - 1, description="Seed for reproducible fits."
        ),
    )


def _linear(hp: dict[str, Any], numeric: np.ndarray) -> Estimator:
    # Antisymmetric features and an intercept: side-swap consistent without help.
    return LinearEstimator(numeric, hp["C"], hp["hero_pick_C"], hp["max_iter"])


def _catboost(hp: dict[str, Any], numeric: np.ndarray) -> Estimator:
    inner = CatBoostEstimator(
        hp["iterations"],
        hp["depth"],
        hp["learning_rate"],
        hp["l2_leaf_reg"],
        hp["random_seed"],
        task_type=hp.get("task_type", "CPU"),
        subsample=hp.get("subsample", 1.0),
    )
    return SideSymmetric(inner)


def _hist_boosting(hp: dict[str, Any], numeric: np.ndarray) -> Estimator:
    inner = HistGradientBoostingEstimator(
        hp["max_iter"],
        hp["learning_rate"],
        hp["max_depth"],
        hp["max_leaf_nodes"],
        hp["min_samples_leaf"],
        hp["l2_regularization"],
        hp["random_seed"],
    )
    return SideSymmetric(inner)


MODEL_TYPES: dict[str, ModelTypeSpec] = {
    "logistic_regression": ModelTypeSpec(
        name="logistic_regression",
        title="Logistic regression",
        description="Regularised linear model on standardised features and signed hero picks. "
        "Fast, well calibrated and easy to explain.",
        hyperparameters=(
            *_general("none"),
            HyperparameterSpec(
                "C",
                "float",
                0.03,
                1e-4,
                1e4,
                description="Inverse L2 regularisation of the standardised numeric features.",
            ),
            HyperparameterSpec(
                "hero_pick_C",
                "float",
                0.001,
                1e-5,
                1e4,
                description="Inverse L2 regularisation of the signed hero-pick columns; kept "
                "small because hero statistics already carry most of their signal.",
            ),
            HyperparameterSpec(
                "max_iter", "int", 2000, 50, 20000, description="Solver iteration limit."
            ),
        ),
        factory=_linear,
    ),
    "catboost": ModelTypeSpec(
        name="catboost",
        title="CatBoost",
        description="Gradient-boosted oblivious trees (CatBoost); SHAP explanations.",
        hyperparameters=(
            *_general("none"),
            HyperparameterSpec(
                "iterations", "int", 800, 10, MAX_TREES, description="Number of trees."
            ),
            HyperparameterSpec(
                "depth", "int", 4, 1, MAX_TREE_DEPTH, description="Depth of each tree."
            ),
            HyperparameterSpec(
                "learning_rate", "float", 0.02, 1e-3, 1.0, description="Shrinkage per tree."
            ),
            HyperparameterSpec(
                "l2_leaf_reg", "float", 10.0, 0.0, 100.0, description="L2 penalty on leaf values."
            ),
            HyperparameterSpec(
                "subsample",
                "float",
                0.5,
                0.05,
                1.0,
                description="Share of the training rows each tree is grown on (Bernoulli "
                "sampling): 0.5 halves the work per tree and scored as well as all rows on the "
                "inner splits; 1 uses every row.",
            ),
            HyperparameterSpec(
                "task_type",
                "choice",
                "CPU",
                choices=("CPU", "GPU"),
                description="Train on the CPU or on a CUDA GPU; GPU is accepted only when the "
                "machine has one (CatBoost's GPU trees differ slightly from its CPU trees).",
            ),
        ),
        factory=_catboost,
    ),
    "hist_gradient_boosting": ModelTypeSpec(
        name="hist_gradient_boosting",
        title="Histogram gradient boosting",
        description="scikit-learn HistGradientBoostingClassifier; path-based explanations.",
        hyperparameters=(
            *_general("none"),
            HyperparameterSpec("max_iter", "int", 300, 10, 5000, description="Number of trees."),
            HyperparameterSpec(
                "learning_rate", "float", 0.03, 1e-3, 1.0, description="Shrinkage per tree."
            ),
            HyperparameterSpec("max_depth", "int", 3, 1, 20, description="Maximum tree depth."),
            HyperparameterSpec(
                "max_leaf_nodes", "int", 15, 2, 256, description="Maximum leaves per tree."
            ),
            HyperparameterSpec(
                "min_samples_leaf", "int", 40, 1, 5000, description="Minimum matches per leaf."
            ),
            HyperparameterSpec(
                "l2_regularization",
                "float",
                5.0,
                0.0,
                100.0,
                description="L2 penalty on leaf values.",
            ),
        ),
        factory=_hist_boosting,
    ),
}


def validate_hyperparameters(model_type: str, raw: dict[str, Any] | None) -> dict[str, Any]:
    """Check raw hyperparameters for a model type; returns all of them with defaults filled in."""
    spec = MODEL_TYPES.get(model_type) if isinstance(model_type, str) else None
    if spec is None:
        raise HyperparameterError(
            f"unknown model type {model_type!r}; choose one of: {', '.join(MODEL_TYPES)}",
            "model_type",
        )
    if raw is not None and not isinstance(raw, dict):
        raise HyperparameterError("hyperparameters must be an object of name: value")
    hp = validate_for(spec, raw)
    if hp.get("task_type") == "GPU" and gpu_count() == 0:
        raise HyperparameterError(
            "task_type 'GPU' needs a CUDA GPU on this machine and none was found "
            "(catboost.utils.get_gpu_device_count() is 0); use 'CPU'",
            "task_type",
        )
    return hp
