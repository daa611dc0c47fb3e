from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.backtest_form import BacktestForm
from ...models.backtest_read import BacktestRead
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: BacktestForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/backtest",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BacktestRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = BacktestRead.from_dict(response.json())

        return response_200

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BacktestRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BacktestForm,
) -> Response[BacktestRead | ErrorBody]:
    """Walk-forward backtest: replay a labelled file as live use would have seen it

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model;
    the active model is always included), apply_every (match, day — UTC day of start_time, or blocks of
    2 million match ids when a match has none — or a number N of matches), include_training_matches.
    Each match is predicted from the model's artifact advanced by the stored results and the file's
    earlier matches, never its own or a later result; nothing is stored but the report. Metrics with 95
    % bootstrap intervals, the frozen model, baselines (coin flip, training base rate, the file's
    radiant_win_probability_market) and the paired comparison with the active model. Promote accepts its
    backtest_id as evaluation_id.

    Args:
        body (BacktestForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestRead | ErrorBody]
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
    body: BacktestForm,
) -> BacktestRead | ErrorBody | None:
    """Walk-forward backtest: replay a labelled file as live use would have seen it

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model;
    the active model is always included), apply_every (match, day — UTC day of start_time, or blocks of
    2 million match ids when a match has none — or a number N of matches), include_training_matches.
    Each match is predicted from the model's artifact advanced by the stored results and the file's
    earlier matches, never its own or a later result; nothing is stored but the report. Metrics with 95
    % bootstrap intervals, the frozen model, baselines (coin flip, training base rate, the file's
    radiant_win_probability_market) and the paired comparison with the active model. Promote accepts its
    backtest_id as evaluation_id.

    Args:
        body (BacktestForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BacktestForm,
) -> Response[BacktestRead | ErrorBody]:
    """Walk-forward backtest: replay a labelled file as live use would have seen it

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model;
    the active model is always included), apply_every (match, day — UTC day of start_time, or blocks of
    2 million match ids when a match has none — or a number N of matches), include_training_matches.
    Each match is predicted from the model's artifact advanced by the stored results and the file's
    earlier matches, never its own or a later result; nothing is stored but the report. Metrics with 95
    % bootstrap intervals, the frozen model, baselines (coin flip, training base rate, the file's
    radiant_win_probability_market) and the paired comparison with the active model. Promote accepts its
    backtest_id as evaluation_id.

    Args:
        body (BacktestForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BacktestForm,
) -> BacktestRead | ErrorBody | None:
    """Walk-forward backtest: replay a labelled file as live use would have seen it

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model;
    the active model is always included), apply_every (match, day — UTC day of start_time, or blocks of
    2 million match ids when a match has none — or a number N of matches), include_training_matches.
    Each match is predicted from the model's artifact advanced by the stored results and the file's
    earlier matches, never its own or a later result; nothing is stored but the report. Metrics with 95
    % bootstrap intervals, the frozen model, baselines (coin flip, training base rate, the file's
    radiant_win_probability_market) and the paired comparison with the active model. Promote accepts its
    backtest_id as evaluation_id.

    Args:
        body (BacktestForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
