from typing import Literal

FitFormModelType = Literal["catboost", "hist_gradient_boosting", "logistic_regression"]

FIT_FORM_MODEL_TYPE_VALUES: set[FitFormModelType] = {
    "catboost",
    "hist_gradient_boosting",
    "logistic_regression",
}


def check_fit_form_model_type(value: str) -> FitFormModelType:
    if value in FIT_FORM_MODEL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIT_FORM_MODEL_TYPE_VALUES!r}"
    )
