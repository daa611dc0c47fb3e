from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.results_form import ResultsForm
from ...models.results_ingested import ResultsIngested
from ...types import Response


def _get_kwargs(
    *,
    body: ResultsForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/data/results",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ResultsIngested | None:
    if response.status_code == 200:
        response_200 = ResultsIngested.from_dict(response.json())

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

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | ResultsIngested]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResultsForm,
) -> Response[ErrorBody | ResultsIngested]:
    """Post match results

     Multipart form: file (a match CSV in either accepted format, radiant_win required). Stores each
    match once (already stored ones count as duplicates) and rolls every stored model's player ratings
    and statistics forward with the results after its training end, without refitting; every API process
    serves the update within 2 s. The answer waits for no model to load: models_updated comes from each
    model's stored position, and the cost is that of the new results. Recorded predictions of these
    matches are scored for monitoring. A bad file is rejected whole (400 naming column and row) and
    changes nothing.

    Args:
        body (ResultsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ResultsIngested]
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
    body: ResultsForm,
) -> ErrorBody | ResultsIngested | None:
    """Post match results

     Multipart form: file (a match CSV in either accepted format, radiant_win required). Stores each
    match once (already stored ones count as duplicates) and rolls every stored model's player ratings
    and statistics forward with the results after its training end, without refitting; every API process
    serves the update within 2 s. The answer waits for no model to load: models_updated comes from each
    model's stored position, and the cost is that of the new results. Recorded predictions of these
    matches are scored for monitoring. A bad file is rejected whole (400 naming column and row) and
    changes nothing.

    Args:
        body (ResultsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ResultsIngested
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResultsForm,
) -> Response[ErrorBody | ResultsIngested]:
    """Post match results

     Multipart form: file (a match CSV in either accepted format, radiant_win required). Stores each
    match once (already stored ones count as duplicates) and rolls every stored model's player ratings
    and statistics forward with the results after its training end, without refitting; every API process
    serves the update within 2 s. The answer waits for no model to load: models_updated comes from each
    model's stored position, and the cost is that of the new results. Recorded predictions of these
    matches are scored for monitoring. A bad file is rejected whole (400 naming column and row) and
    changes nothing.

    Args:
        body (ResultsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ResultsIngested]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ResultsForm,
) -> ErrorBody | ResultsIngested | None:
    """Post match results

     Multipart form: file (a match CSV in either accepted format, radiant_win required). Stores each
    match once (already stored ones count as duplicates) and rolls every stored model's player ratings
    and statistics forward with the results after its training end, without refitting; every API process
    serves the update within 2 s. The answer waits for no model to load: models_updated comes from each
    model's stored position, and the cost is that of the new results. Recorded predictions of these
    matches are scored for monitoring. A bad file is rejected whole (400 naming column and row) and
    changes nothing.

    Args:
        body (ResultsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ResultsIngested
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
