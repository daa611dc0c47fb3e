from typing import Literal

ListEvaluationsKind = Literal["any", "backtest", "evaluation"]

LIST_EVALUATIONS_KIND_VALUES: set[ListEvaluationsKind] = {
    "any",
    "backtest",
    "evaluation",
}


def check_list_evaluations_kind(value: str) -> ListEvaluationsKind:
    if value in LIST_EVALUATIONS_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_EVALUATIONS_KIND_VALUES!r}"
    )
