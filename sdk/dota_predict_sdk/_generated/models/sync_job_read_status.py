from typing import Literal

SyncJobReadStatus = Literal["cancelled", "failed", "queued", "running", "succeeded"]

SYNC_JOB_READ_STATUS_VALUES: set[SyncJobReadStatus] = {
    "cancelled",
    "failed",
    "queued",
    "running",
    "succeeded",
}


def check_sync_job_read_status(value: str) -> SyncJobReadStatus:
    if value in SYNC_JOB_READ_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SYNC_JOB_READ_STATUS_VALUES!r}"
    )
