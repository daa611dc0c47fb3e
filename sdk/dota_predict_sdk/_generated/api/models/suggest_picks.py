from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.pick_suggestions import PickSuggestions
from ...models.suggest_picks_request import SuggestPicksRequest
from ...types import Response


def _get_kwargs(
    *,
    body: SuggestPicksRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/suggest_picks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PickSuggestions | None:
    if response.status_code == 200:
        response_200 = PickSuggestions.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | PickSuggestions]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SuggestPicksRequest,
) -> Response[ErrorBody | PickSuggestions]:
    """Draft helper: the best next picks for one side

     A partial draft (0-4 picks for side, 0-5 for the other, optional bans) → heroes ranked by the side's
    win probability. Exact (= /predict) when the draft is complete after the pick; otherwise the mean
    over sampled completions of the open slots (see PickSuggestions).

    Args:
        body (SuggestPicksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PickSuggestions]
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
    body: SuggestPicksRequest,
) -> ErrorBody | PickSuggestions | None:
    """Draft helper: the best next picks for one side

     A partial draft (0-4 picks for side, 0-5 for the other, optional bans) → heroes ranked by the side's
    win probability. Exact (= /predict) when the draft is complete after the pick; otherwise the mean
    over sampled completions of the open slots (see PickSuggestions).

    Args:
        body (SuggestPicksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PickSuggestions
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SuggestPicksRequest,
) -> Response[ErrorBody | PickSuggestions]:
    """Draft helper: the best next picks for one side

     A partial draft (0-4 picks for side, 0-5 for the other, optional bans) → heroes ranked by the side's
    win probability. Exact (= /predict) when the draft is complete after the pick; otherwise the mean
    over sampled completions of the open slots (see PickSuggestions).

    Args:
        body (SuggestPicksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PickSuggestions]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SuggestPicksRequest,
) -> ErrorBody | PickSuggestions | None:
    """Draft helper: the best next picks for one side

     A partial draft (0-4 picks for side, 0-5 for the other, optional bans) → heroes ranked by the side's
    win probability. Exact (= /predict) when the draft is complete after the pick; otherwise the mean
    over sampled completions of the open slots (see PickSuggestions).

    Args:
        body (SuggestPicksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PickSuggestions
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
