"""Hyperparameter specifications and their validation."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from backend.ml.estimators import Estimator

# Builds an unfitted estimator from validated hyperparameters and the numeric-column mask.
EstimatorFactory = Callable[[dict[str, Any], np.ndarray], Estimator]


class HyperparameterError(ValueError):
    """Invalid model type or hyperparameter; the message says what is allowed."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# Names whose plain capitalisation reads badly (acronyms, symbols).
_LABELS = {
    "C": "Feature regularisation, inverse (C)",
    "hero_pick_C": "Hero-pick regularisation, inverse (C)",
    "max_iter": "Maximum iterations",
    "l2_leaf_reg": "L2 leaf regularisation",
    "l2_regularization": "L2 regularisation",
    "max_leaf_nodes": "Maximum leaf nodes",
    "min_samples_leaf": "Minimum samples per leaf",
    "max_depth": "Maximum depth",
    "use_player_features": "Use player features",
    "use_hero_stats": "Use hero statistics",
    "holdout_fraction": "Holdout fraction",
    "hero_stats_half_life_days": "Hero statistics half-life (days)",
}


@dataclass(frozen=True)
class HyperparameterSpec:
    """One tunable setting of a model type."""

    name: str
    type: Literal["int", "float", "bool", "choice"]
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    description: str = ""

    @property
    def label(self) -> str:
        """A readable name for forms: 'learning_rate' → 'Learning rate' (see _LABELS)."""
        return _LABELS.get(self.name) or self.name.replace("_", " ").capitalize()

    def describe_allowed(self) -> str:
        """Allowed values as text, for error messages."""
        if self.type == "bool":
            return "true or false"
        if self.type == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices or ())
        kind = "an integer" if self.type == "int" else "a number"
        return f"{kind} from {self.minimum:g} to {self.maximum:g}"

    def validate(self, value: Any) -> Any:
        """Return the value in canonical type or raise HyperparameterError."""
        problem = f"hyperparameter {self.name!r} must be {self.describe_allowed()}; got {value!r}"
        if self.type == "bool":
            if not isinstance(value, bool):
                raise HyperparameterError(problem, self.name)
            return value
        if self.type == "choice":
            if not isinstance(value, str) or value not in (self.choices or ()):
                raise HyperparameterError(problem, self.name)
            return value
        # bool is a subclass of int, but True as "iterations" is surely a mistake.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise HyperparameterError(problem, self.name)
        if not math.isfinite(value):
            raise HyperparameterError(problem, self.name)
        if self.type == "int":
            if isinstance(value, float) and not value.is_integer():
                raise HyperparameterError(problem, self.name)
            value = int(value)
        else:
            value = float(value)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise HyperparameterError(problem, self.name)
        return value


@dataclass(frozen=True)
class ModelTypeSpec:
    """A trainable model type and its hyperparameters."""

    name: str
    title: str
    description: str
    hyperparameters: tuple[HyperparameterSpec, ...]
    factory: EstimatorFactory

    def make_estimator(self, hp: dict[str, Any], numeric: np.ndarray) -> Estimator:
        """An unfitted estimator of this type from validated hyperparameters."""
        return self.factory(hp, numeric)


def validate_for(spec: ModelTypeSpec, raw: dict[str, Any] | None) -> dict[str, Any]:
    """Validate raw values against one model type; returns every hyperparameter."""
    raw = dict(raw or {})
    by_name = {h.name: h for h in spec.hyperparameters}
    unknown = sorted(k for k in raw if k not in by_name)
    if unknown:
        raise HyperparameterError(
            f"unknown hyperparameter {unknown[0]!r} for model type {spec.name!r}; "
            f"allowed: {', '.join(by_name)}",
            unknown[0],
        )
    return {
        name: h.validate(raw[name]) if name in raw else h.default for name, h in by_name.items()
    }
