from typing import Literal

MatchPredictionWinner = Literal["dire", "radiant"]

MATCH_PREDICTION_WINNER_VALUES: set[MatchPredictionWinner] = {
    "dire",
    "radiant",
}


def check_match_prediction_winner(value: str) -> MatchPredictionWinner:
    if value in MATCH_PREDICTION_WINNER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MATCH_PREDICTION_WINNER_VALUES!r}"
    )
