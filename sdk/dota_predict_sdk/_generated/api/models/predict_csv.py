from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.csv_predictions import CsvPredictions
from ...models.error_body import ErrorBody
from ...models.predict_csv_form import PredictCsvForm
from ...models.predict_csv_format_type_1 import (
    PredictCsvFormatType1,
)
from ...models.predict_csv_format_type_2_type_1 import (
    PredictCsvFormatType2Type1,
)
from ...models.predict_csv_format_type_3_type_1 import (
    PredictCsvFormatType3Type1,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PredictCsvForm,
    format_: None
    | PredictCsvFormatType1
    | PredictCsvFormatType2Type1
    | PredictCsvFormatType3Type1
    | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif (
        isinstance(format_, str) or isinstance(format_, str) or isinstance(format_, str)
    ):
        json_format_ = format_
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/predict_csv",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CsvPredictions | ErrorBody | None:
    if response.status_code == 200:
        response_200 = CsvPredictions.from_dict(response.json())

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
) -> Response[CsvPredictions | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PredictCsvForm,
    format_: None
    | PredictCsvFormatType1
    | PredictCsvFormatType2Type1
    | PredictCsvFormatType3Type1
    | Unset = UNSET,
) -> Response[CsvPredictions | ErrorBody]:
    """Predict every match of a CSV file

     JSON by default; `format=csv` or `Accept: text/csv` gives CSV (match_id, radiant_win_probability,
    winner, model_id, prediction_id).

    Args:
        format_ (None | PredictCsvFormatType1 | PredictCsvFormatType2Type1 |
            PredictCsvFormatType3Type1 | Unset): Response format; default from Accept.
        body (PredictCsvForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CsvPredictions | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PredictCsvForm,
    format_: None
    | PredictCsvFormatType1
    | PredictCsvFormatType2Type1
    | PredictCsvFormatType3Type1
    | Unset = UNSET,
) -> CsvPredictions | ErrorBody | None:
    """Predict every match of a CSV file

     JSON by default; `format=csv` or `Accept: text/csv` gives CSV (match_id, radiant_win_probability,
    winner, model_id, prediction_id).

    Args:
        format_ (None | PredictCsvFormatType1 | PredictCsvFormatType2Type1 |
            PredictCsvFormatType3Type1 | Unset): Response format; default from Accept.
        body (PredictCsvForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CsvPredictions | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PredictCsvForm,
    format_: None
    | PredictCsvFormatType1
    | PredictCsvFormatType2Type1
    | PredictCsvFormatType3Type1
    | Unset = UNSET,
) -> Response[CsvPredictions | ErrorBody]:
    """Predict every match of a CSV file

     JSON by default; `format=csv` or `Accept: text/csv` gives CSV (match_id, radiant_win_probability,
    winner, model_id, prediction_id).

    Args:
        format_ (None | PredictCsvFormatType1 | PredictCsvFormatType2Type1 |
            PredictCsvFormatType3Type1 | Unset): Response format; default from Accept.
        body (PredictCsvForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CsvPredictions | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PredictCsvForm,
    format_: None
    | PredictCsvFormatType1
    | PredictCsvFormatType2Type1
    | PredictCsvFormatType3Type1
    | Unset = UNSET,
) -> CsvPredictions | ErrorBody | None:
    """Predict every match of a CSV file

     JSON by default; `format=csv` or `Accept: text/csv` gives CSV (match_id, radiant_win_probability,
    winner, model_id, prediction_id).

    Args:
        format_ (None | PredictCsvFormatType1 | PredictCsvFormatType2Type1 |
            PredictCsvFormatType3Type1 | Unset): Response format; default from Accept.
        body (PredictCsvForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CsvPredictions | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed
