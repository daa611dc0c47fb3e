from typing import Literal

FactorKind = Literal["baseline", "feature", "other"]

FACTOR_KIND_VALUES: set[FactorKind] = {
    "baseline",
    "feature",
    "other",
}


def check_factor_kind(value: str) -> FactorKind:
    if value in FACTOR_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FACTOR_KIND_VALUES!r}"
    )
