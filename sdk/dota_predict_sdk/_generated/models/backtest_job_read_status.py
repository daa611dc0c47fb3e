from typing import Literal

BacktestJobReadStatus = Literal["cancelled", "failed", "queued", "running", "succeeded"]

BACKTEST_JOB_READ_STATUS_VALUES: set[BacktestJobReadStatus] = {
    "cancelled",
    "failed",
    "queued",
    "running",
    "succeeded",
}


def check_backtest_job_read_status(value: str) -> BacktestJobReadStatus:
    if value in BACKTEST_JOB_READ_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BACKTEST_JOB_READ_STATUS_VALUES!r}"
    )
