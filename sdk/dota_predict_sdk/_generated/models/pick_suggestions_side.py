from typing import Literal

PickSuggestionsSide = Literal["dire", "radiant"]

PICK_SUGGESTIONS_SIDE_VALUES: set[PickSuggestionsSide] = {
    "dire",
    "radiant",
}


def check_pick_suggestions_side(value: str) -> PickSuggestionsSide:
    if value in PICK_SUGGESTIONS_SIDE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PICK_SUGGESTIONS_SIDE_VALUES!r}"
    )
