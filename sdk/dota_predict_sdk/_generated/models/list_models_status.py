from typing import Literal

ListModelsStatus = Literal["any", "failed", "ready", "training"]

LIST_MODELS_STATUS_VALUES: set[ListModelsStatus] = {
    "any",
    "failed",
    "ready",
    "training",
}


def check_list_models_status(value: str) -> ListModelsStatus:
    if value in LIST_MODELS_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_MODELS_STATUS_VALUES!r}"
    )
