from typing import Literal

ErrorCode = Literal[
    "dataset_builtin",
    "dataset_in_use",
    "dataset_not_found",
    "empty_file",
    "evaluation_not_found",
    "forbidden",
    "http_error",
    "internal_error",
    "invalid_csv",
    "invalid_draft",
    "invalid_hyperparameters",
    "invalid_model_id",
    "invalid_request",
    "job_finished",
    "job_not_found",
    "method_not_allowed",
    "model_active",
    "model_artifact_invalid",
    "model_id_taken",
    "model_not_found",
    "model_not_ready",
    "model_outdated",
    "model_training",
    "no_active_model",
    "not_found",
    "queue_unavailable",
    "too_large",
    "too_little_data",
    "unauthorized",
    "unknown_model_type",
    "unsupported_media_type",
]

ERROR_CODE_VALUES: set[ErrorCode] = {
    "dataset_builtin",
    "dataset_in_use",
    "dataset_not_found",
    "empty_file",
    "evaluation_not_found",
    "forbidden",
    "http_error",
    "internal_error",
    "invalid_csv",
    "invalid_draft",
    "invalid_hyperparameters",
    "invalid_model_id",
    "invalid_request",
    "job_finished",
    "job_not_found",
    "method_not_allowed",
    "model_active",
    "model_artifact_invalid",
    "model_id_taken",
    "model_not_found",
    "model_not_ready",
    "model_outdated",
    "model_training",
    "no_active_model",
    "not_found",
    "queue_unavailable",
    "too_large",
    "too_little_data",
    "unauthorized",
    "unknown_model_type",
    "unsupported_media_type",
}


def check_error_code(value: str) -> ErrorCode:
    if value in ERROR_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ERROR_CODE_VALUES!r}"
    )
