from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.import_form import ImportForm
from ...models.model_info import ModelInfo
from ...types import Response


def _get_kwargs(
    *,
    body: ImportForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/import",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ModelInfo | None:
    if response.status_code == 201:
        response_201 = ModelInfo.from_dict(response.json())

        return response_201

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

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | ModelInfo]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportForm,
) -> Response[ErrorBody | ModelInfo]:
    """Store a model exported by GET /api/v1/models/export (not activated)

     Multipart form: file (the export zip), model_id (default: the card's). The artifact must match the
    card's SHA-256 and load through the data-only reader and a probe prediction (400 invalid_model_file
    otherwise); 409 model_id_taken. The training dataset is linked when this instance stores the same
    content.

    Args:
        body (ImportForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ModelInfo]
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
    body: ImportForm,
) -> ErrorBody | ModelInfo | None:
    """Store a model exported by GET /api/v1/models/export (not activated)

     Multipart form: file (the export zip), model_id (default: the card's). The artifact must match the
    card's SHA-256 and load through the data-only reader and a probe prediction (400 invalid_model_file
    otherwise); 409 model_id_taken. The training dataset is linked when this instance stores the same
    content.

    Args:
        body (ImportForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ModelInfo
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportForm,
) -> Response[ErrorBody | ModelInfo]:
    """Store a model exported by GET /api/v1/models/export (not activated)

     Multipart form: file (the export zip), model_id (default: the card's). The artifact must match the
    card's SHA-256 and load through the data-only reader and a probe prediction (400 invalid_model_file
    otherwise); 409 model_id_taken. The training dataset is linked when this instance stores the same
    content.

    Args:
        body (ImportForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ModelInfo]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImportForm,
) -> ErrorBody | ModelInfo | None:
    """Store a model exported by GET /api/v1/models/export (not activated)

     Multipart form: file (the export zip), model_id (default: the card's). The artifact must match the
    card's SHA-256 and load through the data-only reader and a probe prediction (400 invalid_model_file
    otherwise); 409 model_id_taken. The training dataset is linked when this instance stores the same
    content.

    Args:
        body (ImportForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ModelInfo
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
