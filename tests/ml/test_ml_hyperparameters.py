"""validate_hyperparameters: defaults, and an error naming the field for every bad input."""

from __future__ import annotations

import math

import pytest

from backend.ml import (
    DEFAULT_MODEL_TYPE,
    MODEL_TYPES,
    HyperparameterError,
    validate_hyperparameters,
)

GENERAL = {
    "holdout_fraction",
    "calibration",
    "use_player_features",
    "use_hero_stats",
    "random_seed",
}


def error(model_type: str, raw: object) -> HyperparameterError:
    with pytest.raises(HyperparameterError) as info:
        validate_hyperparameters(model_type, raw)  # type: ignore[arg-type]
    return info.value


def test_model_types_and_default() -> None:
    assert DEFAULT_MODEL_TYPE == "logistic_regression"
    assert {"logistic_regression", "catboost", "hist_gradient_boosting"} <= set(MODEL_TYPES)
    for name, spec in MODEL_TYPES.items():
        assert spec.name == name and spec.title and spec.description
        assert {h.name for h in spec.hyperparameters} >= GENERAL


@pytest.mark.parametrize("model_type", list(MODEL_TYPES))
def test_defaults_are_filled_and_valid(model_type: str) -> None:
    values = validate_hyperparameters(model_type, None)
    spec = MODEL_TYPES[model_type]
    assert values == {h.name: h.default for h in spec.hyperparameters}
    assert validate_hyperparameters(model_type, values) == values
    for h in spec.hyperparameters:
        if h.type in ("int", "float"):
            assert h.minimum is not None and h.maximum is not None
            assert h.minimum <= h.default <= h.maximum
        if h.type == "choice":
            assert h.choices and h.default in h.choices
        assert h.description


def test_unknown_model_type_lists_types() -> None:
    exc = error("svm", {})
    assert exc.field == "model_type"
    for name in MODEL_TYPES:
        assert name in str(exc)


def test_unknown_name_lists_allowed() -> None:
    exc = error("catboost", {"depht": 3})
    assert exc.field == "depht"
    assert "depth" in str(exc) and "iterations" in str(exc)


def test_out_of_range_names_field_and_range() -> None:
    exc = error("catboost", {"depth": 11})
    assert exc.field == "depth"
    assert "1" in str(exc) and "10" in str(exc)
    exc = error("logistic_regression", {"holdout_fraction": 0.6})
    assert exc.field == "holdout_fraction" and "0.05" in str(exc) and "0.5" in str(exc)


def test_types() -> None:
    assert validate_hyperparameters("logistic_regression", {"C": 1})["C"] == 1.0
    assert isinstance(validate_hyperparameters("logistic_regression", {"C": 1})["C"], float)
    assert validate_hyperparameters("catboost", {"iterations": 100.0})["iterations"] == 100
    assert error("catboost", {"iterations": True}).field == "iterations"
    assert error("catboost", {"iterations": 100.5}).field == "iterations"
    assert error("catboost", {"iterations": "100"}).field == "iterations"
    assert error("catboost", {"learning_rate": math.nan}).field == "learning_rate"
    assert error("catboost", {"learning_rate": math.inf}).field == "learning_rate"
    assert error("catboost", {"use_player_features": 1}).field == "use_player_features"


def test_bad_choice_lists_choices() -> None:
    exc = error("hist_gradient_boosting", {"calibration": "platt"})
    assert exc.field == "calibration"
    for choice in ("none", "sigmoid", "isotonic"):
        assert choice in str(exc)


def test_not_a_mapping() -> None:
    error("catboost", [("depth", 3)])


def test_gpu_is_refused_without_a_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    import backend.ml.model_types as model_types

    monkeypatch.setattr(model_types, "gpu_count", lambda: 0)
    err = error("catboost", {"task_type": "GPU"})
    assert err.field == "task_type" and "GPU" in str(err)
    assert validate_hyperparameters("catboost", {"task_type": "CPU"})["task_type"] == "CPU"
    assert error("catboost", {"task_type": "gpu"}).field == "task_type"  # choices are exact


def test_gpu_reaches_catboost_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    import backend.ml.model_types as model_types

    monkeypatch.setattr(model_types, "gpu_count", lambda: 1)
    numeric = np.ones(3, dtype=bool)
    for task_type, expected in (("GPU", "GPU"), ("CPU", None)):
        hp = validate_hyperparameters("catboost", {"task_type": task_type})
        estimator = MODEL_TYPES["catboost"].make_estimator(hp, numeric)
        params = estimator.inner.params  # type: ignore[attr-defined]
        # CPU keeps the parameters CatBoost got before task_type existed (same models).
        assert params.get("task_type") == expected


def test_this_machine_reports_its_gpus_as_a_count() -> None:
    from backend.ml.gpu import gpu_count

    assert isinstance(gpu_count(), int) and gpu_count() >= 0
