from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.evaluation_list import EvaluationList
from ...models.list_evaluations_kind import (
    ListEvaluationsKind,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: ListEvaluationsKind | Unset = "any",
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind

    params["kind"] = json_kind

    json_model_id: None | str | Unset
    if isinstance(model_id, Unset):
        json_model_id = UNSET
    else:
        json_model_id = model_id
    params["model_id"] = json_model_id

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/models/evaluations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | EvaluationList | None:
    if response.status_code == 200:
        response_200 = EvaluationList.from_dict(response.json())

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
) -> Response[ErrorBody | EvaluationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: ListEvaluationsKind | Unset = "any",
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ErrorBody | EvaluationList]:
    """Stored evaluations and backtests, newest first

     Each with its file (name, SHA-256, matches), the active model then, and every scored model's
    headline scores and mode; GET /api/v1/models/evaluation?evaluation_id=… has the whole report
    (curves, intervals, paired comparison).

    Args:
        kind (ListEvaluationsKind | Unset): Only evaluations or only backtests. Default: 'any'.
        model_id (None | str | Unset): Only those that scored this model.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | EvaluationList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        model_id=model_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    kind: ListEvaluationsKind | Unset = "any",
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ErrorBody | EvaluationList | None:
    """Stored evaluations and backtests, newest first

     Each with its file (name, SHA-256, matches), the active model then, and every scored model's
    headline scores and mode; GET /api/v1/models/evaluation?evaluation_id=… has the whole report
    (curves, intervals, paired comparison).

    Args:
        kind (ListEvaluationsKind | Unset): Only evaluations or only backtests. Default: 'any'.
        model_id (None | str | Unset): Only those that scored this model.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | EvaluationList
    """

    return sync_detailed(
        client=client,
        kind=kind,
        model_id=model_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: ListEvaluationsKind | Unset = "any",
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ErrorBody | EvaluationList]:
    """Stored evaluations and backtests, newest first

     Each with its file (name, SHA-256, matches), the active model then, and every scored model's
    headline scores and mode; GET /api/v1/models/evaluation?evaluation_id=… has the whole report
    (curves, intervals, paired comparison).

    Args:
        kind (ListEvaluationsKind | Unset): Only evaluations or only backtests. Default: 'any'.
        model_id (None | str | Unset): Only those that scored this model.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | EvaluationList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        model_id=model_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    kind: ListEvaluationsKind | Unset = "any",
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ErrorBody | EvaluationList | None:
    """Stored evaluations and backtests, newest first

     Each with its file (name, SHA-256, matches), the active model then, and every scored model's
    headline scores and mode; GET /api/v1/models/evaluation?evaluation_id=… has the whole report
    (curves, intervals, paired comparison).

    Args:
        kind (ListEvaluationsKind | Unset): Only evaluations or only backtests. Default: 'any'.
        model_id (None | str | Unset): Only those that scored this model.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | EvaluationList
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            model_id=model_id,
            limit=limit,
        )
    ).parsed
