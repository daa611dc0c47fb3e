from typing import Literal

ComponentsDatabase = Literal["ok", "unavailable"]

COMPONENTS_DATABASE_VALUES: set[ComponentsDatabase] = {
    "ok",
    "unavailable",
}


def check_components_database(value: str) -> ComponentsDatabase:
    if value in COMPONENTS_DATABASE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COMPONENTS_DATABASE_VALUES!r}"
    )
