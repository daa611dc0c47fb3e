"""The match file being explored (shared by pages) and cached parsing/statistics of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from streamlit_app import eda
from streamlit_app.matches import LoadedMatches, read_matches

SAMPLE_PATH = Path(__file__).resolve().parent / "data" / "sample_matches.csv.gz"
SAMPLE_NAME = "Bundled sample (latest 4,000 real pro matches)"
_KEY = "match_file"


@dataclass(frozen=True)
class MatchFile:
    """Raw bytes of a CSV plus a digest that keys every cached result."""

    name: str
    content: bytes
    digest: str

    @classmethod
    def of(cls, name: str, content: bytes) -> MatchFile:
        return cls(name, content, hashlib.blake2b(content, digest_size=16).hexdigest())


@st.cache_resource(show_spinner=False)
def sample() -> MatchFile:
    """The sample file shipped with the UI."""
    return MatchFile.of(SAMPLE_NAME, SAMPLE_PATH.read_bytes())


def current() -> MatchFile | None:
    """The file chosen on the Data page in this session, if any."""
    found = st.session_state.get(_KEY)
    return found if isinstance(found, MatchFile) else None


def set_current(file: MatchFile) -> None:
    st.session_state[_KEY] = file


def hero_lookup(heroes: pl.DataFrame | None) -> dict[str, int]:
    """Lower-case hero name and short name -> id, so files may name heroes."""
    if heroes is None:
        return {}
    lookup = dict(zip(heroes["short_name"].str.to_lowercase(), heroes["id"], strict=True))
    lookup.update(zip(heroes["name"].str.to_lowercase(), heroes["id"], strict=True))
    return lookup


# cache_resource, not cache_data: frames are immutable and big, so share them instead of
# pickling a copy per rerun. Arguments with a leading underscore are not hashed; the digest is.
@st.cache_resource(max_entries=4, show_spinner="Reading matches…")
def parsed(
    digest: str, lookup_size: int, _file: MatchFile, _lookup: dict[str, int]
) -> LoadedMatches:
    """The file as a canonical frame (MatchFileError if it cannot be read)."""
    return read_matches(_file.content, _lookup)


@st.cache_resource(max_entries=16, show_spinner="Computing statistics…")
def statistic(name: str, digest: str, _frame: pl.DataFrame) -> Any:
    """eda.<name>(frame), computed once per file."""
    return getattr(eda, name)(_frame)
