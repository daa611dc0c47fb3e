"""Whether this machine can train CatBoost on a GPU (the `task_type="GPU"` hyperparameter)."""

from __future__ import annotations

import functools


@functools.cache
def gpu_count() -> int:
    """CUDA devices CatBoost can use: `catboost.utils.get_gpu_device_count()`, once per process.

    CatBoost asks the CUDA runtime; without a GPU or a driver it answers 0 (and prints a note
    on stderr, e.g. "CUDA driver version is insufficient"), which is what a CPU-only machine
    reports. The API checks it when a fit is submitted and the worker again when it trains, so
    a GPU request is refused with a 400 on a machine without one instead of failing in the job.
    """
    from catboost.utils import get_gpu_device_count

    try:
        return int(get_gpu_device_count())
    except Exception:  # any CUDA probing failure means "no usable GPU"
        return 0
