from typing import Literal

PsiLevel = Literal["major", "moderate", "stable"]

PSI_LEVEL_VALUES: set[PsiLevel] = {
    "major",
    "moderate",
    "stable",
}


def check_psi_level(value: str) -> PsiLevel:
    if value in PSI_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PSI_LEVEL_VALUES!r}")
