"""Typed exceptions: every non-2xx answer becomes an ApiError built from the server's ErrorBody."""

from __future__ import annotations

import json
from typing import Any

import httpx

from dota_predict_sdk._generated.models import JobStatusRead
from dota_predict_sdk._generated.models.error_code import ERROR_CODE_VALUES, ErrorCode


class ApiError(Exception):
    """The service refused or failed a request; fields mirror the server's ErrorBody.

    ``error`` is the raw code text; ``code`` is the same as the spec's ``ErrorCode`` enum, or
    None for codes this SDK version does not know (and for "unreachable"/"http_error" bodies
    that did not come from the service).
    """

    def __init__(
        self,
        status_code: int,
        error: str,
        message: str,
        *,
        field: str | None = None,
        column: str | None = None,
        row: int | None = None,
        allowed: list[str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.error = error
        self.code: ErrorCode | None = error if error in ERROR_CODE_VALUES else None
        self.message = message
        self.field = field
        self.column = column
        self.row = row
        self.allowed = allowed
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ", ".join(
            f"{name}={value}"
            for name, value in (("field", self.field), ("column", self.column), ("row", self.row))
            if value is not None
        )
        prefix = f"{self.status_code} {self.error}" if self.status_code else self.error
        return f"{prefix}: {self.message}" + (f" ({where})" if where else "")


class InvalidInput(ApiError):
    """400, 413, 415 or 422: the request (a field, a CSV file, a draft) is not acceptable."""


class Unauthorized(ApiError):
    """401 or 403: missing or wrong API key (pass api_key= or set DOTA_PREDICT_API_KEY)."""


class NotFound(ApiError):
    """404: no such model or job."""


class Conflict(ApiError):
    """409: the model id is taken, the model is not ready, or the job already finished."""


class ServiceUnavailable(ApiError):
    """503 (e.g. the job queue is down), or the service cannot be reached at all (status 0)."""


class JobFailed(Exception):
    """A training job ended failed or cancelled; `job` is its final status."""

    def __init__(self, job: JobStatusRead) -> None:
        self.job = job
        reason = job.error or job.message or "no details"
        super().__init__(f"job {job.job_id} (model {job.model_id}) {job.status}: {reason}")


class JobTimeout(TimeoutError):
    """wait_for_job/train gave up waiting; the job itself goes on (cancel it or wait again)."""

    def __init__(self, job: JobStatusRead, timeout: float) -> None:
        self.job = job
        self.job_id = job.job_id
        self.timeout = timeout
        super().__init__(
            f"job {job.job_id} is still {job.status} after {timeout:g} s "
            f"(progress {job.progress:.0%}: {job.message})"
        )


_BY_STATUS: dict[int, type[ApiError]] = {
    400: InvalidInput,
    401: Unauthorized,
    403: Unauthorized,
    404: NotFound,
    409: Conflict,
    413: InvalidInput,
    415: InvalidInput,
    422: InvalidInput,
    502: ServiceUnavailable,
    503: ServiceUnavailable,
    504: ServiceUnavailable,
}


def error_from_response(status_code: int, content: bytes) -> ApiError:
    """The typed exception for a non-2xx response; the raw text when the body is not ErrorBody."""
    cls = _BY_STATUS.get(status_code, ApiError)
    try:
        body: Any = json.loads(content)
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("message"), str):
        text = content.decode(errors="replace").strip()[:500] or "(empty response body)"
        return cls(status_code, "http_error", text)
    return cls(
        status_code,
        str(body.get("error") or "http_error"),
        body["message"],
        field=body.get("field"),
        column=body.get("column"),
        row=body.get("row"),
        allowed=body.get("allowed"),
    )


def unreachable(base_url: str, exc: Exception) -> ServiceUnavailable:
    """A connection-level failure (refused, DNS, timeout) as a ServiceUnavailable with status 0."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        detail = f"{type(exc).__name__}: no answer within the client's timeout (pass timeout=)"
    return ServiceUnavailable(0, "unreachable", f"cannot reach the service at {base_url}: {detail}")
