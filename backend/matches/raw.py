"""Bytes to an all-string polars frame, with clear errors for files that are not CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

import polars as pl

from backend.matches.errors import MatchDataError
from backend.matches.schema import ROW
from backend.text import clip

_BOM = b"\xef\xbb\xbf"
# Most columns a match file may have: the canonical format has 33, the common per-player dumps
# (OpenDota/Kaggle) a few dozen; a header of 10^6 columns took minutes to parse.
MAX_COLUMNS = 1000


def _decode_error(data: bytes, exc: UnicodeDecodeError) -> MatchDataError:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return MatchDataError("the file is UTF-16 text; save it as CSV in UTF-8 encoding")
    if data.startswith(b"PK\x03\x04"):
        return MatchDataError("the file looks like a spreadsheet or zip archive; export it as CSV")
    if data.startswith(b"\x1f\x8b"):
        return MatchDataError("the file is gzip-compressed; upload the uncompressed CSV")
    line = data.count(b"\n", 0, exc.start) + 1
    where = "the header" if line == 1 else f"row {line - 1}"
    return MatchDataError(
        f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} in {where}); "
        "save it as CSV in UTF-8 encoding",
        row=line - 1 if line > 1 else None,
    )


def _separator(header_line: str) -> str:
    # Spreadsheets in many locales export with ';' (or tabs); the header tells us which.
    if "," not in header_line:
        for candidate in (";", "\t"):
            if candidate in header_line:
                return candidate
    return ","


def _parse_error(text: str, separator: str, exc: Exception) -> MatchDataError:
    # Only on failure: find the first over-long row with the stdlib reader so we can name it.
    try:
        rows = csv.reader(io.StringIO(text), delimiter=separator)
        width = len(next(rows))
        for number, fields in enumerate(rows, start=1):
            if len(fields) > width:
                return MatchDataError(
                    f"row {number} has {len(fields)} fields but the header has {width}; "
                    "quote values that contain the separator",
                    row=number,
                )
    except csv.Error:
        pass
    detail = " ".join(str(exc).split())[:120] or type(exc).__name__
    return MatchDataError(
        "the file could not be parsed as CSV; check for a double quote that is never closed "
        f"(parser said: {detail})"
    )


def _check_width(header_line: str, separator: str) -> None:
    """Refuse a header of more than MAX_COLUMNS fields before any parser sees the file."""
    # Separators inside quoted names count too: an upper bound that is exact for plain headers.
    if header_line.count(separator) >= MAX_COLUMNS:
        fields = len(next(csv.reader([header_line], delimiter=separator), []))
        if fields > MAX_COLUMNS:
            raise MatchDataError(
                f"the header has {fields} columns; a match file has at most {MAX_COLUMNS}"
            )


def _header(names: tuple[str | None, ...]) -> list[str]:
    header: list[str] = []
    seen: set[str] = set()
    for index, name in enumerate(names):
        clean = (name or "").strip().lower()
        if clean and clean in seen:
            shown = clip(clean)
            raise MatchDataError(f"column {shown} appears twice in the header", column=shown)
        seen.add(clean)
        header.append(clean or f"__unnamed_{index}")
    return header


def _without_bom(data: bytes) -> bytes:
    return data[len(_BOM) :] if data.startswith(_BOM) else data


def read_raw(data: bytes) -> pl.DataFrame:
    """All fields as strings, lower-cased header, blank lines dropped, ROW = data row number."""
    data = _without_bom(data)
    if data.startswith((b"PK\x03\x04", b"\x1f\x8b")):
        # Spreadsheets (xlsx is a zip) and gzip files: say so even if the bytes decode.
        raise _decode_error(data, UnicodeDecodeError("utf-8", data, 0, 1, "binary file"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc) from None
    if not text.strip():
        raise MatchDataError(
            "the file is empty; upload a CSV with a header row and one row per match"
        )
    if "\r" in text and "\n" not in text:
        raise MatchDataError(
            "the file's lines end with a carriage return only (old Mac line endings), so it "
            "reads as one long line; save it with Windows (CRLF) or Unix (LF) line endings"
        )
    header_line = text.split("\n", 1)[0]
    separator = _separator(header_line)
    _check_width(header_line, separator)
    try:
        frame = pl.read_csv(data, has_header=False, infer_schema=False, separator=separator)
    except (pl.exceptions.PolarsError, ValueError) as exc:
        raise _parse_error(text, separator, exc) from None
    header = _header(frame.row(0))
    body = frame.slice(1).rename(dict(zip(frame.columns, header, strict=True)))
    body = body.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
    # Blank lines come back as all-null rows; they are not matches.
    return body.filter(~pl.all_horizontal(pl.exclude(ROW).is_null()))


def read_typed(data: bytes, integers: Mapping[str, type[pl.DataType]]) -> pl.DataFrame | None:
    """read_raw's frame with the `integers` columns already parsed (as the given dtypes), or None.

    The common upload (ASCII, plain whole numbers) parsed by the CSV reader straight into
    integers: several times faster than strings cleaned and cast column by column, and a
    fraction of the memory. None means "use read_raw": the file is not plain ASCII, a value in
    an integer column is not a plain whole number (names, "12.0", ISO times, text, out of the
    dtype's range), a row has more fields than the header, a line is blank or only whitespace,
    or the header itself is refused. Every value it accepts is one read_raw + values.parse_int
    reads the same way (tests/matches/test_matches_typed_reader.py compares them); the header,
    ROW numbers and the remaining string columns are read_raw's.
    """
    data = _without_bom(data)
    end = data.find(b"\n")
    # Not plain ASCII (or binary, or one line, or CR-only): read_raw words every such case.
    if end < 0 or not data.isascii():
        return None
    separator = _separator(data[:end].decode())
    if data.count(separator.encode(), 0, end) >= MAX_COLUMNS:
        return None  # read_raw refuses it with the message
    try:
        names = pl.read_csv(
            data, has_header=False, infer_schema=False, separator=separator, n_rows=1
        ).row(0)
        header = _header(names)
        frame = pl.read_csv(
            data,
            has_header=True,
            infer_schema=False,
            separator=separator,
            new_columns=[f"c{i}" for i in range(len(header))],
            schema_overrides=[integers.get(c, pl.String) for c in header],
        )
    except (pl.exceptions.PolarsError, ValueError, MatchDataError):
        return None
    # A whitespace-only line reads as all nulls here but is a row of blanks in read_raw.
    if frame.select(pl.all_horizontal(pl.all().is_null()).any()).item():
        return None
    frame = frame.rename(dict(zip(frame.columns, header, strict=True)))
    return frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
