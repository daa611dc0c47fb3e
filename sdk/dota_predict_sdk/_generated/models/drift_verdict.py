from typing import Literal

DriftVerdict = Literal["degraded", "ok", "watch"]

DRIFT_VERDICT_VALUES: set[DriftVerdict] = {
    "degraded",
    "ok",
    "watch",
}


def check_drift_verdict(value: str) -> DriftVerdict:
    if value in DRIFT_VERDICT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DRIFT_VERDICT_VALUES!r}"
    )
