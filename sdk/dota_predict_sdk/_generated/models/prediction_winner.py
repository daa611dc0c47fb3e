from typing import Literal

PredictionWinner = Literal["dire", "radiant"]

PREDICTION_WINNER_VALUES: set[PredictionWinner] = {
    "dire",
    "radiant",
}


def check_prediction_winner(value: str) -> PredictionWinner:
    if value in PREDICTION_WINNER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PREDICTION_WINNER_VALUES!r}"
    )
