"""Draft helper: rank every hero the picking side could take next, scored in one batch.

How a partial draft is scored: the candidate takes the picking side's next slot; every other
open slot (of either side) is filled from ``N_COMPLETIONS`` completions sampled once per
request with a fixed seed: heroes drawn without replacement in proportion to how often the
model saw them picked (Gumbel top-k), never a picked, banned or the candidate hero. All
candidates share the same completions (common random numbers, so their differences are not
noise), and the same completions give ``current_probability`` (the draft as it is). A slot of
a sampled hero has an unknown player. When nothing is open after the pick, one completion is
the draft itself and every probability equals POST /predict on that draft.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.drafts import SideRule, checked_picks
from backend.api.models.lifecycle_schemas import (
    PickSuggestion,
    PickSuggestions,
    SuggestPicksRequest,
)
from backend.api.models.serving import load_entry, ready_model
from backend.context import AppContext
from backend.errors import ApiError, ErrorCode
from backend.matches import (
    CANONICAL_SCHEMA,
    MatchDataError,
    hero_registry,
)
from backend.ml.frame import prepare_matches, to_arrays
from backend.serving.in_time import ServingPlan, plan

if TYPE_CHECKING:
    from backend.ml import TrainedModel

N_COMPLETIONS = 16
SEED = 20261127


@dataclass(frozen=True)
class Draft:
    """A validated partial draft from the picking side's point of view."""

    side: str
    own: list[int]  # heroes of the picking side (0-4)
    own_accounts: list[int | None]
    other: list[int]  # heroes of the other side (0-5)
    other_accounts: list[int | None]
    banned: set[int]
    next_account: int | None


def _bad(message: str, field: str) -> ApiError:
    return ApiError(400, ErrorCode.invalid_draft, message, field=field)


def parse_draft(request: SuggestPicksRequest) -> Draft:
    """Check the partial draft by the drafts' one validator (the picking side at most 4
    picks, the other at most 5, the next player's account), then the bans."""
    other = "dire" if request.side == "radiant" else "radiant"
    rules = {
        request.side: SideRule(4, role=" (the picking side)"),
        other: SideRule(5, role=" (the other side)"),
    }
    picks = checked_picks(
        {"radiant": request.radiant, "dire": request.dire},
        rules,
        {"account_id": request.account_id},
    )
    registry = hero_registry()
    seen = picks.picked_as
    banned: set[int] = set()
    for i, value in enumerate(request.bans):
        try:
            hero = registry.resolve(value, where=f"bans[{i}]")
        except MatchDataError as exc:
            raise _bad(exc.message, f"bans[{i}]") from exc
        if hero in seen:
            raise _bad(f"{registry.name(hero)} is both picked ({seen[hero]}) and banned", "bans")
        banned.add(hero)
    return Draft(
        side=request.side,
        own=picks.heroes[request.side],
        own_accounts=picks.accounts[request.side],
        other=picks.heroes[other],
        other_accounts=picks.accounts[other],
        banned=banned,
        next_account=picks.extra["account_id"],
    )


def hero_pick_counts(model: TrainedModel) -> dict[int, float]:
    """Picks per hero the model knows (a hero never picked is unknown).

    With decayed hero statistics (``hero_stats_half_life_days``) recent picks weigh more: the
    completions follow the current meta.
    """
    registry = hero_registry()
    tables = getattr(getattr(model, "state", None), "tables", None) or {}
    table = tables.get("hero")
    if table is None:  # a model without hero counts: every named hero, equally likely
        return {h.id: 1.0 for h in registry.heroes}
    return {
        int(k): float(g)
        for k, g in zip(table.keys, table.games, strict=True)
        if g > 0 and registry.lookup(int(k)) is not None
    }


def _completions(
    pool: np.ndarray, weights: np.ndarray, width: int, rng: np.random.Generator
) -> np.ndarray:
    """(N_COMPLETIONS, width) heroes, weighted sampling without replacement (Gumbel top-k)."""
    keys = np.log(weights)[None, :] + rng.gumbel(size=(N_COMPLETIONS, len(pool)))
    top = np.argsort(-keys, axis=1, kind="stable")[:, : min(width, len(pool))]
    return pool[top]


