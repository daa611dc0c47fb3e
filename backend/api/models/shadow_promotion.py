"""POST /promote with evidence=shadow: the live record of a shadow decides, by promote's rule.

The evidence is the ledger: the challenger's and the active model's scored predictions of the
same matches (each made before its result was stored, at its point in time), paired by match.
The rule is the file evidence's: the whole 95 % paired-bootstrap interval of log-loss(challenger)
minus log-loss(active) below zero, neither model trained on more than the allowed share of the
matches, and at least MIN_PAIRED matches.
"""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.lifecycle_schemas import PromoteForm, PromotionResult
from backend.api.models.overlap import in_training, training_match_ids
from backend.api.models.serving import champion_id, ready_model
from backend.context import AppContext
from backend.db.registry import activate_recorded
from backend.errors import ApiError, ErrorCode
from backend.ledger.shadow_record import MIN_PAIRED, live_record
from backend.ml import scorecard

MODE = "shadow_live"
EVIDENCE = "shadow"  # the form value that asks for it


async def promote_on_live_record(
    ctx: AppContext, session: AsyncSession, form: PromoteForm, actor: str
) -> PromotionResult:
    """Promote the challenger on its live record against the active model (the ledger)."""
    if form.evidence != EVIDENCE:
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            f"evidence must be {EVIDENCE!r} (the live record of a shadow challenger)",
            field="evidence",
        )
    if form.file is not None or form.evaluation_id:
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            "give exactly one of file, evaluation_id or evidence=shadow",
            field="evidence",
        )
    challenger = await ready_model(session, form.model_id)
    active_id = await champion_id(session)
    champion = await ready_model(session, active_id)

    def result(promoted: bool, reason: str, evidence: dict[str, Any] | None) -> PromotionResult:
        return PromotionResult(
            promoted=promoted,
            reason=reason,
            model_id=challenger.id,
            active_model_id=challenger.id if promoted else active_id,
            evidence=evidence,
        )

    if challenger.id == active_id:
        return result(False, f"model {challenger.id!r} is already the active model", None)
    _, record = await live_record(session, active_id, challenger.id)
    n = len(record)
    comparison = record.comparison()
    share = ctx.settings.promotion_max_training_share
    trained = {
        m.id: int(in_training(record.match_ids, await training_match_ids(ctx, session, m)).sum())
        for m in (challenger, champion)
    }
    evidence: dict[str, Any] = {
        "mode": MODE,
        "n_compared": n,
        "training_matches": trained,
        "challenger": {"model_id": challenger.id, **_scores(record.outcomes, record.challenger)},
        "champion": {"model_id": active_id, **_scores(record.outcomes, record.champion)},
        "vs_active": comparison,
        "rule": "promote iff the 95 % interval of log-loss(challenger) - log-loss(active) < 0 "
        f"on the live record (at least {MIN_PAIRED} matches both models predicted before "
        f"their results), neither model trained on more than {share:.0%} of them",
    }
    if n < MIN_PAIRED or comparison is None:
        return result(
            False,
            f"not promoted: {challenger.id!r} and {active_id!r} have {n} scored matches in "
            f"common in the ledger; at least {MIN_PAIRED} needed (make it a shadow with PUT "
            "/api/v1/models/shadow and post results)",
            evidence,
        )
    for model_id, count in trained.items():
        if count / n > share:
            return result(
                False,
                f"not promoted: model {model_id!r} was trained on {count} of the {n} matches "
                f"({count / n:.0%}; at most {share:.0%} allowed)",
                evidence,
            )
    ci = comparison["log_loss_ci"]
    summary = (
        f"log-loss difference {comparison['log_loss_diff']:+.4f} (95 % interval "
        f"[{ci[0]:+.4f}, {ci[1]:+.4f}]) on {n} matches of the live record"
        if ci
        else f"log-loss difference {comparison['log_loss_diff']:+.4f} (no interval)"
    )
    if ci is None or ci[1] >= 0:
        return result(
            False, f"not promoted: {summary}; the whole interval must lie below zero", evidence
        )
    reason = f"promoted over {active_id!r}: {summary}"
    await activate_recorded(session, challenger.id, actor=actor, reason=reason, evidence=evidence)
    return result(True, reason, evidence)


def _scores(y: Any, p: Any) -> dict[str, float | None]:
    return scorecard.scores(y, p)
