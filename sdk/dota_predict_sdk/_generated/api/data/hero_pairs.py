from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.hero_pairs import HeroPairs
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    dataset_id: str,
    top: int | Unset = 20,
    min_games: int | Unset = 5,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["dataset_id"] = dataset_id

    params["top"] = top

    params["min_games"] = min_games

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/data/datasets/pairs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | HeroPairs | None:
    if response.status_code == 200:
        response_200 = HeroPairs.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | HeroPairs]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    dataset_id: str,
    top: int | Unset = 20,
    min_games: int | Unset = 5,
) -> Response[ErrorBody | HeroPairs]:
    """Hero pair and counter win rates in a dataset

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.
        top (int | Unset):  Default: 20.
        min_games (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | HeroPairs]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        top=top,
        min_games=min_games,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    dataset_id: str,
    top: int | Unset = 20,
    min_games: int | Unset = 5,
) -> ErrorBody | HeroPairs | None:
    """Hero pair and counter win rates in a dataset

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.
        top (int | Unset):  Default: 20.
        min_games (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | HeroPairs
    """

    return sync_detailed(
        client=client,
        dataset_id=dataset_id,
        top=top,
        min_games=min_games,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    dataset_id: str,
    top: int | Unset = 20,
    min_games: int | Unset = 5,
) -> Response[ErrorBody | HeroPairs]:
    """Hero pair and counter win rates in a dataset

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.
        top (int | Unset):  Default: 20.
        min_games (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | HeroPairs]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        top=top,
        min_games=min_games,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    dataset_id: str,
    top: int | Unset = 20,
    min_games: int | Unset = 5,
) -> ErrorBody | HeroPairs | None:
    """Hero pair and counter win rates in a dataset

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.
        top (int | Unset):  Default: 20.
        min_games (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | HeroPairs
    """

    return (
        await asyncio_detailed(
            client=client,
            dataset_id=dataset_id,
            top=top,
            min_games=min_games,
        )
    ).parsed
