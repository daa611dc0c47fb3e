from typing import Literal

EvaluationSummaryKind = Literal["backtest", "evaluation"]

EVALUATION_SUMMARY_KIND_VALUES: set[EvaluationSummaryKind] = {
    "backtest",
    "evaluation",
}


def check_evaluation_summary_kind(value: str) -> EvaluationSummaryKind:
    if value in EVALUATION_SUMMARY_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVALUATION_SUMMARY_KIND_VALUES!r}"
    )
