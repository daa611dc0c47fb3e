"""Import wizard (Data page): preview a file in any format, edit its mapping, then store it.

Every rule is the service's: it detects the format, guesses the mapping, reads the first rows
and lists the problems (POST /api/v1/data/datasets/preview), and the same format and mapping go
back with the upload. This page only shows the answers and collects the edits.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from dota_predict_sdk import ApiError
from streamlit_app import datasets, service

AUTO = "auto"
FILE_KEY = "wizard_file"
_PREVIEWS = "wizard_previews"  # (file, format, mapping) -> the service's preview
_STORED = "wizard_stored"  # (file id, stored dataset or error text)
SIDES = {"radiant": "Radiant", "dire": "Dire"}
OURS, THEIRS, VALUE, MEANS = "Our column", "Your column", "Your value", "Means a win of"


def _file_id(upload: Any) -> str:
    return str(getattr(upload, "file_id", None) or f"{upload.name}:{upload.size}")


def _preview(upload: Any, fmt: str | None, mapping: dict[str, Any] | None) -> dict[str, Any] | None:
    """The service's preview for these choices, asked once per choice (None: it refused)."""
    key = json.dumps([_file_id(upload), fmt, mapping], sort_keys=True)
    found: dict[str, dict[str, Any]] = st.session_state.setdefault(_PREVIEWS, {})
    if key not in found:
        if len(found) > 20:
            found.clear()
        with st.spinner("The service reads the file…"):
            answer = service.call(
                "Previewing the file",
                service.client().preview_dataset,
                upload.getvalue(),
                format=fmt,
                mapping=mapping,
            )
        if answer is None:
            return None
        found[key] = answer.to_dict()
    return found[key]


def _format_choice(upload: Any, detected: dict[str, Any]) -> str | None:
    """The format select: the service's formats, "auto" (what it detected) first."""
    formats: dict[str, str] = detected.get("formats") or {}
    shown = detected.get("format") or "unreadable"
    chosen = st.selectbox(
        "Format",
        [AUTO, *formats],
        format_func=lambda f: f"auto (detected: {shown})" if f == AUTO else f,
        key=f"wizard_format_{_file_id(upload)}",
        help="Detected by the service from the file; choose another one to override it.",
    )
    return None if chosen == AUTO else chosen


def _column_editor(key: str, preview: dict[str, Any]) -> dict[str, str]:
    """Our column -> theirs as an editable table; mapped rows first."""
    guessed: dict[str, str] = (preview.get("mapping") or {}).get("columns") or {}
    targets: list[str] = preview.get("targets") or []
    ordered = [t for t in targets if t in guessed] + [t for t in targets if t not in guessed]
    edited = st.data_editor(
        [{OURS: t, THEIRS: guessed.get(t)} for t in ordered],
        key=f"wizard_columns_{key}",
        hide_index=True,
        num_rows="fixed",
        disabled=[OURS],
        column_config={
            OURS: st.column_config.TextColumn(OURS, width="medium"),
            THEIRS: st.column_config.SelectboxColumn(
                THEIRS,
                options=preview.get("columns") or [],
                width="medium",
                help="The file's column that holds ours (empty: not in the file).",
            ),
        },
    )
    return {str(row[OURS]): str(row[THEIRS]) for row in edited if row.get(THEIRS)}


def _label_editor(key: str, preview: dict[str, Any], column: str | None) -> dict[str, str]:
    """The file's winner values -> radiant/dire as an editable table."""
    values: list[str] = preview.get("label_values") or []
    if not column or not values:
        return {}
    labels: dict[str, str] = (preview.get("mapping") or {}).get("labels") or {}
    edited = st.data_editor(
        [{VALUE: v, MEANS: SIDES.get(labels.get(v.strip().lower(), ""))} for v in values],
        key=f"wizard_labels_{key}_{column}",
        hide_index=True,
        num_rows="fixed",
        disabled=[VALUE],
        column_config={
            VALUE: st.column_config.TextColumn(f"{VALUE} ({column})", width="medium"),
            MEANS: st.column_config.SelectboxColumn(
                MEANS, options=list(SIDES.values()), width="medium"
            ),
        },
    )
    st.caption(
        "Leave the values empty when the column holds true/false (or 1/0) for a Radiant win."
    )
    sides = {title: side for side, title in SIDES.items()}
    # The service compares label values without case or surrounding spaces.
    return {
        str(row[VALUE]).strip().lower(): sides[str(row[MEANS])]
        for row in edited
        if row.get(MEANS) in sides
    }


