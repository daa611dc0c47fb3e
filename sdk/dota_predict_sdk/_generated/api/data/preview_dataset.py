from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dataset_preview import DatasetPreview
from ...models.error_body import ErrorBody
from ...models.preview_form import PreviewForm
from ...types import Response


def _get_kwargs(
    *,
    body: PreviewForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/data/datasets/preview",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DatasetPreview | ErrorBody | None:
    if response.status_code == 200:
        response_200 = DatasetPreview.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DatasetPreview | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PreviewForm,
) -> Response[DatasetPreview | ErrorBody]:
    """Preview how a file will be read

     Multipart form with `file` and optional `format` and `mapping`. Nothing is stored. The answer: the
    detected format, a guessed column mapping for tables (our column -> yours, your winner values ->
    radiant/dire), the first 20 matches as they will be read, and the problems found per column. Send
    `format` and `mapping` back with POST /api/v1/data/datasets (or any upload route) to store it so.

    Args:
        body (PreviewForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetPreview | ErrorBody]
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
    body: PreviewForm,
) -> DatasetPreview | ErrorBody | None:
    """Preview how a file will be read

     Multipart form with `file` and optional `format` and `mapping`. Nothing is stored. The answer: the
    detected format, a guessed column mapping for tables (our column -> yours, your winner values ->
    radiant/dire), the first 20 matches as they will be read, and the problems found per column. Send
    `format` and `mapping` back with POST /api/v1/data/datasets (or any upload route) to store it so.

    Args:
        body (PreviewForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetPreview | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PreviewForm,
) -> Response[DatasetPreview | ErrorBody]:
    """Preview how a file will be read

     Multipart form with `file` and optional `format` and `mapping`. Nothing is stored. The answer: the
    detected format, a guessed column mapping for tables (our column -> yours, your winner values ->
    radiant/dire), the first 20 matches as they will be read, and the problems found per column. Send
    `format` and `mapping` back with POST /api/v1/data/datasets (or any upload route) to store it so.

    Args:
        body (PreviewForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetPreview | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PreviewForm,
) -> DatasetPreview | ErrorBody | None:
    """Preview how a file will be read

     Multipart form with `file` and optional `format` and `mapping`. Nothing is stored. The answer: the
    detected format, a guessed column mapping for tables (our column -> yours, your winner values ->
    radiant/dire), the first 20 matches as they will be read, and the problems found per column. Send
    `format` and `mapping` back with POST /api/v1/data/datasets (or any upload route) to store it so.

    Args:
        body (PreviewForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetPreview | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
