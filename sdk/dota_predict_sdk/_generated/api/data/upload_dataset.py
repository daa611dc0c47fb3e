from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dataset_form import DatasetForm
from ...models.dataset_uploaded import DatasetUploaded
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: DatasetForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/data/datasets",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DatasetUploaded | ErrorBody | None:
    if response.status_code == 201:
        response_201 = DatasetUploaded.from_dict(response.json())

        return response_201

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
) -> Response[DatasetUploaded | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DatasetForm,
) -> Response[DatasetUploaded | ErrorBody]:
    """Upload and validate a match file

     Multipart form with `file` (CSV, either layout). The file is read by the same reader as fit and
    predict_csv and stored once per content; the answer is its summary (201), or a 4xx naming the column
    and row at fault.

    Args:
        body (DatasetForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetUploaded | ErrorBody]
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
    body: DatasetForm,
) -> DatasetUploaded | ErrorBody | None:
    """Upload and validate a match file

     Multipart form with `file` (CSV, either layout). The file is read by the same reader as fit and
    predict_csv and stored once per content; the answer is its summary (201), or a 4xx naming the column
    and row at fault.

    Args:
        body (DatasetForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetUploaded | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DatasetForm,
) -> Response[DatasetUploaded | ErrorBody]:
    """Upload and validate a match file

     Multipart form with `file` (CSV, either layout). The file is read by the same reader as fit and
    predict_csv and stored once per content; the answer is its summary (201), or a 4xx naming the column
    and row at fault.

    Args:
        body (DatasetForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetUploaded | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: DatasetForm,
) -> DatasetUploaded | ErrorBody | None:
    """Upload and validate a match file

     Multipart form with `file` (CSV, either layout). The file is read by the same reader as fit and
    predict_csv and stored once per content; the answer is its summary (201), or a 4xx naming the column
    and row at fault.

    Args:
        body (DatasetForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetUploaded | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
