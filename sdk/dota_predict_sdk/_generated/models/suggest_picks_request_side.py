from typing import Literal

SuggestPicksRequestSide = Literal["dire", "radiant"]

SUGGEST_PICKS_REQUEST_SIDE_VALUES: set[SuggestPicksRequestSide] = {
    "dire",
    "radiant",
}


def check_suggest_picks_request_side(value: str) -> SuggestPicksRequestSide:
    if value in SUGGEST_PICKS_REQUEST_SIDE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SUGGEST_PICKS_REQUEST_SIDE_VALUES!r}"
    )
