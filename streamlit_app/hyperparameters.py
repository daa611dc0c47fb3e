"""Form widgets built from the service's hyperparameter descriptions (type, default, range)."""

from __future__ import annotations

import math
from typing import Any

import streamlit as st


def _step(default: float) -> float:
    """A step of the default's order of magnitude (0.03 -> 0.01, 3.0 -> 1.0)."""
    if not default:
        return 0.01
    return float(10 ** math.floor(math.log10(abs(default))))


def widget(spec: dict[str, Any], key: str) -> Any:
    """One input for one hyperparameter; returns its value in the type the API expects."""
    name, kind, default = spec.get("label") or spec["name"], spec["type"], spec["default"]
    help_text = f"{spec.get('description') or ''} (API name: `{spec['name']}`)".strip()
    low, high = spec.get("minimum"), spec.get("maximum")
    if kind == "bool":
        return st.checkbox(name, value=bool(default), help=help_text, key=key)
    if kind == "choice":
        choices = list(spec.get("choices") or [])
        index = choices.index(default) if default in choices else 0
        return st.selectbox(name, choices, index=index, help=help_text, key=key)
    if kind == "int":
        whole = st.number_input(
            name,
            min_value=int(low) if low is not None else None,
            max_value=int(high) if high is not None else None,
            value=int(default),
            step=1,
            help=help_text,
            key=key,
        )
        return int(whole) if whole is not None else default
    number = st.number_input(
        name,
        min_value=float(low) if low is not None else None,
        max_value=float(high) if high is not None else None,
        value=float(default),
        step=_step(float(default)),
        format="%g",
        help=help_text,
        key=key,
    )
    return float(number) if number is not None else default


def form_fields(model_type: dict[str, Any], columns: int = 3) -> dict[str, Any]:
    """Inputs for every hyperparameter of a model type in a grid, switches last; name -> value."""
    specs = model_type.get("hyperparameters") or []
    ordered = [s for s in specs if s["type"] != "bool"] + [s for s in specs if s["type"] == "bool"]
    values: dict[str, Any] = {}
    for start in range(0, len(ordered), columns):
        for slot, spec in zip(st.columns(columns), ordered[start : start + columns], strict=False):
            with slot:
                values[spec["name"]] = widget(spec, key=f"hp_{model_type['name']}_{spec['name']}")
    return {s["name"]: values[s["name"]] for s in specs}
