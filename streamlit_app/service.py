"""The one SDK client, its base URL, and error reporting that never shows a traceback."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import polars as pl
import streamlit as st

from dota_predict_sdk import ApiError, DotaPredict, ServiceUnavailable

T = TypeVar("T")
URL_KEY = "service_url"
DEFAULT_URL = "http://127.0.0.1:8000"
ALLOW_URL_CHANGE = "DOTA_PREDICT_UI_ALLOW_URL_CHANGE"


def url_change_allowed() -> bool:
    """Only when the operator says so: otherwise any visitor could point this server anywhere."""
    return os.environ.get(ALLOW_URL_CHANGE, "").strip().lower() in {"1", "true", "yes"}


def default_url() -> str:
    """$DOTA_PREDICT_URL, else the local default (the same rule as the SDK)."""
    return (os.environ.get("DOTA_PREDICT_URL") or DEFAULT_URL).rstrip("/")


def base_url() -> str:
    """The URL set in the sidebar (only if allowed), else the default."""
    if not url_change_allowed():
        return default_url()
    return str(st.session_state.get(URL_KEY) or default_url()).strip().rstrip("/")


@st.cache_resource(show_spinner=False)
def _client(url: str) -> DotaPredict:
    # The API key, if any, comes from $DOTA_PREDICT_API_KEY (read by the SDK).
    return DotaPredict(base_url=url, timeout=60.0)


def client() -> DotaPredict:
    """The cached client for the current base URL."""
    return _client(base_url())


def describe(exc: ApiError) -> str:
    """A one-paragraph, user-facing explanation of an SDK error."""
    if isinstance(exc, ServiceUnavailable) and exc.status_code == 0:
        return (
            f"The prediction service is not reachable at {base_url()}. Start it with `make run`"
            + (", or set the service URL in the sidebar." if url_change_allowed() else ".")
        )
    where = ", ".join(
        f"{name} {value}"
        for name, value in (("field", exc.field), ("column", exc.column), ("row", exc.row))
        if value is not None
    )
    return exc.message + (f" ({where})" if where else "")


def call(action: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """fn(*args, **kwargs), or None after showing st.error when the service refuses or is down."""
    try:
        return fn(*args, **kwargs)
    except ApiError as exc:
        st.error(f"**{action} failed.** {describe(exc)}", icon=":material/error:")
        return None


def require(action: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Like call(), but the page stops after the error message."""
    result = call(action, fn, *args, **kwargs)
    if result is None:
        stop()
    return result


def stop() -> NoReturn:
    """st.stop(), typed so that callers know it does not return."""
    st.stop()
    raise AssertionError("unreachable")


@st.cache_data(ttl=3600, show_spinner=False)
def _heroes(url: str) -> pl.DataFrame:
    rows = [h.to_dict() for h in _client(url).heroes()]
    return pl.DataFrame(rows).select("id", "name", "short_name", "primary_attr", "attack_type")


def heroes() -> pl.DataFrame:
    """All heroes (id, name, short_name, …) from the service; raises ApiError."""
    return _heroes(base_url())


@st.cache_data(ttl=300, show_spinner=False)
def _model_types(url: str) -> list[dict[str, Any]]:
    return [t.to_dict() for t in _client(url).model_types()]


def model_types() -> list[dict[str, Any]]:
    """Model types as plain dicts (name, title, hyperparameters: [{name, type, default, …}])."""
    return _model_types(base_url())


def hero_table() -> pl.DataFrame | None:
    """All heroes, or None (after a warning) when the service cannot be asked."""
    try:
        return heroes()
    except ApiError as exc:
        st.warning(f"Hero names are unavailable, heroes are shown by id. {describe(exc)}")
        return None


def hero_names(table: pl.DataFrame | None) -> dict[int, str]:
    """Hero id -> name (empty without a table)."""
    if table is None:
        return {}
    return dict(zip(table["id"].to_list(), table["name"].to_list(), strict=True))


@st.cache_data(ttl=300, show_spinner=False)
def _limits(url: str) -> dict[str, Any]:
    return _client(url).limits().to_dict()


def limits() -> dict[str, Any]:
    """The service's limits (max_upload_mb, max_csv_matches, job_time_limit_seconds)."""
    return _limits(base_url())


def upload_limit_mb() -> int | None:
    """The service's upload limit in whole MB for st.file_uploader (None: Streamlit's own)."""
    try:
        return max(1, math.floor(float(limits()["max_upload_mb"])))
    except ApiError:
        return None


def upload_help(what: str) -> str:
    """The uploader's help text, with the service's size limit (the one the API enforces)."""
    try:
        mb = f"{float(limits()['max_upload_mb']):g} MB"
    except ApiError:
        mb = "the service's limit"
    return f"{what} Files up to {mb} (the service's upload limit, APP_MAX_UPLOAD_MB)."


@st.cache_data(ttl=3600, show_spinner="Downloading the sample…")
def _sample(url: str) -> bytes:
    return _client(url).sample_csv()


def sample_csv() -> bytes:
    """The bundled matches as CSV, from the service (GET /api/v1/data/sample)."""
    return _sample(base_url())


KNOWN_PLAYERS = 2000


@st.cache_data(ttl=300, show_spinner=False)
def _known_players(
    url: str, model_id: str | None, limit: int
) -> tuple[list[int], dict[int, str], int]:
    found = _client(url).account_ids(limit=limit, model_id=model_id).to_dict()
    names = {p["account_id"]: p["name"] for p in found.get("players") or [] if p.get("name")}
    return list(found["account_ids"]), names, int(found["total"])


def known_players(
    model_id: str | None = None, limit: int = KNOWN_PLAYERS
) -> tuple[list[int], dict[int, str], int]:
    """The players a model knows (most games first), their pro names, how many it knows.

    Raises ApiError. Names are OpenDota's /proPlayers as the service cached them (a sync with
    player names on); ids without one are absent from the dict.
    """
    return _known_players(base_url(), model_id, limit)


def forget_players() -> None:
    """Drop the cached players and names (after a sync may have cached new names)."""
    _known_players.clear()


def player_names(model_id: str | None = None) -> dict[int, str]:
    """account id -> pro name for the players the (active) model knows; empty if unavailable."""
    try:
        return known_players(model_id, limit=10_000)[1]
    except ApiError:
        return {}


def player_label(account_id: int | str, names: dict[int, str]) -> str:
    """'Name (account_id)' for a named pro, else the id: the one way pickers show a player."""
    try:
        name = names.get(int(account_id))
    except (TypeError, ValueError):
        return str(account_id)  # a value typed into a picker, not (yet) an id
    return f"{name} ({account_id})" if name else str(account_id)
