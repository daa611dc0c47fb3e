"""Every change of the active model is recorded: who, when, previous and new, why, evidence."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.job_state import activate_model
from backend.db.tables import Activation, MLModel


async def current_active_id(session: AsyncSession) -> str | None:
    """The active model id as this transaction sees it."""
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
    previous = await current_active_id(session)
    await activate_model(session, model_id)
    record_activation(session, previous, model_id, actor=actor, reason=reason, evidence=evidence)
    return previous
