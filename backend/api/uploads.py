"""Reading uploaded files, and turning CSV problems into 400s; shared by every upload route."""

from __future__ import annotations

from litestar.datastructures import UploadFile

from backend.context import AppContext
from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError


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
    """A MatchDataError as a 400 that names the column and row."""
    return ApiError(
        400,
        ErrorCode.invalid_csv,
        f"{field}: {exc.message}",
        field=field,
        column=exc.column,
        row=exc.row,
    )
