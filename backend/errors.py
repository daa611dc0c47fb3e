"""One JSON error shape for every 4xx/5xx, and the handlers that produce it.

Size: the ErrorCode list (every code the API returns, which the spec and SDK share) and one
handler per family of exceptions, all producing that one shape.
"""

from __future__ import annotations

import errno
import logging
import re
from enum import StrEnum
from types import TracebackType
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.types import ExceptionHandlersMap
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from backend.text import clip

log = logging.getLogger(__name__)

# A last guard for messages built elsewhere (e.g. by a library) that might echo more.
MESSAGE_LIMIT = 1000


class ErrorCode(StrEnum):
    """Every machine-readable error code the API returns (one list, shared by the spec and SDK)."""

    # Generic HTTP-level errors
    invalid_request = "invalid_request"
    unauthorized = "unauthorized"
    forbidden = "forbidden"
    not_found = "not_found"
    method_not_allowed = "method_not_allowed"
    too_large = "too_large"
    unsupported_media_type = "unsupported_media_type"
    http_error = "http_error"
    internal_error = "internal_error"
    # Input
    empty_file = "empty_file"
    invalid_csv = "invalid_csv"
    invalid_draft = "invalid_draft"
    invalid_hyperparameters = "invalid_hyperparameters"
    invalid_model_id = "invalid_model_id"
    invalid_model_file = "invalid_model_file"
    unknown_model_type = "unknown_model_type"
    too_little_data = "too_little_data"
    # State
    job_not_found = "job_not_found"
    job_finished = "job_finished"
    model_not_found = "model_not_found"
    dataset_not_found = "dataset_not_found"
    dataset_in_use = "dataset_in_use"
    dataset_builtin = "dataset_builtin"
    model_not_ready = "model_not_ready"
    model_id_taken = "model_id_taken"
    model_artifact_invalid = "model_artifact_invalid"
    model_outdated = "model_outdated"
    no_active_model = "no_active_model"
    model_active = "model_active"
    model_training = "model_training"
    evaluation_not_found = "evaluation_not_found"
    result_conflict = "result_conflict"
    sync_running = "sync_running"
    sync_job_not_found = "sync_job_not_found"
    backtest_job_not_found = "backtest_job_not_found"
    holdout_not_stored = "holdout_not_stored"
    # Dependencies and load
    queue_unavailable = "queue_unavailable"
    database_busy = "database_busy"
    storage_full = "storage_full"
    overloaded = "overloaded"


class ErrorBody(BaseModel):
    """What every failed request returns."""

    status_code: int = Field(description="The HTTP status code, repeated for convenience.")
    error: ErrorCode = Field(description="A short machine-readable code, e.g. invalid_csv.")
    message: str = Field(description="What went wrong and how to fix it, for a person.")
    field: str | None = Field(default=None, description="The request field at fault.")
    column: str | None = Field(default=None, description="The CSV column at fault.")
    row: int | None = Field(default=None, description="The 1-based CSV data row at fault.")
    allowed: list[str] | None = Field(default=None, description="Allowed values, if a list.")


