from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.shadow_set import ShadowSet
from ...models.shadow_set_request import ShadowSetRequest
from ...types import Response


def _get_kwargs(
    *,
    body: ShadowSetRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/models/shadow",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ShadowSet | None:
    if response.status_code == 200:
        response_200 = ShadowSet.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

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
) -> Response[ErrorBody | ShadowSet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ShadowSetRequest,
) -> Response[ErrorBody | ShadowSet]:
    """Name the shadow challengers

     JSON body {model_ids: [...]}: the whole new set, up to 3 ready models other than the active one ([]
    clears it). Every prediction the active model serves through /predict or an unlabelled /predict_csv
    is also made by each shadow, off the request path (at the ledger's flush), at the same point in
    time, and recorded in the ledger (source shadow, the champion's prediction ids); /monitoring
    compares them with the champion and /promote can cite that record (evidence=shadow). Every API
    process follows the set within a poll. Deleting a model or activating a shadow removes it.

    Args:
        body (ShadowSetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ShadowSet]
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
    body: ShadowSetRequest,
) -> ErrorBody | ShadowSet | None:
    """Name the shadow challengers

     JSON body {model_ids: [...]}: the whole new set, up to 3 ready models other than the active one ([]
    clears it). Every prediction the active model serves through /predict or an unlabelled /predict_csv
    is also made by each shadow, off the request path (at the ledger's flush), at the same point in
    time, and recorded in the ledger (source shadow, the champion's prediction ids); /monitoring
    compares them with the champion and /promote can cite that record (evidence=shadow). Every API
    process follows the set within a poll. Deleting a model or activating a shadow removes it.

    Args:
        body (ShadowSetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ShadowSet
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ShadowSetRequest,
) -> Response[ErrorBody | ShadowSet]:
    """Name the shadow challengers

     JSON body {model_ids: [...]}: the whole new set, up to 3 ready models other than the active one ([]
    clears it). Every prediction the active model serves through /predict or an unlabelled /predict_csv
    is also made by each shadow, off the request path (at the ledger's flush), at the same point in
    time, and recorded in the ledger (source shadow, the champion's prediction ids); /monitoring
    compares them with the champion and /promote can cite that record (evidence=shadow). Every API
    process follows the set within a poll. Deleting a model or activating a shadow removes it.

    Args:
        body (ShadowSetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ShadowSet]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ShadowSetRequest,
) -> ErrorBody | ShadowSet | None:
    """Name the shadow challengers

     JSON body {model_ids: [...]}: the whole new set, up to 3 ready models other than the active one ([]
    clears it). Every prediction the active model serves through /predict or an unlabelled /predict_csv
    is also made by each shadow, off the request path (at the ledger's flush), at the same point in
    time, and recorded in the ledger (source shadow, the champion's prediction ids); /monitoring
    compares them with the champion and /promote can cite that record (evidence=shadow). Every API
    process follows the set within a poll. Deleting a model or activating a shadow removes it.

    Args:
        body (ShadowSetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ShadowSet
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
