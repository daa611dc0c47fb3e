"""The one follower of the active model: its id cached in the process, read by one query.

A predict request reads no database. The active model's id is kept here, refreshed by a
background task polling it every APP_ACTIVE_POLL_SECONDS (default 0.5: an activation elsewhere
is followed within about that plus the load time; one in this process at once, `pin`); the model
itself is asked of the process's ModelStore (`ctx.models`, an in-memory dict hit), so the served
object is always the model rolled forward by the stored results, exactly as `ModelStore.refresh`
last advanced it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import MLModel
from backend.errors import ApiError
from backend.serving.store import ModelStore, ServedModel
from backend.settings import ACTIVE_POLL_SECONDS

if TYPE_CHECKING:
    from backend.ml import TrainedModel

log = logging.getLogger(__name__)
SHADOW_RETRY_SECONDS = 30.0  # a shadow model that failed to load is tried again after this
WARM_RETRY_SECONDS = 30.0  # an active model that failed to warm is tried again after this


async def active_and_shadows(session: AsyncSession) -> tuple[str | None, list[str]]:
    """The active model's id and the shadow set's ids, sorted, in one query."""
    rows = await session.exec(
        select(MLModel.id, MLModel.is_active)
        .where(col(MLModel.is_active) | col(MLModel.shadow))
        .order_by(col(MLModel.id))
    )
    active, shadows = None, []
    for model_id, is_active in rows.all():
        if is_active:
            active = model_id
        else:
            shadows.append(model_id)
    return active, shadows


@dataclass(frozen=True)
class ActiveModel:
    """The active model's id and the model served for it right now."""

    model_id: str
    model: TrainedModel


