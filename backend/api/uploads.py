"""Reading uploaded files, and turning CSV problems into 400s; shared by every upload route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.datastructures import UploadFile

from backend.context import AppContext
from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError, read_matches
from backend.matches.csv_reader import check_format
from backend.matches.mapping import Mapping, parse_mapping
from backend.matches.writer import canonical_csv


async def read_upload(ctx: AppContext, upload: UploadFile, field: str = "file") -> bytes:
    """The uploaded bytes, refusing empty files and files over the limit."""
    limit = ctx.settings.max_upload_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise ApiError(
            413,
            ErrorCode.too_large,
            f"{field} is larger than the upload limit of {ctx.settings.max_upload_mb:g} MB "
            "(APP_MAX_UPLOAD_MB)",
            field=field,
        )
    if not data or data.isspace():  # = not data.strip(), without copying a 50 MB upload
        raise ApiError(
            400, ErrorCode.empty_file, f"{field} is empty; upload a CSV file", field=field
        )
    return data


def data_error(exc: MatchDataError, field: str = "file") -> ApiError:
    """A MatchDataError as a 400 that names the column and row (and the form field at fault)."""
    field = getattr(exc, "field", None) or field
    return ApiError(
        400,
        ErrorCode.invalid_csv,
        # Readers that name the field in their own message (mapping: ...) are not prefixed twice.
        exc.message if exc.message.startswith(f"{field}:") else f"{field}: {exc.message}",
        field=field,
        column=exc.column,
        row=exc.row,
    )


@dataclass(frozen=True)
class ImportOptions:
    """The format and mapping a client named for an upload (None = detect / guess)."""

    format: str | None = None
    mapping: Mapping | None = None

    @property
    def explicit(self) -> bool:
        """True when the client overrode detection (then the canonical CSV is what is kept)."""
        return self.format is not None or self.mapping is not None

    def reader_kwargs(self) -> dict[str, Any]:
        """The options as read_matches keyword arguments."""
        return {"format": self.format, "mapping": self.mapping}


def import_options(format: str | None, mapping: str | None) -> ImportOptions:
    """Parse the form fields; a bad value is a 400 naming the field."""
    try:
        fmt = check_format(format)
        parsed = parse_mapping(mapping) if mapping not in (None, "") else None
    except MatchDataError as exc:
        raise data_error(exc) from exc
    return ImportOptions(fmt, parsed)


def as_canonical_csv(
    content: bytes, options: ImportOptions, *, require_label: bool, max_rows: int
) -> bytes:
    """The upload re-written as canonical CSV when the client named a format or mapping.

    Routes whose services read the bytes themselves (predict_csv, results) get bytes every
    reader detects as canonical; without options the upload is passed on unchanged.
    """
    if not options.explicit:
        return content
    try:
        frame = read_matches(
            content,
            require_label=require_label,
            max_rows=max_rows,
            format=options.format,
            mapping=options.mapping,
        )
    except MatchDataError as exc:
        raise data_error(exc) from exc
    return canonical_csv(frame)
