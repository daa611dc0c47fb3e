from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.promote_form import PromoteForm
from ...models.promotion_result import PromotionResult
from ...types import Response


def _get_kwargs(
    *,
    body: PromoteForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/promote",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PromotionResult | None:
    if response.status_code == 200:
        response_200 = PromotionResult.from_dict(response.json())

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
) -> Response[ErrorBody | PromotionResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PromoteForm,
) -> Response[ErrorBody | PromotionResult]:
    """Champion/challenger: activate the challenger only if it is clearly better

     Multipart form: model_id (the challenger) and one of file (labelled match CSV), evaluation_id (a
    stored evaluation) or evidence=shadow (its live record as a shadow challenger against the active
    model, from the ledger). Promotes only if the challenger's log-loss minus the active model's has its
    whole 95 % paired-bootstrap interval below zero; otherwise promoted is false, the reason says why
    and nothing changes.

    Args:
        body (PromoteForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PromotionResult]
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
    body: PromoteForm,
) -> ErrorBody | PromotionResult | None:
    """Champion/challenger: activate the challenger only if it is clearly better

     Multipart form: model_id (the challenger) and one of file (labelled match CSV), evaluation_id (a
    stored evaluation) or evidence=shadow (its live record as a shadow challenger against the active
    model, from the ledger). Promotes only if the challenger's log-loss minus the active model's has its
    whole 95 % paired-bootstrap interval below zero; otherwise promoted is false, the reason says why
    and nothing changes.

    Args:
        body (PromoteForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PromotionResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PromoteForm,
) -> Response[ErrorBody | PromotionResult]:
    """Champion/challenger: activate the challenger only if it is clearly better

     Multipart form: model_id (the challenger) and one of file (labelled match CSV), evaluation_id (a
    stored evaluation) or evidence=shadow (its live record as a shadow challenger against the active
    model, from the ledger). Promotes only if the challenger's log-loss minus the active model's has its
    whole 95 % paired-bootstrap interval below zero; otherwise promoted is false, the reason says why
    and nothing changes.

    Args:
        body (PromoteForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PromotionResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PromoteForm,
) -> ErrorBody | PromotionResult | None:
    """Champion/challenger: activate the challenger only if it is clearly better

     Multipart form: model_id (the challenger) and one of file (labelled match CSV), evaluation_id (a
    stored evaluation) or evidence=shadow (its live record as a shadow challenger against the active
    model, from the ledger). Promotes only if the challenger's log-loss minus the active model's has its
    whole 95 % paired-bootstrap interval below zero; otherwise promoted is false, the reason says why
    and nothing changes.

    Args:
        body (PromoteForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PromotionResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
