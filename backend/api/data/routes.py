"""Routes under /api/v1/data, plus the hero list."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.params import Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data.schemas import AccountIds, HeroList, HeroRead
from backend.api.dependencies import READ
from backend.api.models import registry
from backend.errors import error_responses
from backend.matches import hero_registry

# Far beyond any model's players, and well inside the 64-bit OFFSET of every database.
MAX_OFFSET = 1_000_000_000


class DataController(Controller):
    """Reference data: known players and heroes."""

    path = "/api/v1"
    tags = ["data"]

    @get(
        "/data/account_ids",
        operation_id="account_ids",
        opt=READ,
        summary="Players known to the active model (or model_id)",
        responses=error_responses(400, 401, 404, 409),
    )
    async def account_ids(
        self,
        session: AsyncSession,
        limit: Annotated[int, Parameter(query="limit", ge=1, le=10_000)] = 100,
        offset: Annotated[int, Parameter(query="offset", ge=0, le=MAX_OFFSET)] = 0,
        model_id: Annotated[str | None, Parameter(query="model_id")] = None,
    ) -> AccountIds:
        used, ids, total = await registry.account_ids(session, model_id, limit, offset)
        return AccountIds(model_id=used, account_ids=ids, total=total, limit=limit, offset=offset)

    @get(
        "/heroes",
        operation_id="heroes",
        opt=READ,
        summary="All heroes",
        responses=error_responses(401),
    )
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
