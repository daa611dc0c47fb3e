"""The lean single-draft path: the active model cached in the process, a draft straight to arrays.

A predict request reads no database (the active model id and the loaded model are kept here and
refreshed by a background task polling the id every POLL_SECONDS, so an activation elsewhere is
followed within ~0.5 s plus the load time) and builds no polars frame: the draft becomes the
(1, 10) hero and account arrays the model's features are built from.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.model_store import ModelStore
from backend.db.tables import MLModel
from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError, account_id, validate_draft
from backend.ml.frame import UNKNOWN

if TYPE_CHECKING:
    from backend.api.models.schemas import PlayerPick
    from backend.ml import TrainedModel

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
PIN_SECONDS = 2 * POLL_SECONDS  # a local activation wins over polls that may predate its commit


@dataclass(frozen=True)
class ActiveModel:
    """The active model's id and its loaded model (swapped as one object)."""

    model_id: str
    model: TrainedModel


class ActiveModelCache:
    """The process's view of the active model, kept fresh by `follow`."""

    def __init__(self, store: ModelStore) -> None:
        self.store = store
        self.current: ActiveModel | None = None
        self.known_id: str | None = None  # the id last read, even while its model loads
        self._pinned: tuple[ActiveModel, float] | None = None

    def lookup(self, model_id: str | None) -> ActiveModel | None:
        """The cached active model if it is the one asked for (None: ask the database)."""
        active = self.current
        if self._pinned is not None:
            if time.monotonic() < self._pinned[1]:
                active = self._pinned[0]
            else:
                self._pinned = None
        if active is None or model_id not in (None, active.model_id):
            return None
        return active

    async def refresh(self, factory: async_sessionmaker[AsyncSession]) -> None:
        """Read the active id; on a change load the model first, then swap."""
        async with factory() as session:
            rows = await session.exec(select(MLModel.id).where(col(MLModel.is_active)))
            model_id = rows.first()
            self.known_id = model_id
            if model_id is None:
                self.current = None
                return
            if self.current is not None and self.current.model_id == model_id:
                return
            model = await self.store.get(session, model_id)
        if model is not None and self.known_id == model_id:
            self.current = ActiveModel(model_id, model)

    async def follow(self, factory: async_sessionmaker[AsyncSession]) -> None:
        """Poll forever (a background task of the app's lifespan)."""
        while True:
            try:
                await self.refresh(factory)
            except Exception:  # the database may be briefly away; keep serving what we have
                log.warning("refreshing the active model failed; will retry", exc_info=True)
            await asyncio.sleep(POLL_SECONDS)

    def pin(self, model_id: str, model: TrainedModel) -> None:
        """This process just activated `model_id`: serve it at once, before the next poll."""
        self._pinned = (ActiveModel(model_id, model), time.monotonic() + PIN_SECONDS)


@contextlib.asynccontextmanager
async def following(
    cache: ActiveModelCache, factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[None]:
    """Load the active model now (start-up), then keep following it until the app stops."""
    try:
        await cache.refresh(factory)
    except Exception:
        log.warning("could not load the active model at start-up", exc_info=True)
    tasks = [asyncio.create_task(cache.follow(factory), name="active-model-refresh")]
    if cache.current is None:  # the first model will come later: have its library ready
        tasks.append(asyncio.create_task(asyncio.to_thread(_preload), name="preload"))
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _preload() -> None:
    """Import the default model's library (seconds of CPU) before the first model arrives."""
    import sklearn.linear_model  # noqa: F401


def _invalid(message: str, field: str) -> ApiError:
    return ApiError(400, ErrorCode.invalid_draft, message, field=field)


def draft_arrays(
    radiant: Sequence[PlayerPick], dire: Sequence[PlayerPick]
) -> tuple[np.ndarray, np.ndarray, list[int | None]]:
    """(1, 10) hero ids, (1, 10) account ids (UNKNOWN where unusable) and the raw account ids.

    The same checks and messages as the frame path: 5 picks per side, known distinct heroes,
    account ids by backend.matches.account_id (the CSV reader's rule).
    """
    for side, picks in (("radiant", radiant), ("dire", dire)):
        if len(picks) != 5:
            raise _invalid(f"{side} must have exactly 5 players; got {len(picks)}", side)
    try:
        r, d = validate_draft([p.hero_id for p in radiant], [p.hero_id for p in dire])
    except MatchDataError as exc:
        raise ApiError(400, ErrorCode.invalid_draft, exc.message, field=exc.column) from exc
    raw: list[int | None] = []
    usable: list[int] = []
    for side, picks in (("radiant", radiant), ("dire", dire)):
        for i, pick in enumerate(picks):
            where = f"{side}[{i}].account_id"
            try:
                # The CSV reader's rule: SteamID64 converted, 0/negative/4294967295 = unknown.
                account = account_id(pick.account_id, where)
            except MatchDataError as exc:
                raise _invalid(exc.message, where) from exc
            raw.append(account)
            usable.append(UNKNOWN if account is None else account)
    heroes = np.array([r + d], dtype=np.int64)
    return heroes, np.array([usable], dtype=np.int64), raw
