"""Readable names, per-match explanations and global importances from additive contributions."""

from __future__ import annotations

from typing import Any

import numpy as np

from backend.ml.features import FeatureSpec

TOP_IMPORTANCES = 40


def hero_names(specs: list[FeatureSpec]) -> dict[int, str]:
    """Localized hero names for the pick columns (fallback 'hero #id' for unknown ids)."""
    from backend.matches import hero_registry

    registry = hero_registry()
    names = {}
    for spec in specs:
        if spec.hero_id is not None:
            found = registry.lookup(spec.hero_id)
            names[spec.hero_id] = registry.name(found) if found is not None else spec.label
    return names


def _factor(spec: FeatureSpec, value: float, names: dict[int, str]) -> tuple[str, Any]:
    """Text and displayed value of one column for one match."""
    if spec.hero_id is None:
        return spec.label, round(float(value), 4)
    name = names.get(spec.hero_id, spec.label)
    if value > 0:
        return f"Radiant hero {name}", "radiant"
    if value < 0:
        return f"Dire hero {name}", "dire"
    return f"{name} not picked", "not picked"


def explain_rows(
    X: np.ndarray,
    contributions: np.ndarray,
    base: np.ndarray,
    specs: list[FeatureSpec],
    names: dict[int, str],
    top_k: int,
) -> list[list[dict[str, Any]]]:
    """Top factors per match by |contribution|, then 'Other factors' and the model baseline.

    All contributions are log-odds towards Radiant; the entries of one row sum exactly to the
    model's raw log-odds (before any probability calibration).
    """
    rows: list[list[dict[str, Any]]] = []
    for i in range(X.shape[0]):
        c = contributions[i]
        order = np.argsort(-np.abs(c), kind="stable")
        top = [j for j in order[: max(top_k, 0)] if c[j] != 0.0]
        out: list[dict[str, Any]] = []
        for j in top:
            text, value = _factor(specs[j], X[i, j], names)
            out.append(
                {"factor": text, "contribution": float(c[j]), "value": value, "kind": "feature"}
            )
        rest = float(c.sum() - c[top].sum()) if top else float(c.sum())
        out.append(
            {
                "factor": f"Other factors ({len(c) - len(top)} combined)",
                "contribution": rest,
                "value": None,
                "kind": "other",
            }
        )
        out.append(
            {
                "factor": "Model baseline (average match, incl. radiant side)",
                "contribution": float(base[i]),
                "value": None,
                "kind": "baseline",
            }
        )
        rows.append(out)
    return rows


def importances(
    contributions: np.ndarray, specs: list[FeatureSpec], names: dict[int, str]
) -> list[dict[str, Any]]:
    """Mean |contribution| (log-odds) per feature over the given matches, largest first."""
    mean_abs = np.abs(contributions).mean(axis=0)
    items: list[dict[str, Any]] = []
    for spec, value in zip(specs, mean_abs, strict=True):
        label = (
            spec.label if spec.hero_id is None else f"{names.get(spec.hero_id, spec.label)} (hero)"
        )
        items.append({"feature": label, "importance": float(value)})
    items.sort(key=lambda d: -float(d["importance"]))
    return items[:TOP_IMPORTANCES]
