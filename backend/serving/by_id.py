"""Models asked for by id (not the active one), served like the active one: no DB per request.

``POST /predict`` with a ``model_id`` used to open a session and read the model's row on every
request (to answer 404 for a deleted and 409 for a not-ready model) before taking the served
model from the ModelStore. Now the first request for a model takes that path once and admits the
model here; every later request is a dict hit: the entry is the ModelStore's, exactly what the
active model is served from (rolled forward by ``ModelStore.refresh``, point-in-time
``timeline``, one-draft look-ups), so a model by id is served by the same code at the same
speed as when it is active.

Freshness without a query per request: a background task (``follow``) reads, every
APP_ACTIVE_POLL_SECONDS and only while this cache holds models, the row status and artifact
SHA-256 of every cached id in ONE query. A model deleted, no longer ready or stored with another
artifact (deleted and trained again under the same id) is evicted (and dropped from the
ModelStore when its artifact is gone or changed), so its next request takes the slow path and
gets today's 404/409 or the new artifact. In this process a delete evicts at once (``discard``);
in another process within ~APP_ACTIVE_POLL_SECONDS, as an activation is followed. An entry is
also dropped when the store no longer holds the model or holds it loaded from another artifact
(compared by ``TrainedModel.artifact_sha256``). Roll-forward needs nothing here: the entry is
looked up in the store on every request, so results the store applied are served from the next
request on.

``epoch`` guards the one race: a slow path that read the row before a delete (here or seen by
the poll) and finishes loading after it admits nothing, so a deleted model is never re-admitted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import MLModel, ModelArtifact, ModelStatus
from backend.serving.store import ModelStore, ServedModel
from backend.settings import ACTIVE_POLL_SECONDS

log = logging.getLogger(__name__)
CAPACITY = 8  # models served by id at once (each also lives in the ModelStore's LRU)


@dataclass(frozen=True)
class ServedById:
    """A model admitted for serving by id: the artifact it was loaded from."""

    model_id: str
    artifact_sha256: str


class ByIdCache:
    """Ready models served by id without a database read, kept fresh by ``follow``."""

    def __init__(
        self,
        store: ModelStore,
        capacity: int = CAPACITY,
        poll_seconds: float = ACTIVE_POLL_SECONDS,
    ) -> None:
        self.store = store
        self.poll_seconds = poll_seconds
        self.capacity = capacity
        self._entries: OrderedDict[str, ServedById] = OrderedDict()
        self.epoch = 0  # bumped by every eviction; a slow path begun before one admits nothing

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, model_id: str) -> ServedModel | None:
        """The served entry of an admitted model (None: take the slow path). No I/O."""
        admitted = self._entries.get(model_id)
        if admitted is None:
            return None
        entry = self.store.peek_entry(model_id)
        if entry is None or entry.artifact.artifact_sha256 != admitted.artifact_sha256:
            # The store evicted it, or loaded it again from another artifact: ask the DB.
            self._entries.pop(model_id, None)
            return None
        self._entries.move_to_end(model_id)
        return entry

    def admit(self, model_id: str, entry: ServedModel, epoch: int) -> bool:
        """Serve this ready model by id from now on, unless something was evicted since
        ``epoch`` was read (before the model's row was)."""
        sha = entry.artifact.artifact_sha256
        if epoch != self.epoch or sha is None:
            return False
        self._entries[model_id] = ServedById(model_id, sha)
        self._entries.move_to_end(model_id)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        return True

    def discard(self, model_id: str) -> None:
        """Forget a model (deleted, or its row changed): its next request reads the DB."""
        self._entries.pop(model_id, None)
        self.epoch += 1

    async def refresh(self, factory: async_sessionmaker[AsyncSession]) -> None:
        """One query for every admitted model; evict those deleted, not ready or changed."""
        if not self._entries:
            return
        snapshot = dict(self._entries)
        async with factory() as session:
            rows = await session.exec(
                select(MLModel.id, MLModel.status, ModelArtifact.sha256)
                .outerjoin(ModelArtifact, col(ModelArtifact.model_id) == col(MLModel.id))
                .where(col(MLModel.id).in_(list(snapshot)))
            )
            found = {model_id: (status, sha) for model_id, status, sha in rows.all()}
        for model_id, admitted in snapshot.items():
            status, sha = found.get(model_id, (None, None))
            if status == ModelStatus.ready and sha == admitted.artifact_sha256:
                continue
            if self._entries.get(model_id) is admitted:
                self.discard(model_id)
            stored = self.store.cached().get(model_id)
            gone = sha != admitted.artifact_sha256  # deleted, or stored with another artifact
            if gone and stored is not None and stored.artifact.artifact_sha256 != sha:
                self.store.discard(model_id)  # the next load reads what is stored now
            log.info("model %s served by id changed (%s); evicted", model_id, status or "deleted")

    async def follow(self, factory: async_sessionmaker[AsyncSession]) -> None:
        """Poll forever (a background task of the app's lifespan)."""
        while True:
            try:
                await self.refresh(factory)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database may be briefly away; keep serving what we have
                log.warning("checking the models served by id failed; will retry", exc_info=True)
            await asyncio.sleep(self.poll_seconds)


@contextlib.asynccontextmanager
async def following(
    cache: ByIdCache, factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[None]:
    """Keep the models served by id fresh until the app stops."""
    task = asyncio.create_task(cache.follow(factory), name="by-id-refresh")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