def _frame(heroes: np.ndarray, accounts: np.ndarray) -> pl.DataFrame:
    """Canonical frame from (n, 10) hero ids and account ids (0 = unknown player)."""
    n = heroes.shape[0]
    columns: dict[str, object] = {"match_id": np.arange(n, dtype=np.int64)}
    for j, side in enumerate(("radiant", "dire")):
        for i in range(5):
            columns[f"{side}_hero_{i + 1}"] = heroes[:, 5 * j + i]
            columns[f"{side}_account_id_{i + 1}"] = accounts[:, 5 * j + i]
    frame = pl.DataFrame(columns)
    return frame.select(
        pl.when(pl.col(name) > 0).then(pl.col(name)).cast(dtype).alias(name)
        if "account_id" in name
        else (pl.col(name) if name in columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in CANONICAL_SCHEMA.items()
    )


def _rows(
    side: str, own: np.ndarray, other: np.ndarray, own_acc: list[int], other_acc: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """(n, 10) heroes and accounts in radiant-then-dire order from the picking side's view."""
    n = own.shape[0]
    acc_own = np.broadcast_to(np.array(own_acc, dtype=np.int64), (n, 5))
    acc_other = np.broadcast_to(np.array(other_acc, dtype=np.int64), (n, 5))
    if side == "radiant":
        return np.hstack([own, other]), np.hstack([acc_own, acc_other])
    return np.hstack([other, own]), np.hstack([acc_other, acc_own])


def score_candidates(
    model: TrainedModel, draft: Draft, at: ServingPlan | None = None
) -> tuple[float, np.ndarray, np.ndarray, int]:
    """(current probability, candidate ids, their probabilities, completions per candidate).

    ``at``: the plan of a past match (one row): every candidate row is then scored from the
    model's state just before that match.
    """
    counts = hero_pick_counts(model)
    taken = set(draft.own) | set(draft.other) | draft.banned
    candidates = np.array(sorted(h for h in counts if h not in taken), dtype=np.int64)
    c = len(candidates)
    n_own_open = 4 - len(draft.own)  # open own slots after the candidate takes the next one
    n_other_open = 5 - len(draft.other)
    n_open = n_own_open + n_other_open
    if c <= n_open:
        raise ApiError(
            400,
            ErrorCode.invalid_draft,
            f"only {c} heroes are left to pick from; fewer bans or picks are needed",
            field="bans",
        )
    weights = np.array([counts[h] for h in candidates], dtype=np.float64)
    fills = _completions(candidates, weights, n_open + 1, np.random.default_rng(SEED))
    k = N_COMPLETIONS if n_open else 1
    # Candidate h in completion s takes the first n_open heroes of fills[s] other than h.
    head = fills[:k]
    skip = head[None, :, :] == candidates[:, None, None]  # (C, k, n_open + 1)
    order = np.argsort(skip, axis=2, kind="stable")[:, :, :n_open]
    fill = np.take_along_axis(np.broadcast_to(head, skip.shape), order, axis=2)
    fixed_own = np.broadcast_to(np.array(draft.own, dtype=np.int64), (c, k, len(draft.own)))
    fixed_other = np.broadcast_to(np.array(draft.other, dtype=np.int64), (c, k, len(draft.other)))
    own = np.concatenate(
        [fixed_own, np.broadcast_to(candidates[:, None, None], (c, k, 1)), fill[..., :n_own_open]],
        axis=2,
    ).reshape(c * k, 5)
    other = np.concatenate([fixed_other, fill[..., n_own_open:]], axis=2).reshape(c * k, 5)
    own_acc = [a or 0 for a in draft.own_accounts] + [draft.next_account or 0] + [0] * n_own_open
    other_acc = [a or 0 for a in draft.other_accounts] + [0] * n_other_open
    heroes, accounts = _rows(draft.side, own, other, own_acc, other_acc)
    # The draft as it is: the next own slot is open too (its player has no hero yet).
    cur_own = np.hstack(
        [
            np.broadcast_to(np.array(draft.own, dtype=np.int64), (N_COMPLETIONS, len(draft.own))),
            fills[:, : n_own_open + 1],
        ]
    )
    cur_other = np.hstack(
        [
            np.broadcast_to(
                np.array(draft.other, dtype=np.int64), (N_COMPLETIONS, len(draft.other))
            ),
            fills[:, n_own_open + 1 :],
        ]
    )
    cur_own_acc = [a or 0 for a in draft.own_accounts] + [0] * (n_own_open + 1)
    cur_heroes, cur_accounts = _rows(draft.side, cur_own, cur_other, cur_own_acc, other_acc)
    # One batch: every candidate row and the current rows.
    batch = _frame(np.vstack([heroes, cur_heroes]), np.vstack([accounts, cur_accounts]))
    if at is None or at.timeline is None or at.cutoffs is None:
        radiant_p = model.predict_proba(batch)
    else:
        arrays = to_arrays(prepare_matches(batch, require_label=False))
        rows = np.full(batch.height, at.cutoffs[0], dtype=np.int64)
        radiant_p = ServingPlan(model, at.timeline, rows).predict(arrays.heroes, arrays.accounts)
    p = radiant_p if draft.side == "radiant" else 1.0 - radiant_p
    return float(p[c * k :].mean()), candidates, p[: c * k].reshape(c, k).mean(axis=1), k


async def suggest_picks(
    ctx: AppContext, session: AsyncSession, request: SuggestPicksRequest
) -> PickSuggestions:
    """The best next picks for one side, best first."""
    draft = parse_draft(request)
    model = await ready_model(session, request.model_id)
    entry = await load_entry(ctx, session, model)
    at = None
    if request.match_id is not None:  # a past match: its point in time, not the latest state
        at = await plan(ctx.models, model.id, entry, np.array([request.match_id], np.int64))
    current, candidates, probabilities, k = await asyncio.to_thread(
        score_candidates, entry.model, draft, at
    )
    registry = hero_registry()
    order = np.lexsort((candidates, -probabilities))[: request.top_n]
    return PickSuggestions(
        model_id=model.id,
        side=draft.side,
        current_probability=current,
        n_completions=k,
        suggestions=[
            PickSuggestion(
                hero_id=int(candidates[i]),
                hero_name=registry.name(int(candidates[i])),
                win_probability=float(probabilities[i]),
                delta=float(probabilities[i] - current),
            )
            for i in order
        ],
    )