class ActiveModelCache:
    """The process's view of the active model id, kept fresh by `follow`.

    Only the id is kept: the model comes from the ModelStore on every lookup, so a model the
    store rolled forward (new results) is served from the next request on.
    """

    def __init__(self, store: ModelStore, poll_seconds: float = ACTIVE_POLL_SECONDS) -> None:
        self.store = store
        self.poll_seconds = poll_seconds
        # A local activation wins over polls that may predate its commit.
        self.pin_seconds = 2 * poll_seconds
        self.current_id: str | None = None  # the active id whose model is loaded (or failed)
        self.known_id: str | None = None  # the id last read, even while its model loads
        self._pinned: tuple[str, float] | None = None
        # The shadow set as last read; the ledger asks the store for those it has loaded.
        self.shadow_ids: tuple[str, ...] = ()
        self._loading_shadows: asyncio.Task[None] | None = None
        self._shadow_failed: dict[str, float] = {}  # model id -> when its load last failed
        self._warming: asyncio.Task[None] | None = None
        self._warm_failed: tuple[str | None, float] = (None, 0.0)

    def active_id(self) -> str | None:
        """The id to serve by default: a recent local activation, else the last poll's."""
        if self._pinned is not None:
            if time.monotonic() < self._pinned[1]:
                return self._pinned[0]
            self._pinned = None
        return self.current_id

    def lookup(self, model_id: str | None) -> ActiveModel | None:
        """The served active model if it is the one asked for and loaded (None: ask the DB)."""
        found = self.lookup_entry(model_id)
        return None if found is None else ActiveModel(found[0], found[1].model)

    def lookup_entry(self, model_id: str | None) -> tuple[str, ServedModel] | None:
        """The active id and its served entry, if it is the one asked for and loaded."""
        active_id = self.active_id()
        if active_id is None or model_id not in (None, active_id):
            return None
        entry = self.store.peek_entry(active_id)
        return None if entry is None else (active_id, entry)

    async def refresh(self, factory: async_sessionmaker[AsyncSession]) -> None:
        """Read the active id; on a change load the model into the store first, then switch."""
        async with factory() as session:
            model_id, shadows = await active_and_shadows(session)
            self.known_id = model_id
            self._follow_shadows(factory, tuple(shadows))
            if model_id is None or model_id == self.current_id:
                self.current_id = model_id
                return
            try:
                await self._load(session, model_id)
            except ApiError as exc:  # e.g. an invalid artifact: requests get its 409 themselves
                log.warning("active model %s cannot be loaded: %s", model_id, exc.body.message)
        if self.known_id == model_id:
            self.current_id = model_id

    async def _load(self, session: AsyncSession, model_id: str) -> None:
        """The one loader of the active model: into the store (rolled forward by the stored
        results), then its one-draft look-ups built off the event loop."""
        model = await self.store.get(session, model_id)
        if model is not None:
            try:
                await asyncio.to_thread(model.prepare_serving)
            except Exception:  # requests build them on first use (and see the error)
                log.warning("preparing model %s failed", model_id, exc_info=True)

    def warm(self, factory: async_sessionmaker[AsyncSession], model_id: str | None) -> None:
        """Load the active model in the background if the store lacks it (a local activation,
        or the health check finding it evicted), so the first predict is as fast as any."""
        if model_id is None or model_id in self.store:
            return
        if self._warming is not None and not self._warming.done():
            return
        failed_id, failed_at = self._warm_failed
        if failed_id == model_id and time.monotonic() - failed_at < WARM_RETRY_SECONDS:
            return

        async def load() -> None:
            try:
                async with factory() as session:
                    await self._load(session, model_id)
            except Exception as exc:
                self._warm_failed = (model_id, time.monotonic())
                log.warning("could not load the active model %s: %s", model_id, exc)

        self._warming = asyncio.create_task(load(), name="warm-active-model")

    async def close(self) -> None:
        """Stop a background warm-up still running."""
        if self._warming is not None:
            self._warming.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._warming

    def _follow_shadows(
        self, factory: async_sessionmaker[AsyncSession], shadows: tuple[str, ...]
    ) -> None:
        """Take the new shadow set; load its missing models in the background (never here)."""
        self.shadow_ids = shadows
        now = time.monotonic()
        missing = [
            m
            for m in shadows
            if m not in self.store
            and now - self._shadow_failed.get(m, -SHADOW_RETRY_SECONDS) >= SHADOW_RETRY_SECONDS
        ]
        if not missing or (self._loading_shadows and not self._loading_shadows.done()):
            return
        self._loading_shadows = asyncio.create_task(
            _load_shadows(self.store, factory, missing, self._shadow_failed),
            name="load-shadows",
        )

    async def follow(self, factory: async_sessionmaker[AsyncSession]) -> None:
        """Poll forever (a background task of the app's lifespan)."""
        while True:
            try:
                await self.refresh(factory)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database may be briefly away; keep serving what we have
                log.warning("refreshing the active model failed; will retry", exc_info=True)
            await asyncio.sleep(self.poll_seconds)

    def pin(self, model_id: str) -> None:
        """This process just activated `model_id`: serve it at once, before the next poll."""
        self._pinned = (model_id, time.monotonic() + self.pin_seconds)


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
    if cache.current_id is None:  # the first model will come later: have its library ready
        tasks.append(asyncio.create_task(asyncio.to_thread(_preload), name="preload"))
    try:
        yield
    finally:
        if cache._loading_shadows is not None:
            tasks.append(cache._loading_shadows)
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def _load_shadows(
    store: ModelStore,
    factory: async_sessionmaker[AsyncSession],
    model_ids: list[str],
    failed: dict[str, float],
) -> None:
    """Load shadow models into the store; one that fails is logged and tried again after
    SHADOW_RETRY_SECONDS (its flushes skip it meanwhile)."""
    for model_id in model_ids:
        try:
            async with factory() as session:
                await store.get(session, model_id)
            failed.pop(model_id, None)
        except Exception as exc:
            failed[model_id] = time.monotonic()
            log.warning("shadow model %s cannot be loaded: %s", model_id, exc)


def _preload() -> None:
    """Import the default model's library (seconds of CPU) before the first model arrives."""
    import sklearn.linear_model  # noqa: F401
