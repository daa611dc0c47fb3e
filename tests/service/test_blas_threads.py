"""An API process runs numpy's BLAS with APP_API_BLAS_THREADS threads (default 1).

OpenBLAS's own default (one thread per core) made predict_csv's matrix products spin a second
core for no gain in time. Run in a child process: the limit is process-wide, and this test
process's own BLAS threads stay as they are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backend.db.migrate import upgrade_to_head

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys
from litestar.testing import TestClient
from threadpoolctl import threadpool_info
from backend.app import create_app
from backend.settings import Settings

def blas():
    return sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})

before = blas()
settings = Settings(database_url=sys.argv[1], bootstrap_default_model=False)
with TestClient(create_app(settings)) as client:
    status = client.get("/").status_code
    during = blas()
print(json.dumps({"before": before, "during": during, "status": status}))
"""


@pytest.mark.parametrize(("setting", "expected"), [(None, 1), ("2", 2)])
def test_the_api_process_limits_blas_threads(
    tmp_path: Path, redis_url: str, setting: str | None, expected: int
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'api.db'}"
    upgrade_to_head(url)
    env = {**os.environ, "APP_REDIS_URL": redis_url}
    env.pop("OPENBLAS_NUM_THREADS", None)
    env.pop("APP_API_BLAS_THREADS", None)
    if setting is not None:
        env["APP_API_BLAS_THREADS"] = setting
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    (cores,) = seen["before"]  # OpenBLAS starts with a thread per core (at most its build's)
    assert seen["during"] == [min(expected, cores)] and seen["status"] == 200
