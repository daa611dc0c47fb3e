"""Mixed-load probe: N clients for S seconds mixing every kind of request against one service.

Each client loops over a weighted mix — predict, predict_csv (1k rows), list/model_info, fit,
activate, delete, evaluate and results ingestion (new matches each time) — and records status and
latency per route. A 5xx, a timeout, or a 429/503 without Retry-After is a failure; 429/503 with
Retry-After is the service shedding load as it should (counted, not retried). `run_mix` is used
by the CI soak test (tests/service/test_mixed_load.py, bounded) and by this script for longer runs:

    .venv/bin/python -m bench.mixed_load --clients 50 --seconds 300 [--postgresql]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import polars as pl

from backend.matches import load_default_matches

TIMEOUT_SECONDS = 30.0
DRAFT = {
    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}
MIX = {  # weight of each request kind in a client's loop
    "predict": 60,
    "predict_csv": 8,
    "read": 10,
    "fit": 3,
    "activate": 4,
    "delete": 3,
    "evaluate": 5,
    "results": 7,
}


def _csv(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_csv(buffer)
    return buffer.getvalue()


@dataclass
class Outcome:
    """Statuses and latencies of one route."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)


@dataclass
class MixReport:
    """Everything the clients saw, by route."""

    routes: dict[str, Outcome] = field(default_factory=lambda: defaultdict(Outcome))
    seconds: float = 0.0

    def failures(self) -> list[str]:
        return [f"{route}: {f}" for route, o in self.routes.items() for f in o.failures]

    def table(self) -> str:
        lines = [
            "| route | requests | p50 ms | p99 ms | max ms | statuses |",
            "|---|---|---|---|---|---|",
        ]
        for route in sorted(self.routes):
            o = self.routes[route]
            lat = sorted(o.latencies) or [0.0]
            p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
            statuses = ", ".join(f"{k} x{v}" for k, v in sorted(o.statuses.items()))
            lines.append(f"| {route} | {len(o.latencies)} | {statistics.median(lat) * 1000:.0f} | "
                         f"{p99 * 1000:.0f} | {lat[-1] * 1000:.0f} | {statuses} |")  # fmt: skip
        return "\n".join(lines)


class _Client:
    def __init__(self, base_url: str, number: int, data: pl.DataFrame, report: MixReport,
                 lock: threading.Lock, rng: random.Random) -> None:  # fmt: skip
        self.http = httpx.Client(base_url=base_url, timeout=TIMEOUT_SECONDS)
        self.number = number
        self.data = data
        self.report = report
        self.lock = lock
        self.rng = rng
        self.own_models: list[str] = []
        self.next_match = 10**12 + number * 10**8  # results: new match ids, never clashing

    def request(self, route: str, method: str, url: str, **kwargs: object) -> httpx.Response | None:
        started = time.monotonic()
        try:
            response = self.http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException:
            self._record(route, started, "timeout", f"timed out after {TIMEOUT_SECONDS:g} s")
            return None
        except httpx.HTTPError as exc:
            self._record(route, started, type(exc).__name__, f"{type(exc).__name__}: {exc}")
            return None
        problem = None
        if (response.status_code >= 500 and response.status_code != 503) or (
            response.status_code in (429, 503) and "retry-after" not in response.headers
        ):
            problem = f"{response.status_code} {response.text[:200]}"
        self._record(route, started, str(response.status_code), problem)
        return response

    def _record(self, route: str, started: float, status: str, problem: str | None) -> None:
        with self.lock:
            outcome = self.report.routes[route]
            outcome.latencies.append(time.monotonic() - started)
            outcome.statuses[status] += 1
            if problem:
                outcome.failures.append(problem)

    def one(self) -> None:
        kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        getattr(self, kind)()

    def predict(self) -> None:
        self.request("predict", "POST", "/api/v1/models/predict", json=DRAFT)

    def predict_csv(self) -> None:
        start = self.rng.randrange(0, self.data.height - 1000)
        body = _csv(self.data.slice(start, 1000).drop("radiant_win"))
        self.request("predict_csv", "POST", "/api/v1/models/predict_csv",
                     files={"file": ("m.csv", body, "text/csv")})  # fmt: skip

    def read(self) -> None:
        listed = self.request("list", "GET", "/api/v1/models/list")
        if listed is not None and listed.status_code == 200:
            models = listed.json()["models"]
            if models:
                model_id = self.rng.choice(models)["model_id"]
                self.request("model_info", "GET", "/api/v1/models/model_info",
                             params={"model_id": model_id})  # fmt: skip

    def fit(self) -> None:
        model_id = f"mix-{self.number}-{self.rng.randrange(10**9)}"
        body = _csv(self.data.tail(3000))
        response = self.request("fit", "POST", "/api/v1/models/fit",
                                data={"model_type": "logistic_regression", "model_id": model_id},
                                files={"file": ("t.csv", body, "text/csv")})  # fmt: skip
        if response is not None and response.status_code == 202:
            self.own_models.append(model_id)

    def activate(self) -> None:
        model_id = self.own_models[-1] if self.own_models else "default-logistic-regression"
        self.request("activate", "PUT", "/api/v1/models/activate", json={"model_id": model_id})

    def delete(self) -> None:
        if len(self.own_models) > 1:
            model_id = self.own_models.pop(0)
            self.request("delete", "DELETE", "/api/v1/models/delete", params={"model_id": model_id})

    def evaluate(self) -> None:
        start = self.rng.randrange(0, self.data.height - 500)
        body = _csv(self.data.slice(start, 500))
        self.request("evaluate", "POST", "/api/v1/models/evaluate",
                     files={"file": ("e.csv", body, "text/csv")},
                     data={"model_ids": "default-logistic-regression"})  # fmt: skip

    def results(self) -> None:
        sample = self.data.sample(50, seed=self.rng.randrange(10**9))
        ids = pl.int_range(self.next_match, self.next_match + 50, eager=True)
        self.next_match += 50
        body = _csv(sample.with_columns(ids.alias("match_id")))
        self.request("results", "POST", "/api/v1/data/results",
                     files={"file": ("r.csv", body, "text/csv")})  # fmt: skip


def run_mix(base_url: str, clients: int, seconds: float, seed: int = 0) -> MixReport:
    """Run the mix with `clients` threads for `seconds`; the report of everything seen."""
    data = load_default_matches().drop_nulls("start_time").sort("start_time")
    report = MixReport()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop(number: int) -> None:
        client = _Client(base_url, number, data, report, lock, random.Random(seed * 1000 + number))
        with client.http:
            while time.monotonic() < deadline:
                client.one()

    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 2 * TIMEOUT_SECONDS + 30)
    report.seconds = time.monotonic() - started
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--url", help="an already running service instead of a fresh launcher")
    args = parser.parse_args()
    if args.url:
        report = run_mix(args.url, args.clients, args.seconds)
    else:
        from contextlib import ExitStack

        from tests.support.launcher import launched
        from tests.support.postgres import temporary_database

        with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
            env = {}
            if args.postgresql:
                env["APP_DATABASE_URL"] = stack.enter_context(temporary_database())
            run = stack.enter_context(launched(Path(tmp), "--no-ui", env=env))
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:  # the bootstrapped default model, active
                ok = httpx.post(run.base_url + "/api/v1/models/predict", json=DRAFT, timeout=5)
                if ok.status_code == 200:
                    break
                time.sleep(1)
            report = run_mix(run.base_url, args.clients, args.seconds)
    print(report.table())
    failures = report.failures()
    print(f"\n{len(failures)} failures" + "".join(f"\n  {f}" for f in failures[:30]))


if __name__ == "__main__":
    main()
