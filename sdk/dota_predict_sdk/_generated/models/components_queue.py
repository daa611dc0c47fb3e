from typing import Literal

ComponentsQueue = Literal["ok", "unavailable"]

COMPONENTS_QUEUE_VALUES: set[ComponentsQueue] = {
    "ok",
    "unavailable",
}


def check_components_queue(value: str) -> ComponentsQueue:
    if value in COMPONENTS_QUEUE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COMPONENTS_QUEUE_VALUES!r}"
    )
