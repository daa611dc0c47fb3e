from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.job_list import JobList
from ...models.job_status_read import JobStatusRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    job_id: None | str | Unset = UNSET,
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_job_id: None | str | Unset
    if isinstance(job_id, Unset):
        json_job_id = UNSET
    else:
        json_job_id = job_id
    params["job_id"] = json_job_id

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
        "url": "/api/v1/models/fit/status",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | JobList | JobStatusRead | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> JobList | JobStatusRead:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = JobStatusRead.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = JobList.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | JobList | JobStatusRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    job_id: None | str | Unset = UNSET,
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[ErrorBody | JobList | JobStatusRead]:
    """Training job status

     By job_id, or the latest job of model_id, or (with neither) the recent jobs, newest first.

    Args:
        job_id (None | str | Unset):
        model_id (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | JobList | JobStatusRead]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
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
    job_id: None | str | Unset = UNSET,
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> ErrorBody | JobList | JobStatusRead | None:
    """Training job status

     By job_id, or the latest job of model_id, or (with neither) the recent jobs, newest first.

    Args:
        job_id (None | str | Unset):
        model_id (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | JobList | JobStatusRead
    """

    return sync_detailed(
        client=client,
        job_id=job_id,
        model_id=model_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    job_id: None | str | Unset = UNSET,
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[ErrorBody | JobList | JobStatusRead]:
    """Training job status

     By job_id, or the latest job of model_id, or (with neither) the recent jobs, newest first.

    Args:
        job_id (None | str | Unset):
        model_id (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | JobList | JobStatusRead]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        model_id=model_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    job_id: None | str | Unset = UNSET,
    model_id: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> ErrorBody | JobList | JobStatusRead | None:
    """Training job status

     By job_id, or the latest job of model_id, or (with neither) the recent jobs, newest first.

    Args:
        job_id (None | str | Unset):
        model_id (None | str | Unset):
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | JobList | JobStatusRead
    """

    return (
        await asyncio_detailed(
            client=client,
            job_id=job_id,
            model_id=model_id,
            limit=limit,
        )
    ).parsed
