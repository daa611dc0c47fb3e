from typing import Literal

ComponentsDisk = Literal["ok", "unavailable"]

COMPONENTS_DISK_VALUES: set[ComponentsDisk] = {
    "ok",
    "unavailable",
}


def check_components_disk(value: str) -> ComponentsDisk:
    if value in COMPONENTS_DISK_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COMPONENTS_DISK_VALUES!r}"
    )
