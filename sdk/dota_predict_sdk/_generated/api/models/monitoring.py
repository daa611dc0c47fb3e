from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.model_monitoring import ModelMonitoring
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    model_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_model_id: None | str | Unset
    if isinstance(model_id, Unset):
        json_model_id = UNSET
    else:
        json_model_id = model_id
    params["model_id"] = json_model_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/models/monitoring",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ModelMonitoring | None:
    if response.status_code == 200:
        response_200 = ModelMonitoring.from_dict(response.json())

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
) -> Response[ErrorBody | ModelMonitoring]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    model_id: None | str | Unset = UNSET,
) -> Response[ErrorBody | ModelMonitoring]:
    """Live record of a model

     Served and scored predictions (scored when POST /api/v1/data/results brings their match's result;
    per model and match the latest prediction made before the result), rolling-window metrics next to
    the holdout's with a drift verdict, input drift and the reliability curve. Defaults to the active
    model.

    Args:
        model_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ModelMonitoring]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    model_id: None | str | Unset = UNSET,
) -> ErrorBody | ModelMonitoring | None:
    """Live record of a model

     Served and scored predictions (scored when POST /api/v1/data/results brings their match's result;
    per model and match the latest prediction made before the result), rolling-window metrics next to
    the holdout's with a drift verdict, input drift and the reliability curve. Defaults to the active
    model.

    Args:
        model_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ModelMonitoring
    """

    return sync_detailed(
        client=client,
        model_id=model_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    model_id: None | str | Unset = UNSET,
) -> Response[ErrorBody | ModelMonitoring]:
    """Live record of a model

     Served and scored predictions (scored when POST /api/v1/data/results brings their match's result;
    per model and match the latest prediction made before the result), rolling-window metrics next to
    the holdout's with a drift verdict, input drift and the reliability curve. Defaults to the active
    model.

    Args:
        model_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ModelMonitoring]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    model_id: None | str | Unset = UNSET,
) -> ErrorBody | ModelMonitoring | None:
    """Live record of a model

     Served and scored predictions (scored when POST /api/v1/data/results brings their match's result;
    per model and match the latest prediction made before the result), rolling-window metrics next to
    the holdout's with a drift verdict, input drift and the reliability curve. Defaults to the active
    model.

    Args:
        model_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ModelMonitoring
    """

    return (
        await asyncio_detailed(
            client=client,
            model_id=model_id,
        )
    ).parsed
