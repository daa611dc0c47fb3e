"""The live record of a shadow against the champion: both models' scored predictions of the
matches both scored, paired by match (``backend/ml/paired.py``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.ledger.scoring import ScoredPredictions, scored_predictions
from backend.ml.paired import paired_comparison

MIN_PAIRED = 30  # fewer paired matches give no interval worth reading (as the drift verdict)


@dataclass(frozen=True)
class LiveRecord:
    """Both models' scored predictions of the matches both have a scored prediction of."""

    match_ids: np.ndarray
    outcomes: np.ndarray
    champion: np.ndarray
    challenger: np.ndarray

    def __len__(self) -> int:
        return len(self.match_ids)

    def comparison(self) -> dict[str, Any] | None:
        """Challenger minus champion, paired bootstrap, with n_matches; None without matches."""
        if not len(self):
            return None
        compared = paired_comparison(self.outcomes, self.champion, self.challenger)
        return {**compared, "n_matches": len(self)}


def paired(champion: ScoredPredictions, challenger: ScoredPredictions) -> LiveRecord:
    """The matches both scored, in the champion's order (results' arrival)."""
    _, at_champion, at_challenger = np.intersect1d(
        champion.match_ids, challenger.match_ids, assume_unique=True, return_indices=True
    )
    order = np.sort(at_champion)  # keep arrival order
    back = np.argsort(at_champion)
    at_challenger = at_challenger[back]
    return LiveRecord(
        match_ids=champion.match_ids[order],
        outcomes=champion.outcomes[order],
        champion=champion.probabilities[order],
        challenger=challenger.probabilities[at_challenger],
    )


async def live_record(
    session: AsyncSession,
    champion_id: str,
    challenger_id: str,
    champion: ScoredPredictions | None = None,
) -> tuple[ScoredPredictions, LiveRecord]:
    """The challenger's scored predictions and its record paired with the champion's."""
    if champion is None:
        champion = await scored_predictions(session, champion_id)
    challenger = await scored_predictions(session, challenger_id)
    return challenger, await asyncio.to_thread(paired, champion, challenger)
