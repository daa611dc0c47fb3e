"""Two Litestar apps that only parse a /predict draft body and answer a Prediction.

`create_pydantic_app`: the service's own models (PredictRequest in, Prediction out encoded by
pydantic-core, as backend/api/models/serving_routes.py does). `create_msgspec_app`: the same
fields as msgspec Structs, which Litestar decodes and encodes natively. Served side by side by
bench/http_stack.py, their difference is what a switch of the /predict body would save.
"""

from __future__ import annotations

from typing import Annotated, Literal, cast

import msgspec
from litestar import Litestar, MediaType, Response, post

from backend.api.models.schemas import Prediction, PredictRequest
from backend.matches.schema import MAX_MATCH_ID, MIN_MATCH_ID


class PickStruct(msgspec.Struct):
    """PlayerPick as a msgspec Struct."""

    hero_id: int | str
    account_id: int | None = None


class PredictStruct(msgspec.Struct):
    """PredictRequest as a msgspec Struct."""

    radiant: list[PickStruct]
    dire: list[PickStruct]
    model_id: str | None = None
    explain: bool = False
    match_id: Annotated[int, msgspec.Meta(ge=MIN_MATCH_ID, le=MAX_MATCH_ID)] | None = None


class PredictionStruct(msgspec.Struct):
    """Prediction as a msgspec Struct."""

    model_id: str
    radiant_win_probability: float
    winner: Literal["radiant", "dire"]
    unknown_account_ids: list[int] = msgspec.field(default_factory=list)
    unknown_hero_ids: list[int] = msgspec.field(default_factory=list)
    factors: list[dict[str, object]] | None = None
    prediction_id: str | None = None


@post("/predict", status_code=200)
async def predict_pydantic(data: PredictRequest) -> Response[Prediction]:
    accounts = [p.account_id for p in data.radiant + data.dire if p.account_id is not None]
    answer = Prediction(
        model_id="m", radiant_win_probability=0.5, winner="radiant", unknown_account_ids=accounts
    )
    return cast(
        "Response[Prediction]",
        Response(answer.model_dump_json().encode(), media_type=MediaType.JSON),
    )


@post("/predict", status_code=200)
async def predict_msgspec(data: PredictStruct) -> PredictionStruct:
    accounts = [p.account_id for p in data.radiant + data.dire if p.account_id is not None]
    return PredictionStruct("m", 0.5, "radiant", unknown_account_ids=accounts)


def create_pydantic_app() -> Litestar:
    return Litestar(route_handlers=[predict_pydantic], debug=False)


def create_msgspec_app() -> Litestar:
    return Litestar(route_handlers=[predict_msgspec], debug=False)
