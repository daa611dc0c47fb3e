"""Champion/challenger promotion on a labelled file or a stored evaluation (a shadow's live
record: shadow_promotion.py)."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.evaluation import SCORE_KEYS, evaluate, stored_evaluation
from backend.api.models.lifecycle_schemas import (
    EvaluateForm,
    EvaluationRead,
    ModelEvaluation,
    PromoteForm,
    PromotionResult,
)
from backend.api.models.serving import champion_id, ready_model
from backend.api.models.shadow_promotion import promote_on_live_record
from backend.context import AppContext
from backend.db.registry import activate_recorded
from backend.errors import ApiError, ErrorCode


def _scores(result: ModelEvaluation) -> dict[str, Any]:
    return {"model_id": result.model_id, **{k: getattr(result, k) for k in SCORE_KEYS}}


HONEST_MODES = ("point_in_time", "walk_forward")


def _dishonest(
    evaluation: EvaluationRead,
    challenger: ModelEvaluation,
    champion: ModelEvaluation,
    max_share: float,
) -> str | None:
    """Why this evidence cannot decide a promotion, or None when it can."""
    if challenger.mode not in HONEST_MODES or champion.mode not in HONEST_MODES:
        return (
            f"evaluation {evaluation.evaluation_id} was scored with the models' latest state "
            "(before point-in-time scoring existed), so past matches could see their own "
            "results; evaluate again"
        )
    if challenger.in_sample or champion.in_sample:
        return (
            f"evaluation {evaluation.evaluation_id} includes matches the models were trained "
            "on (include_training_matches); evaluate without them"
        )
    n = max(evaluation.n_matches, 1)
    for result in (challenger, champion):
        if result.n_training_matches / n > max_share:
            return (
                f"model {result.model_id!r} was trained on {result.n_training_matches} of the "
                f"{evaluation.n_matches} matches ({result.n_training_matches / n:.0%}; at most "
                f"{max_share:.0%} allowed); evaluate on matches neither model has seen"
            )
    return None


def _ci(values: list[float] | None) -> str:
    return "n/a" if values is None else f"[{values[0]:+.4f}, {values[1]:+.4f}]"


async def promote(
    ctx: AppContext, session: AsyncSession, form: PromoteForm, actor: str
) -> PromotionResult:
    """Activate the challenger only if it beats the active model's log-loss, 95 % surely."""
    if form.evidence:  # the live record of a shadow challenger (shadow_promotion.py)
        return await promote_on_live_record(ctx, session, form, actor)
    if (form.file is None) == (form.evaluation_id is None or form.evaluation_id == ""):
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            "give exactly one of file (a labelled match CSV) or evaluation_id (a stored "
            "evaluation)",
            field="file" if form.file is None else "evaluation_id",
        )
    challenger = await ready_model(session, form.model_id)
    active_id = await champion_id(session)

    def refuse(reason: str, evaluation: EvaluationRead | None = None, **evidence: Any) -> Any:
        return PromotionResult(
            promoted=False,
            reason=reason,
            model_id=challenger.id,
            active_model_id=active_id,
            evaluation_id=evaluation.evaluation_id if evaluation else None,
            evidence=evidence or None,
        )

    if challenger.id == active_id:
        return refuse(f"model {challenger.id!r} is already the active model")
    if form.file is not None:
        evaluation = await evaluate(
            ctx, session, EvaluateForm(file=form.file, model_ids=challenger.id)
        )
    else:
        evaluation = await stored_evaluation(session, str(form.evaluation_id))
    if evaluation.active_model_id != active_id:
        return refuse(
            f"evaluation {evaluation.evaluation_id} compared against {evaluation.active_model_id!r}"
            f" but the active model is now {active_id!r}; evaluate again",
            evaluation,
        )
    by_id = {r.model_id: r for r in evaluation.results}
    result = by_id.get(challenger.id)
    if result is not None and active_id in by_id:
        share = ctx.settings.promotion_max_training_share
        dishonest = _dishonest(evaluation, result, by_id[active_id], share)
        if dishonest is not None:
            champion = by_id[active_id]
            return refuse(
                f"not promoted: {dishonest}",
                evaluation,
                evaluation_id=evaluation.evaluation_id,
                mode=result.mode,
                training_matches={
                    challenger.id: result.n_training_matches,
                    active_id: champion.n_training_matches,
                },
                in_sample=result.in_sample or champion.in_sample,
            )
    if result is None or result.vs_active is None or active_id not in by_id:
        return refuse(
            f"evaluation {evaluation.evaluation_id} did not score {challenger.id!r} against the "
            "active model; evaluate it with model_ids including it",
            evaluation,
        )
    vs = result.vs_active
    champion = by_id[active_id]
    evidence = {
        "evaluation_id": evaluation.evaluation_id,
        "mode": result.mode,
        "filename": evaluation.filename,
        "dataset_sha256": evaluation.dataset_sha256,
        "n_matches": evaluation.n_matches,
        "n_compared": vs.n_matches,
        "training_matches": {
            challenger.id: result.n_training_matches,
            active_id: champion.n_training_matches,
        },
        "in_sample": result.in_sample or champion.in_sample,
        "challenger": _scores(result),
        "champion": _scores(champion),
        "vs_active": vs.model_dump(),
        "rule": "promote iff the 95 % interval of log-loss(challenger) - log-loss(active) < 0, "
        "on honest evidence: every match predicted before its result, neither model trained "
        f"on more than {ctx.settings.promotion_max_training_share:.0%} of the matches",
    }

    summary = (
        f"log-loss difference {vs.log_loss_diff:+.4f} (95 % interval {_ci(vs.log_loss_ci)}) "
        f"on {evaluation.n_matches} matches of evaluation {evaluation.evaluation_id}"
    )
    if vs.log_loss_ci is None or vs.log_loss_ci[1] >= 0:
        return refuse(
            f"not promoted: {summary}; the whole interval must lie below zero",
            evaluation,
            **evidence,
        )
    reason = f"promoted over {active_id!r}: {summary}"
    await activate_recorded(session, challenger.id, actor=actor, reason=reason, evidence=evidence)
    return PromotionResult(
        promoted=True,
        reason=reason,
        model_id=challenger.id,
        active_model_id=challenger.id,
        evaluation_id=evaluation.evaluation_id,
        evidence=evidence,
    )
