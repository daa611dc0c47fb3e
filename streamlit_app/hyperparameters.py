"""Form widgets built from the service's hyperparameter descriptions (type, default, range)."""

from __future__ import annotations

import json
import math
from typing import Any

import streamlit as st


def _step(default: float) -> float:
    """A step of the default's order of magnitude (0.03 -> 0.01, 3.0 -> 1.0)."""
    if not default:
        return 0.01
    return float(10 ** math.floor(math.log10(abs(default))))


def widget(spec: dict[str, Any], key: str, off_because: str | None = None) -> Any:
    """One input for one hyperparameter; returns its value in the type the API expects.

    `off_because` turns a switch off and locks it, saying why (e.g. the data has no players).
    """
    name, kind, default = spec.get("label") or spec["name"], spec["type"], spec["default"]
    help_text = f"{spec.get('description') or ''} (API name: `{spec['name']}`)".strip()
    low, high = spec.get("minimum"), spec.get("maximum")
    if kind == "bool" and off_because:
        st.session_state[key] = False
        return st.checkbox(name, help=f"{off_because} {help_text}", key=key, disabled=True)
    # A value restored from the URL is in the session already: no second default beside it.
    restored = key in st.session_state
    if kind == "bool":
        # False is no default to Streamlit: a restored value raises no "two values" warning.
        return st.checkbox(
            name, value=False if restored else bool(default), help=help_text, key=key
        )
    if kind == "choice":
        choices = list(spec.get("choices") or [])
        index = choices.index(default) if default in choices else 0
        return st.selectbox(
            name, choices, index=None if restored else index, help=help_text, key=key
        )
    if kind == "int":
        whole = st.number_input(
            name,
            min_value=int(low) if low is not None else None,
            max_value=int(high) if high is not None else None,
            value=None if restored else int(default),
            step=1,
            help=help_text,
            key=key,
        )
        return int(whole) if whole is not None else default
    number = st.number_input(
        name,
        min_value=float(low) if low is not None else None,
        max_value=float(high) if high is not None else None,
        value=None if restored else float(default),
        step=_step(float(default)),
        format="%g",
        help=help_text,
        key=key,
    )
    return float(number) if number is not None else default


def form_fields(
    model_type: dict[str, Any], columns: int = 3, off: dict[str, str] | None = None
) -> dict[str, Any]:
    """Inputs for every hyperparameter of a model type in a grid, switches last; name -> value.

    `off` maps switches to the reason they are forced off for this data.
    """
    off = off or {}
    specs = model_type.get("hyperparameters") or []
    ordered = [s for s in specs if s["type"] != "bool"] + [s for s in specs if s["type"] == "bool"]
    values: dict[str, Any] = {}
    for start in range(0, len(ordered), columns):
        for slot, spec in zip(st.columns(columns), ordered[start : start + columns], strict=False):
            with slot:
                key = key_of(model_type["name"], spec["name"])
                values[spec["name"]] = widget(spec, key, off.get(spec["name"]))
    return {s["name"]: values[s["name"]] for s in specs}


TYPE_QUERY, VALUES_QUERY = "model_type", "hp"


def key_of(model_type: str, name: str) -> str:
    return f"hp_{model_type}_{name}"


def restore_from_url(model_types: dict[str, dict[str, Any]], type_key: str) -> None:
    """A reload (a new session) starts from the URL's model type and hyperparameters."""
    wanted = st.query_params.get(TYPE_QUERY)
    if wanted in model_types and type_key not in st.session_state:
        st.session_state[type_key] = wanted
    try:
        saved = json.loads(st.query_params.get(VALUES_QUERY) or "{}")
    except ValueError:
        return  # an edited or truncated URL: start from the defaults
    if not isinstance(saved, dict) or wanted not in model_types:
        return
    known = {s["name"] for s in model_types[wanted].get("hyperparameters") or []}
    for name, value in saved.items():
        key = key_of(str(wanted), str(name))
        if name in known and key not in st.session_state:
            st.session_state[key] = value


def keep_in_url(model_type: str, values: dict[str, Any]) -> None:
    """The submitted form in the URL, so a reload or a shared link shows the same form."""
    st.query_params[TYPE_QUERY] = model_type
    st.query_params[VALUES_QUERY] = json.dumps(values, separators=(",", ":"))
