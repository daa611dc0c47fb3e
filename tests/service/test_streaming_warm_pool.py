"""The worker's warm training child: takes a job it was not started for, and is replaced."""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from backend.worker.warm_pool import WarmPool, exit_code
from tests.support.live_service import poll_until


def _report(results: Connection, value: int) -> None:
    results.send(("result", value * 2, sorted(m for m in sys.modules if m.startswith("backend"))))
    results.close()


def test_a_prefilled_child_runs_the_job_and_the_next_one_is_started() -> None:
    pool = WarmPool()
    pool.prefill()
    assert pool._idle is not None
    warm = pool._idle[0]
    process, results = pool.start(_report, (21,))
    assert process is warm  # the pre-started child took the job
    assert results.poll(300)  # generous: imports on a busy machine
    kind, value, modules = results.recv()
    assert (kind, value) == ("result", 42)
    assert "backend.ml" in modules  # imports were done before the job came
    # exit_code, not join + exitcode: the pool's next spawn polls this child too (a race)
    assert exit_code(process, 300) == 0
    idle = poll_until(lambda: pool._idle, timeout=120)
    assert idle[0].pid != warm.pid and idle[0].is_alive()
    idle[1].close()  # no job: the idle child exits on its own
    assert exit_code(idle[0], 300) == 0
