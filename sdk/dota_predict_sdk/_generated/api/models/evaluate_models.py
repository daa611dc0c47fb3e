from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.evaluate_form import EvaluateForm
from ...models.evaluation_read import EvaluationRead
from ...types import Response


def _get_kwargs(
    *,
    body: EvaluateForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/evaluate",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | EvaluationRead | None:
    if response.status_code == 200:
        response_200 = EvaluationRead.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | EvaluationRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EvaluateForm,
) -> Response[ErrorBody | EvaluationRead]:
    """Score models on one common labelled file

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model).
    The active model is always scored too; every other model gets a paired-bootstrap comparison with it
    (1,000 resamples, fixed seed). The result is stored; promote can cite its evaluation_id.

    Args:
        body (EvaluateForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | EvaluationRead]
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
    body: EvaluateForm,
) -> ErrorBody | EvaluationRead | None:
    """Score models on one common labelled file

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model).
    The active model is always scored too; every other model gets a paired-bootstrap comparison with it
    (1,000 resamples, fixed seed). The result is stored; promote can cite its evaluation_id.

    Args:
        body (EvaluateForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | EvaluationRead
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EvaluateForm,
) -> Response[ErrorBody | EvaluationRead]:
    """Score models on one common labelled file

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model).
    The active model is always scored too; every other model gets a paired-bootstrap comparison with it
    (1,000 resamples, fixed seed). The result is stored; promote can cite its evaluation_id.

    Args:
        body (EvaluateForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | EvaluationRead]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: EvaluateForm,
) -> ErrorBody | EvaluationRead | None:
    """Score models on one common labelled file

     Multipart form: file (labelled match CSV), model_ids (comma-separated; default every ready model).
    The active model is always scored too; every other model gets a paired-bootstrap comparison with it
    (1,000 resamples, fixed seed). The result is stored; promote can cite its evaluation_id.

    Args:
        body (EvaluateForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | EvaluationRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
