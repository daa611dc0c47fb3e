"""The model registry store: the one owner of a stored model's state changes.

Which model is active changes only through `activate_recorded` (the API's activate and promote,
a shadow's promotion, the first start's default model on success: the serialised switch and its
history row, who, when, previous and new, why, evidence); `active_model_id` is the one query
for the active id; the shadow set changes through `replace_shadows`; a model leaves the store
through `remove_model` (a delete, or a cancelled fit's never-trained row). The API's checks of those
requests (404/409) stay with its routes (backend/api/models/).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, text, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import Activation, MLModel, ModelArtifact, Player, RollForwardState

# Any constant works: it names "the activation lock" among PostgreSQL advisory locks.
_ACTIVATION_LOCK_KEY = 0x0D07A_AC71


async def _activate(session: AsyncSession, model_id: str) -> None:
    """Serialised and idempotent: concurrent activations end with exactly one active model.

    PostgreSQL checks the partial unique index row by row and, under READ COMMITTED, two
    interleaved activations each miss the other's new active row (unique violation) or lock
    rows in opposite order (deadlock). A transaction-scoped advisory lock makes them take turns;
    each statement after it sees the previous activation committed. SQLite already serialises
    writers on its database lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.exec(  # type: ignore[call-overload]
            text("SELECT pg_advisory_xact_lock(:key)"), params={"key": _ACTIVATION_LOCK_KEY}
        )
    # Deactivate first, then activate: the unique index never sees two active rows.
    await session.exec(
        update(MLModel)
        .where(col(MLModel.is_active), col(MLModel.id) != model_id)
        .values(is_active=False)
    )
    await session.flush()
    await session.exec(
        update(MLModel)
        .where(col(MLModel.id) == model_id, col(MLModel.is_active).is_(False))
        .values(is_active=True)
    )
    # The champion is no shadow of itself: activating a shadow takes it out of the set.
    await session.exec(
        update(MLModel).where(col(MLModel.id) == model_id, col(MLModel.shadow)).values(shadow=False)
    )


async def activate_model(session: AsyncSession, model_id: str) -> None:
    """Make one model the active one (caller owns the transaction); safe to call concurrently."""
    await _activate(session, model_id)


async def active_model_id(session: AsyncSession) -> str | None:
    """The one query for the active model's id, as this session sees it (read fresh: the
    serving follower, health checks, the lifecycle routes and activation itself all ask here)."""
    return (await session.exec(select(MLModel.id).where(col(MLModel.is_active)))).first()


def record_activation(
    session: AsyncSession,
    previous_model_id: str | None,
    model_id: str,
    *,
    actor: str,
    reason: str,
    evidence: dict[str, Any] | None = None,
) -> None:
    """Add the history row (caller owns the transaction); a no-op when nothing changed."""
    if previous_model_id == model_id:
        return
    session.add(
        Activation(
            actor=actor[:128],
            previous_model_id=previous_model_id,
            model_id=model_id,
            reason=reason[:1000],
            evidence=evidence,
        )
    )


async def activate_recorded(
    session: AsyncSession,
    model_id: str,
    *,
    actor: str,
    reason: str,
    evidence: dict[str, Any] | None = None,
) -> str | None:
    """Activate a model and record it in one transaction; returns the previous active id."""
    previous = await active_model_id(session)
    await activate_model(session, model_id)
    record_activation(session, previous, model_id, actor=actor, reason=reason, evidence=evidence)
    return previous


async def remove_model(session: AsyncSession, model: MLModel) -> None:
    """Delete a model with its artifact, players and roll-forward row (caller owns the
    transaction and has checked it may go); its training jobs stay as history."""
    model_id = model.id
    await session.exec(delete(ModelArtifact).where(col(ModelArtifact.model_id) == model_id))
    await session.exec(delete(Player).where(col(Player.model_id) == model_id))
    await session.exec(delete(RollForwardState).where(col(RollForwardState.model_id) == model_id))
    await session.delete(model)
    await session.flush()


async def replace_shadows(session: AsyncSession, model_ids: list[str]) -> None:
    """Make exactly these models the shadow set (the caller has checked each may shadow)."""
    await session.exec(
        update(MLModel)
        .where(col(MLModel.shadow), col(MLModel.id).not_in(model_ids))
        .values(shadow=False)
    )
    if model_ids:
        await session.exec(
            update(MLModel).where(col(MLModel.id).in_(model_ids)).values(shadow=True)
        )
    await session.flush()
