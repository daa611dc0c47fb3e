"""The typed fast path of read_matches gives exactly what the general (all-strings) reader gives.

read_typed parses plain whole-number columns while reading; anything it cannot take goes to
read_raw. These tests compare read_matches with the general reader alone, value by value and
error by error, on the bad-file corpus, the good-file corpus and odd spellings of whole numbers.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from matches_testdata import HEADER, canonical, heroes_for

from backend.matches import ACCOUNT_COLUMNS, HERO_COLUMNS, MatchDataError, read_matches
from backend.matches.canonical import read_canonical
from backend.matches.csv_reader import INTEGER_COLUMNS, is_per_player
from backend.matches.json_formats import looks_like_json
from backend.matches.per_player import read_per_player
from backend.matches.raw import read_raw, read_typed

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = sorted((CORPUS / "good").glob("*.csv")) + sorted((CORPUS / "bad").glob("*.csv"))
Outcome = pl.DataFrame | tuple[str, str | None, int | None]


def general(data: bytes, require_label: bool) -> pl.DataFrame:
    """read_matches without the typed fast path."""
    if looks_like_json(data):  # not CSV: the typed fast path never sees it
        return read_matches(data, require_label=require_label)
    raw = read_raw(data)
    if is_per_player(raw.columns):
        return read_per_player(raw, require_label=require_label, max_rows=None)
    return read_canonical(raw, require_label=require_label, max_rows=None)


def outcome(read: object, data: bytes, require_label: bool) -> Outcome:
    try:
        return read(data, require_label=require_label)  # type: ignore[operator]
    except MatchDataError as exc:
        return (exc.message, exc.column, exc.row)


def assert_same(data: bytes, require_label: bool = False) -> Outcome:
    fast = outcome(read_matches, data, require_label)
    slow = outcome(general, data, require_label)
    if isinstance(slow, pl.DataFrame):
        assert isinstance(fast, pl.DataFrame), fast
        assert fast.schema == slow.schema
        assert fast.equals(slow)
    else:
        assert fast == slow
    return slow


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
@pytest.mark.parametrize("require_label", [False, True])
def test_corpus_files_read_the_same(path: Path, require_label: bool) -> None:
    assert_same(path.read_bytes(), require_label)


def _with_value(column: str, value: str, match_id: int = 7) -> bytes:
    """Two matches; `column` of the second one is `value`."""
    header = [*HEADER, *ACCOUNT_COLUMNS]
    rows = []
    for i, mid in enumerate((5, match_id)):
        fields = dict(zip(HEADER, [str(mid), "", "true", *map(str, heroes_for(mid))], strict=True))
        fields |= {c: "" for c in ACCOUNT_COLUMNS}
        if i == 1:
            fields[column] = value
        rows.append(",".join(fields[c] for c in header))
    return ("\n".join([",".join(header), *rows]) + "\n").encode()


SPELLINGS = [
    "12", "+12", "-12", "0", "-0", "007", " 12", "12 ", "\t12", '"12"', '" 12 "', "12.0",
    "12.", "1e3", "1_000", "0x10", "1,000", "", " ", '""', "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "4294967295", "76561197960265770",
    "12\r", "١٢", "12abc", "++1", "- 1",
]  # fmt: skip


@pytest.mark.parametrize("value", SPELLINGS, ids=repr)
@pytest.mark.parametrize("column", ["match_id", "dire_hero_3", "radiant_account_id_2"])
def test_odd_whole_numbers_read_the_same(column: str, value: str) -> None:
    assert_same(_with_value(column, value))


def test_plain_files_take_the_typed_path() -> None:
    typed = read_typed(canonical(3), INTEGER_COLUMNS)
    assert typed is not None
    assert all(typed.schema[c] == INTEGER_COLUMNS[c] for c in ["match_id", *HERO_COLUMNS])
    assert read_matches(canonical(3), require_label=True).equals(
        general(canonical(3), require_label=True)
    )


@pytest.mark.parametrize(
    "data",
    [
        canonical(2) + b"   \n",  # a whitespace-only line is a row of blanks for read_raw
        canonical(2).replace(b"true", "trüe".encode(), 1),  # not ASCII
        canonical(2).replace(b"\n", b"\r"),  # CR-only line ends
        canonical(2).replace(b",1", b",1.0", 1),  # pandas-style float ids
        b"match_id",  # one line
    ],
    ids=["whitespace line", "non-ascii", "cr only", "float ids", "one line"],
)
def test_unusual_files_take_the_general_path_and_read_the_same(data: bytes) -> None:
    assert read_typed(data, INTEGER_COLUMNS) is None
    assert_same(data)
