"""First start: train and activate the default model through the normal worker pipeline."""

from __future__ import annotations

import logging

from sqlmodel import select

from backend.api.models.schemas import DEFAULT_MODEL_ID, FitForm
from backend.api.models.training import submit_fit
from backend.context import AppContext
from backend.db.tables import MLModel
from backend.errors import ApiError
from backend.ml import DEFAULT_MODEL_TYPE

log = logging.getLogger(__name__)


async def ensure_default_model(ctx: AppContext) -> str | None:
    """Queue the default model when the database has no model at all; returns its job id."""
    async with ctx.session_factory() as session:
        if (await session.exec(select(MLModel.id).limit(1))).first() is not None:
            return None
    try:
        accepted = await submit_fit(
            ctx,
            FitForm(model_type=DEFAULT_MODEL_TYPE, model_id=DEFAULT_MODEL_ID),
            activate_on_success=True,
        )
    except ApiError as exc:  # another API process won the race, or the queue is down
        log.warning("default model not queued: %s", exc.body.message)
        return None
    except Exception as exc:  # e.g. a unique-constraint race between two processes
        log.warning("default model not queued: %s", exc)
        return None
    log.info("queued the default model %s as job %s", accepted.model_id, accepted.job_id)
    return accepted.job_id
