from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.list_models_status import ListModelsStatus
from ...models.model_list import ModelList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tag: list[str] | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    status: ListModelsStatus | Unset = "any",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_tag: list[str] | None | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    elif isinstance(tag, list):
        json_tag = tag

    else:
        json_tag = tag
    params["tag"] = json_tag

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/models/list",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ModelList | None:
    if response.status_code == 200:
        response_200 = ModelList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | ModelList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    tag: list[str] | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    status: ListModelsStatus | Unset = "any",
) -> Response[ErrorBody | ModelList]:
    """All models (filter by tag, text and status)

    Args:
        tag (list[str] | None | Unset): Only models with this tag (repeat: with every one; any
            case).
        q (None | str | Unset): Only models whose id, type, description or tags contain this text
            (any case).
        status (ListModelsStatus | Unset): Only models in this state. Default: 'any'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ModelList]
    """

    kwargs = _get_kwargs(
        tag=tag,
        q=q,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    tag: list[str] | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    status: ListModelsStatus | Unset = "any",
) -> ErrorBody | ModelList | None:
    """All models (filter by tag, text and status)

    Args:
        tag (list[str] | None | Unset): Only models with this tag (repeat: with every one; any
            case).
        q (None | str | Unset): Only models whose id, type, description or tags contain this text
            (any case).
        status (ListModelsStatus | Unset): Only models in this state. Default: 'any'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ModelList
    """

    return sync_detailed(
        client=client,
        tag=tag,
        q=q,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    tag: list[str] | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    status: ListModelsStatus | Unset = "any",
) -> Response[ErrorBody | ModelList]:
    """All models (filter by tag, text and status)

    Args:
        tag (list[str] | None | Unset): Only models with this tag (repeat: with every one; any
            case).
        q (None | str | Unset): Only models whose id, type, description or tags contain this text
            (any case).
        status (ListModelsStatus | Unset): Only models in this state. Default: 'any'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ModelList]
    """

    kwargs = _get_kwargs(
        tag=tag,
        q=q,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    tag: list[str] | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    status: ListModelsStatus | Unset = "any",
) -> ErrorBody | ModelList | None:
    """All models (filter by tag, text and status)

    Args:
        tag (list[str] | None | Unset): Only models with this tag (repeat: with every one; any
            case).
        q (None | str | Unset): Only models whose id, type, description or tags contain this text
            (any case).
        status (ListModelsStatus | Unset): Only models in this state. Default: 'any'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ModelList
    """

    return (
        await asyncio_detailed(
            client=client,
            tag=tag,
            q=q,
            status=status,
        )
    ).parsed
