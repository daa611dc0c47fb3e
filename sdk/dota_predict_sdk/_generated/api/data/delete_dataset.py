from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dataset_deleted import DatasetDeleted
from ...models.error_body import ErrorBody
from ...types import UNSET, Response


def _get_kwargs(
    *,
    dataset_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["dataset_id"] = dataset_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/data/datasets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DatasetDeleted | ErrorBody | None:
    if response.status_code == 200:
        response_200 = DatasetDeleted.from_dict(response.json())

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
) -> Response[DatasetDeleted | ErrorBody]:
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
) -> Response[DatasetDeleted | ErrorBody]:
    """Delete a stored dataset

     Refused with 409 dataset_in_use while a model or a training job (job history is kept) names the
    dataset, and 409 dataset_builtin for the bundled one.

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetDeleted | ErrorBody]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    dataset_id: str,
) -> DatasetDeleted | ErrorBody | None:
    """Delete a stored dataset

     Refused with 409 dataset_in_use while a model or a training job (job history is kept) names the
    dataset, and 409 dataset_builtin for the bundled one.

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetDeleted | ErrorBody
    """

    return sync_detailed(
        client=client,
        dataset_id=dataset_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    dataset_id: str,
) -> Response[DatasetDeleted | ErrorBody]:
    """Delete a stored dataset

     Refused with 409 dataset_in_use while a model or a training job (job history is kept) names the
    dataset, and 409 dataset_builtin for the bundled one.

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetDeleted | ErrorBody]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    dataset_id: str,
) -> DatasetDeleted | ErrorBody | None:
    """Delete a stored dataset

     Refused with 409 dataset_in_use while a model or a training job (job history is kept) names the
    dataset, and 409 dataset_builtin for the bundled one.

    Args:
        dataset_id (str): A stored dataset; "default" = bundled.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetDeleted | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            dataset_id=dataset_id,
        )
    ).parsed
