from typing import Literal

FitAcceptedStatus = Literal["cancelled", "failed", "queued", "running", "succeeded"]

FIT_ACCEPTED_STATUS_VALUES: set[FitAcceptedStatus] = {
    "cancelled",
    "failed",
    "queued",
    "running",
    "succeeded",
}


def check_fit_accepted_status(value: str) -> FitAcceptedStatus:
    if value in FIT_ACCEPTED_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIT_ACCEPTED_STATUS_VALUES!r}"
    )
