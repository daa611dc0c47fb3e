from typing import Literal

ModelInfoStatus = Literal["failed", "ready", "training"]

MODEL_INFO_STATUS_VALUES: set[ModelInfoStatus] = {
    "failed",
    "ready",
    "training",
}


def check_model_info_status(value: str) -> ModelInfoStatus:
    if value in MODEL_INFO_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_INFO_STATUS_VALUES!r}"
    )
