"""The SDK's input conversions and error mapping, without a service."""

from __future__ import annotations

import gzip
import io
import sys

import polars as pl
import pytest

from dota_predict_sdk import (
    UNSET,
    ApiError,
    Conflict,
    CsvPredictions,
    InvalidInput,
    MatchPrediction,
    PlayerPick,
    ServiceUnavailable,
)
from dota_predict_sdk.errors import error_from_response
from dota_predict_sdk.inputs import csv_file, player_picks, predictions_frame

CSV = b"match_id,radiant_win\n1,true\n"


def test_every_csv_form_becomes_the_same_upload() -> None:
    frame = pl.DataFrame({"match_id": [1], "radiant_win": [True]})
    packed = gzip.compress(CSV)
    named = io.BytesIO(CSV)
    named.name = "uploads/mine.csv"
    named.read()  # a file object already read to its end is still sent whole
    for data, name in (
        (CSV, "matches.csv"),
        (packed, "matches.csv"),
        (CSV.decode(), "matches.csv"),
        (named, "mine.csv"),
        (frame, "matches.csv"),
        (frame.to_pandas(), "matches.csv"),
    ):
        upload = csv_file(data)  # pandas writes True, polars true: the service reads both
        assert upload.payload.read().lower() == CSV and upload.file_name == name
        assert upload.mime_type == "text/csv"
    with pytest.raises(TypeError, match="cannot upload int"):
        csv_file(42)  # type: ignore[arg-type]  # mypy refuses it too (test_static_types)


def test_picks_in_every_form() -> None:
    import numpy as np

    picks = player_picks(
        [1, "Axe", (3, 87278757), {"hero_id": np.int64(4), "account_id": None}, PlayerPick(5)]
    )
    assert [p.hero_id for p in picks] == [1, "Axe", 3, 4, 5]
    assert [p.account_id for p in picks] == [UNSET, UNSET, 87278757, UNSET, UNSET]
    with pytest.raises(TypeError, match="not a single string"):
        player_picks("Axe")


def test_error_bodies_and_raw_text_become_typed_errors() -> None:
    body = b'{"status_code":409,"error":"model_id_taken","message":"taken","field":"model_id"}'
    error = error_from_response(409, body)
    assert isinstance(error, Conflict) and (error.error, error.field) == (
        "model_id_taken",
        "model_id",
    )
    assert str(error) == "409 model_id_taken: taken (field=model_id)"
    assert isinstance(error_from_response(413, b"{}"), InvalidInput)
    proxy = error_from_response(502, b"<html>Bad Gateway</html>")
    assert isinstance(proxy, ServiceUnavailable) and proxy.message == "<html>Bad Gateway</html>"
    odd = error_from_response(418, b"")
    assert type(odd) is ApiError and odd.message == "(empty response body)"


def test_predictions_frame_needs_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CsvPredictions(
        model_id="m", predictions=[MatchPrediction(7, 0.75, "radiant")], quality=None
    )
    frame = predictions_frame(result)
    assert frame.to_dict("records") == [
        {"match_id": 7, "radiant_win_probability": 0.75, "winner": "radiant"}
    ]
    assert frame.attrs == {"model_id": "m", "quality": None}
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"dota-predict-sdk\[pandas\]"):
        predictions_frame(result)
