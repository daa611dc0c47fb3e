from typing import Literal

HyperparameterReadType = Literal["bool", "choice", "float", "int"]

HYPERPARAMETER_READ_TYPE_VALUES: set[HyperparameterReadType] = {
    "bool",
    "choice",
    "float",
    "int",
}


def check_hyperparameter_read_type(value: str) -> HyperparameterReadType:
    if value in HYPERPARAMETER_READ_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HYPERPARAMETER_READ_TYPE_VALUES!r}"
    )
