"""Routes under /api/v1/data, plus the hero list."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data import results
from backend.api.data.schemas import AccountIds, HeroList, HeroRead, ResultsForm, ResultsIngested
from backend.api.models import registry
from backend.api.uploads import read_upload
from backend.context import AppContext
from backend.errors import error_responses
from backend.matches import hero_registry


class DataController(Controller):
    """Reference data: known players and heroes."""

    path = "/api/v1"
    tags = ["data"]

    @get(
        "/data/account_ids",
        operation_id="account_ids",
        summary="Players known to the active model (or model_id)",
        responses=error_responses(400, 401, 404, 409),
    )
    async def account_ids(
        self,
        session: AsyncSession,
        limit: Annotated[int, Parameter(query="limit", ge=1, le=10_000)] = 100,
        offset: Annotated[int, Parameter(query="offset", ge=0)] = 0,
        model_id: Annotated[str | None, Parameter(query="model_id")] = None,
    ) -> AccountIds:
        used, ids, total = await registry.account_ids(session, model_id, limit, offset)
        return AccountIds(model_id=used, account_ids=ids, total=total, limit=limit, offset=offset)

    @post(
        "/data/results",
        operation_id="ingest_results",
        status_code=200,
        summary="Post match results",
        description="Multipart form: file (a match CSV in either accepted format, radiant_win "
        "required). Stores each match once (already stored ones count as duplicates) and rolls "
        "every stored model's player ratings and statistics forward with the results after its "
        "training end, without refitting; every API process serves the update within 2 s. "
        "Recorded predictions of these matches are scored for monitoring. A bad file is "
        "rejected whole (400 naming column and row) and changes nothing.",
        responses=error_responses(400, 401, 413, 415),
    )
    async def ingest_results(
        self,
        ctx: AppContext,
        data: Annotated[ResultsForm, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> ResultsIngested:
        content = await read_upload(ctx, data.file)
        return await results.ingest_results(ctx, content)

    @get("/heroes", operation_id="heroes", summary="All heroes", responses=error_responses(401))
    async def heroes(self) -> HeroList:
        return HeroList(
            heroes=[
                HeroRead(
                    id=h.id,
                    name=h.name,
                    short_name=h.short_name,
                    primary_attr=h.primary_attr,
                    attack_type=h.attack_type,
                    roles=list(h.roles),
                )
                for h in hero_registry().heroes
            ]
        )