class ApiError(Exception):
    """An error we raise on purpose; becomes an ErrorBody."""

    def __init__(
        self,
        status_code: int,
        error: ErrorCode,
        message: str,
        *,
        field: str | None = None,
        column: str | None = None,
        row: int | None = None,
        allowed: list[str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds, sent as the Retry-After header
        self.body = ErrorBody(
            status_code=status_code,
            error=error,
            message=clip(message, MESSAGE_LIMIT),
            field=None if field is None else clip(field),
            column=None if column is None else clip(column),
            row=row,
            allowed=allowed,
        )


def error_responses(*codes: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries so the spec (and the generated SDK) knows the error schema."""
    descriptions = {
        400: "Invalid input",
        401: "Missing or wrong API key",
        404: "Not found",
        409: "Conflict",
        413: "Upload too large",
        415: "Unsupported media type",
        429: "Too many requests of this kind at once (Retry-After says when to try again)",
        503: "A dependency (the job queue, the database) is unavailable or busy",
        507: "The service's storage is full",
    }
    return {
        code: ResponseSpec(
            data_container=ErrorBody,
            description=descriptions.get(code, "Error"),
            generate_examples=False,  # random examples would make the spec unstable
        )
        for code in codes
    }


def _response(body: ErrorBody, headers: dict[str, str] | None = None) -> Response[dict[str, Any]]:
    return Response(
        content=body.model_dump(exclude_none=True),
        status_code=body.status_code,
        media_type=MediaType.JSON,
        headers=headers,
    )


def _api_error_handler(_: Request[Any, Any, Any], exc: ApiError) -> Response[dict[str, Any]]:
    headers = None if exc.retry_after is None else {"Retry-After": str(exc.retry_after)}
    return _response(exc.body, headers)


def _validation_handler(
    _: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    # Litestar's extra is a list of {"key", "message", "source"}; name the first field at fault.
    problems = exc.extra if isinstance(exc.extra, list) else []
    parts = []
    field = None
    for problem in problems:
        if isinstance(problem, dict):
            key = problem.get("key")
            field = field or key
            parts.append(f"{key}: {problem.get('message')}" if key else str(problem.get("message")))
    message = "; ".join(parts) or exc.detail
    if field is None and (named := re.search(r"parameter '([^']+)'", message)):
        field = named.group(1)
    body = ErrorBody(
        status_code=400,
        error=ErrorCode.invalid_request,
        message=clip(message, MESSAGE_LIMIT),
        field=None if field is None else clip(str(field)),
    )
    return _response(body)


def _http_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    code = exc.status_code
    message = exc.detail
    if code == 413:
        ctx = getattr(request.app.state, "ctx", None)
        limit = f" of {ctx.settings.max_upload_mb:g} MB" if ctx is not None else ""
        message = f"The request body is larger than the upload limit{limit} (APP_MAX_UPLOAD_MB)."
    content_type = request.headers.get("content-type", "")
    if "multipart" in message.lower() and not content_type.startswith("multipart/form-data"):
        code = 415
        message = (
            "this route takes multipart/form-data (e.g. curl -F model_type=catboost "
            f"-F file=@matches.csv); got {content_type or 'no content type'}"
        )
    error = {
        400: ErrorCode.invalid_request,
        401: ErrorCode.unauthorized,
        403: ErrorCode.forbidden,
        404: ErrorCode.not_found,
        405: ErrorCode.method_not_allowed,
        413: ErrorCode.too_large,
        415: ErrorCode.unsupported_media_type,
    }.get(code, ErrorCode.http_error)
    # Keep what the exception asks for, e.g. the Allow header of a 405.
    headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() == "allow"}
    if code == 405 and "allow" not in {k.lower() for k in headers}:
        headers["Allow"] = ""
    body = ErrorBody(status_code=code, error=error, message=clip(message, MESSAGE_LIMIT))
    return _response(body, headers or None)


def _frame_locals(tb: TracebackType | None, function: str) -> dict[str, Any] | None:
    """Local variables of the innermost traceback frame running ``function``."""
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_name == function:
            found = tb.tb_frame.f_locals
        tb = tb.tb_next
    return found


def _undecodable_form_handler(
    request: Request[Any, Any, Any], exc: UnicodeDecodeError
) -> Response[dict[str, Any]]:
    """A text part of a multipart form that is not UTF-8 (e.g. curl -F 'x=<binary')."""
    parsing = _frame_locals(exc.__traceback__, "parse_multipart_form")
    if parsing is None:
        return _unexpected_handler(request, exc)
    segment = parsing.get("segment")
    name = getattr(segment, "name", None)
    field = clip(str(name)) if name else None
    message = (
        f"form field {field or '(unnamed)'} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
        f"at position {exc.start}); send files with a filename (curl -F 'file=@matches.csv')"
    )
    body = ErrorBody(status_code=400, error=ErrorCode.invalid_request, message=message, field=field)
    return _response(body)


def _too_deep_handler(
    request: Request[Any, Any, Any], exc: RecursionError
) -> Response[dict[str, Any]]:
    """A JSON body nested so deeply that the decoder gives up."""
    if _frame_locals(exc.__traceback__, "decode_json") is None:
        return _unexpected_handler(request, exc)
    body = ErrorBody(
        status_code=400,
        error=ErrorCode.invalid_request,
        message="the JSON body is nested too deeply to be a valid request",
        field="body",
    )
    return _response(body)


def _unexpected_handler(
    request: Request[Any, Any, Any], exc: Exception
) -> Response[dict[str, Any]]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    body = ErrorBody(
        status_code=500,
        error=ErrorCode.internal_error,
        message="An unexpected error occurred; it has been logged. Please report it.",
    )
    return _response(body)


# PostgreSQL refuses text with a NUL character (22021) or one its encoding lacks (22P05).
_UNSTORABLE_TEXT = {"22021", "22P05"}
# PostgreSQL's disk full (53100) and out of memory/connections (53200, 53300).
_PG_DISK_FULL = {"53100"}
_PG_BUSY = {"53200", "53300", "57P03"}
RETRY_AFTER_SECONDS = 1


def storage_full() -> ApiError:
    """The one error of a write that found no space left (507, nothing was stored)."""
    return ApiError(
        507,
        ErrorCode.storage_full,
        "the service's storage is full, so nothing was stored; free disk space and try again",
        retry_after=30,
    )


def database_busy(detail: str) -> ApiError:
    """The one error of a request that could not get the database in time (503)."""
    return ApiError(
        503,
        ErrorCode.database_busy,
        f"the database is busy ({detail}); try again shortly",
        retry_after=RETRY_AFTER_SECONDS,
    )


def _pool_timeout_handler(
    request: Request[Any, Any, Any], exc: SQLAlchemyTimeoutError
) -> Response[dict[str, Any]]:
    """Every pooled connection stayed in use past APP_DB_POOL_TIMEOUT_SECONDS."""
    log.warning("database pool exhausted on %s %s", request.method, request.url.path)
    return _api_error_handler(request, database_busy("no free connection"))


def _os_error_handler(request: Request[Any, Any, Any], exc: OSError) -> Response[dict[str, Any]]:
    if exc.errno == errno.ENOSPC:
        return _api_error_handler(request, storage_full())
    return _unexpected_handler(request, exc)


def _database_handler(request: Request[Any, Any, Any], exc: DBAPIError) -> Response[dict[str, Any]]:
    """Input text the database cannot even compare (e.g. NUL in a model id) is the client's;
    a full disk is a 507, a locked or overloaded database a 503 with Retry-After."""
    orig = exc.orig
    code = getattr(orig, "pgcode", None) or getattr(orig, "sqlstate", None)
    code = code or getattr(getattr(orig, "__cause__", None), "sqlstate", None)
    text = str(orig).lower()
    if code in _PG_DISK_FULL or "database or disk is full" in text or "no space left" in text:
        return _api_error_handler(request, storage_full())
    if code in _PG_BUSY or "database is locked" in text:
        return _api_error_handler(request, database_busy(clip(text, 60)))
    if code not in _UNSTORABLE_TEXT:
        return _unexpected_handler(request, exc)
    body = ErrorBody(
        status_code=400,
        error=ErrorCode.invalid_request,
        message="the request contains a character that cannot be stored (e.g. a NUL, \\x00); "
        "remove it",
    )
    return _response(body)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    ApiError: _api_error_handler,
    ValidationException: _validation_handler,
    HTTPException: _http_handler,
    UnicodeDecodeError: _undecodable_form_handler,
    RecursionError: _too_deep_handler,
    DBAPIError: _database_handler,
    SQLAlchemyTimeoutError: _pool_timeout_handler,
    OSError: _os_error_handler,
    Exception: _unexpected_handler,
}
