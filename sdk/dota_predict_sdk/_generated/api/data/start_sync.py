from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.sync_job_read import SyncJobRead
from ...models.sync_request import SyncRequest
from ...types import Response


def _get_kwargs(
    *,
    body: SyncRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/data/sync",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | SyncJobRead | None:
    if response.status_code == 202:
        response_202 = SyncJobRead.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | SyncJobRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SyncRequest,
) -> Response[ErrorBody | SyncJobRead]:
    """Start an OpenDota sync job

     JSON options (all optional): max_matches, since/until (UTC days), league_ids, players (cache pro
    names), as_dataset (store the run's matches as a dataset), reset (start from the newest page). A
    worker pages /proMatches from the stored cursor, fetches each new match and stores every page whole
    with the cursor, so results roll the models forward as POST /api/v1/data/results does. One sync at a
    time (409 sync_running); watch it with GET /api/v1/data/sync/status.

    Args:
        body (SyncRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SyncJobRead]
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
    body: SyncRequest,
) -> ErrorBody | SyncJobRead | None:
    """Start an OpenDota sync job

     JSON options (all optional): max_matches, since/until (UTC days), league_ids, players (cache pro
    names), as_dataset (store the run's matches as a dataset), reset (start from the newest page). A
    worker pages /proMatches from the stored cursor, fetches each new match and stores every page whole
    with the cursor, so results roll the models forward as POST /api/v1/data/results does. One sync at a
    time (409 sync_running); watch it with GET /api/v1/data/sync/status.

    Args:
        body (SyncRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SyncJobRead
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SyncRequest,
) -> Response[ErrorBody | SyncJobRead]:
    """Start an OpenDota sync job

     JSON options (all optional): max_matches, since/until (UTC days), league_ids, players (cache pro
    names), as_dataset (store the run's matches as a dataset), reset (start from the newest page). A
    worker pages /proMatches from the stored cursor, fetches each new match and stores every page whole
    with the cursor, so results roll the models forward as POST /api/v1/data/results does. One sync at a
    time (409 sync_running); watch it with GET /api/v1/data/sync/status.

    Args:
        body (SyncRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SyncJobRead]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SyncRequest,
) -> ErrorBody | SyncJobRead | None:
    """Start an OpenDota sync job

     JSON options (all optional): max_matches, since/until (UTC days), league_ids, players (cache pro
    names), as_dataset (store the run's matches as a dataset), reset (start from the newest page). A
    worker pages /proMatches from the stored cursor, fetches each new match and stores every page whole
    with the cursor, so results roll the models forward as POST /api/v1/data/results does. One sync at a
    time (409 sync_running); watch it with GET /api/v1/data/sync/status.

    Args:
        body (SyncRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SyncJobRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
