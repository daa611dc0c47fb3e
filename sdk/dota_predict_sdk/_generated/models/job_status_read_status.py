from typing import Literal

JobStatusReadStatus = Literal["cancelled", "failed", "queued", "running", "succeeded"]

JOB_STATUS_READ_STATUS_VALUES: set[JobStatusReadStatus] = {
    "cancelled",
    "failed",
    "queued",
    "running",
    "succeeded",
}


def check_job_status_read_status(value: str) -> JobStatusReadStatus:
    if value in JOB_STATUS_READ_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {JOB_STATUS_READ_STATUS_VALUES!r}"
    )
