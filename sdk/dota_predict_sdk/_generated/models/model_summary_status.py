from typing import Literal

ModelSummaryStatus = Literal["failed", "ready", "training"]

MODEL_SUMMARY_STATUS_VALUES: set[ModelSummaryStatus] = {
    "failed",
    "ready",
    "training",
}


def check_model_summary_status(value: str) -> ModelSummaryStatus:
    if value in MODEL_SUMMARY_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_SUMMARY_STATUS_VALUES!r}"
    )
