from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.backtest_job_form import BacktestJobForm
from ...models.backtest_job_read import BacktestJobRead
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: BacktestJobForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/backtest/jobs",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BacktestJobRead | ErrorBody | None:
    if response.status_code == 202:
        response_202 = BacktestJobRead.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BacktestJobRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BacktestJobForm,
) -> Response[BacktestJobRead | ErrorBody]:
    """Queue a walk-forward backtest of a large file as a worker job

     The form of POST /api/v1/models/backtest (per-match predictions aside). The file and model ids are
    checked now (400/404/409 as there); a worker replays it, with progress and cancel, and stores the
    same report: GET /api/v1/models/evaluation?evaluation_id=<backtest_id> reads it and promote accepts
    it. Watch it with GET /api/v1/models/backtest/status.

    Args:
        body (BacktestJobForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestJobRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: BacktestJobForm,
) -> BacktestJobRead | ErrorBody | None:
    """Queue a walk-forward backtest of a large file as a worker job

     The form of POST /api/v1/models/backtest (per-match predictions aside). The file and model ids are
    checked now (400/404/409 as there); a worker replays it, with progress and cancel, and stores the
    same report: GET /api/v1/models/evaluation?evaluation_id=<backtest_id> reads it and promote accepts
    it. Watch it with GET /api/v1/models/backtest/status.

    Args:
        body (BacktestJobForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestJobRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BacktestJobForm,
) -> Response[BacktestJobRead | ErrorBody]:
    """Queue a walk-forward backtest of a large file as a worker job

     The form of POST /api/v1/models/backtest (per-match predictions aside). The file and model ids are
    checked now (400/404/409 as there); a worker replays it, with progress and cancel, and stores the
    same report: GET /api/v1/models/evaluation?evaluation_id=<backtest_id> reads it and promote accepts
    it. Watch it with GET /api/v1/models/backtest/status.

    Args:
        body (BacktestJobForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestJobRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BacktestJobForm,
) -> BacktestJobRead | ErrorBody | None:
    """Queue a walk-forward backtest of a large file as a worker job

     The form of POST /api/v1/models/backtest (per-match predictions aside). The file and model ids are
    checked now (400/404/409 as there); a worker replays it, with progress and cancel, and stores the
    same report: GET /api/v1/models/evaluation?evaluation_id=<backtest_id> reads it and promote accepts
    it. Watch it with GET /api/v1/models/backtest/status.

    Args:
        body (BacktestJobForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestJobRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