def _problems(preview: dict[str, Any]) -> None:
    problems = preview.get("problems") or []
    for problem in problems:
        where = ", ".join(
            f"{name} {problem[name]}" for name in ("column", "row") if problem.get(name) is not None
        )
        st.warning(problem["message"] + (f" ({where})" if where else ""), icon=":material/report:")
    if not problems:
        st.success("No problems found: the file is ready to store.", icon=":material/check:")
    for note in preview.get("notes") or []:
        st.caption(f"Note: {note}")
    if skipped := preview.get("skipped"):
        left_out = ", ".join(f"{n:,} {reason}" for reason, n in skipped.items())
        st.caption(f"Left out: {left_out}.")


def _rows(preview: dict[str, Any]) -> None:
    rows: list[dict[str, Any]] = preview.get("rows") or []
    if not rows:
        return
    kept = [c for c in rows[0] if any(r.get(c) is not None for r in rows)]
    total = preview.get("n_matches")
    st.markdown(
        f"**The first {len(rows)} of {total:,} matches, as the service will read them**"
        if total is not None
        else "**The first matches, as the service will read them**"
    )
    st.dataframe([{c: r.get(c) for c in kept} for r in rows], hide_index=True)


def _store(upload: Any, fmt: str | None, mapping: dict[str, Any] | None, select_key: str) -> None:
    """Button callback: upload with the chosen format and mapping; the result is remembered."""
    try:
        stored = service.client().upload_dataset(upload, format=fmt, mapping=mapping)
    except ApiError as exc:
        st.session_state[_STORED] = (_file_id(upload), None, service.describe(exc))
        return
    st.session_state[_STORED] = (_file_id(upload), stored.to_dict(), None)
    st.session_state[select_key] = stored.dataset_id
    datasets.remember(stored.dataset_id)


def _outcome(upload: Any) -> None:
    saved = st.session_state.get(_STORED)
    if not saved or saved[0] != _file_id(upload):
        return
    _, stored, error = saved
    if error is not None:
        st.error(f"**{upload.name} was not stored.** {error}", icon=":material/error:")
        return
    how = stored.get("import_format") or "detected format"
    st.success(
        f"Stored **{stored['filename']}** · {stored['n_matches']:,} matches "
        f"(read as {how}) · id `{stored['dataset_id']}`: it is now the chosen dataset.",
        icon=":material/check_circle:",
    )


def import_wizard(select_key: str) -> None:
    """Upload → the service's preview → edit format and mapping → store (then it is chosen)."""
    st.caption(
        "For files in other shapes: OpenDota match JSON, explorer exports, team strings such as "
        "`30-65-15-121-18`, `victor_team`, `hero_0..9`, UCI rows. The service detects the format "
        "and guesses the mapping; check it here before storing."
    )
    upload = st.file_uploader(
        "A match file in any supported format",
        type=["csv", "gz", "json", "jsonl", "txt"],
        key=FILE_KEY,
        max_upload_size=service.upload_limit_mb(),
        help=service.upload_help("Nothing is stored until you press Store dataset."),
    )
    if upload is None:
        return
    detected = _preview(upload, None, None)
    if detected is None:
        return
    fmt = _format_choice(upload, detected)
    guessed = detected if fmt is None else _preview(upload, fmt, None)
    if guessed is None:
        return
    if description := guessed.get("description"):
        st.caption(f"**{guessed.get('format')}**: {description}")
    mapping: dict[str, Any] | None = None
    if guessed.get("mapping") is not None:
        key = f"{_file_id(upload)}_{fmt or AUTO}"
        st.markdown("**Column mapping** (our column ← your column)")
        columns = _column_editor(key, guessed)
        labels = _label_editor(key, guessed, columns.get("radiant_win"))
        mapping = {"columns": columns, "labels": labels}
    current: dict[str, Any] | None = guessed
    if mapping is not None and mapping != guessed.get("mapping"):
        current = _preview(upload, fmt, mapping)
    else:
        mapping = guessed.get("mapping")
    if current is None:
        return
    _problems(current)
    _rows(current)
    st.button(
        "Store dataset",
        type="primary",
        key="wizard_store",
        on_click=_store,
        args=(upload, fmt, mapping, select_key),
        icon=":material/save:",
        help="Uploads the file with this format and mapping (POST /api/v1/data/datasets).",
    )
    _outcome(upload)
