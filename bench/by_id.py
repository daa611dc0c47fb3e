"""POST /predict with `model_id` of a model that is not active, next to the same model active.

Usage: `uv run python bench/by_id.py [--root DIR ...] [--seconds 5] [--rounds 3] [--json F]`
(`--root /tmp/before --root .` measures an exported "before" tree and this checkout in the same
run; default: this checkout). Also a step of bench/run.py (`by_id`).

Per --root it starts that checkout's worker and API on a temporary SQLite file (one shared
Valkey), waits for the bootstrapped logistic regression and fits a default CatBoost through the
API. Then, round after round: activate the LR and load "LR active" (no model_id) and "CatBoost
by id" (model_id of the CatBoost, not active); activate the CatBoost and load "CatBoost active"
and "LR by id". So each model is measured both ways, in the same rounds, on the same server,
with the same draft (8 known account ids). wrk -t2 -c16 (bench/load.py); the server's CPU per
request from /proc, charged up to the point the process is idle again (deferred ledger writes
included). Reports medians and the ratios by id / active (req/s; and active CPU / by-id CPU).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

from load import run_load  # noqa: E402
from services import (  # noqa: E402
    BenchService,
    cpu_seconds,
    fit_through_api,
    start_valkey,
    wait_idle,
)

from backend.matches import load_default_matches  # noqa: E402
from tests.support.live_service import poll_until, stop_process  # noqa: E402

LR_ID = "default-logistic-regression"  # the bootstrapped model
CB_ID = "byid-cb"


@functools.cache
def draft_8_ids() -> dict[str, Any]:
    """A real bundled match's draft with 8 of its account ids (known to models trained on the
    bundled matches) and 2 slots without one."""
    frame = load_default_matches()
    sides = ("radiant", "dire")
    for row in frame.iter_rows(named=True):
        ids = [row[f"{s}_account_id_{i}"] for s in sides for i in range(1, 6)]
        if all(a is not None for a in ids):
            draft: dict[str, Any] = {}
            for k, side in enumerate(sides):
                draft[side] = [
                    {"hero_id": row[f"{side}_hero_{i}"]}
                    | ({"account_id": row[f"{side}_account_id_{i}"]} if 5 * k + i <= 8 else {})
                    for i in range(1, 6)
                ]
            return draft
    raise RuntimeError("no bundled match with 10 account ids")


def measure(pid: int, url: str, body: bytes, seconds: float) -> dict[str, float]:
    """req/s, latency and server CPU ms per request (deferred work included) of one run."""
    wait_idle(pid)
    before = cpu_seconds(pid)
    result = run_load(url, body, seconds)
    wait_idle(pid)
    served = max(result.rps * seconds, 1.0)
    return {
        "rps": result.rps,
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "cpu_ms": (cpu_seconds(pid) - before) / served * 1000,
        "errors": result.errors,
    }


def active_model_id(client: httpx.Client) -> str | None:
    active: str | None = client.get("/").json()["active_model_id"]
    return active


def activate(client: httpx.Client, model_id: str, draft: dict[str, Any]) -> None:
    """Activate a model and wait until /predict without model_id serves it."""
    client.put("/api/v1/models/activate", json={"model_id": model_id}).raise_for_status()

    def serving() -> bool:
        r = client.post("/api/v1/models/predict", json=draft)
        return bool(r.status_code == 200 and r.json()["model_id"] == model_id)

    poll_until(serving, timeout=60, interval=0.1)


def one_round(
    client: httpx.Client, pid: int, models: dict[str, str], seconds: float, named: bool = False
) -> dict[str, dict[str, float]]:
    """Each of the two models (kind -> model id) loaded active and by id: one run each.

    ``named``: also the active model asked for by its own id (``{kind}_active_named``), the
    by-id request's body, served by the active path: what the longer body alone costs."""
    draft = draft_8_ids()
    url = str(client.base_url).rstrip("/") + "/api/v1/models/predict"
    (a, a_id), (b, b_id) = models.items()
    runs: dict[str, dict[str, float]] = {}
    for (kind, active), (other, other_id) in (((a, a_id), (b, b_id)), ((b, b_id), (a, a_id))):
        activate(client, active, draft)
        by_id = draft | {"model_id": other_id}
        r = client.post("/api/v1/models/predict", json=by_id)  # its first (slow) load
        assert r.status_code == 200 and r.json()["model_id"] == other_id, r.text
        targets = [(f"{kind}_active", draft), (f"{other}_by_id", by_id)]
        if named:
            targets.append((f"{kind}_active_named", draft | {"model_id": active}))
        for name, body in targets:
            run = measure(pid, url, json.dumps(body).encode(), seconds)
            runs[name] = run
            print(f"  {name}: {run['rps']:.0f} req/s, {run['cpu_ms']:.3f} ms CPU", flush=True)
    return runs


def summarise(rounds: list[dict[str, dict[str, float]]]) -> dict[str, Any]:
    """Per target the median over rounds of each figure; per kind the ratios of the medians:
    by id / active req/s and active / by id CPU per request (1 = as cheap as active)."""
    out: dict[str, Any] = {}
    for name in rounds[0]:
        out[name] = {
            key: statistics.median(r[name][key] for r in rounds)
            for key in ("rps", "p50_ms", "p99_ms", "cpu_ms")
        } | {"errors": sum(r[name]["errors"] for r in rounds)}
    for kind in sorted({name.rsplit("_", 2)[0] for name in rounds[0]}):
        active, by_id = out[f"{kind}_active"], out[f"{kind}_by_id"]
        out[f"{kind}_ratio"] = {
            "rps": by_id["rps"] / active["rps"],
            "cpu": active["cpu_ms"] / by_id["cpu_ms"],
        }
        named = out.get(f"{kind}_active_named")
        if named is not None:
            out[f"{kind}_ratio"] |= {
                "rps_named": by_id["rps"] / named["rps"],
                "cpu_named": named["cpu_ms"] / by_id["cpu_ms"],
            }
    return out


def by_id_rounds(
    client: httpx.Client, pid: int, models: dict[str, str], seconds: float, rounds: int
) -> dict[str, Any]:
    """``rounds`` interleaved rounds of one server (bench/run.py's step)."""
    return summarise([one_round(client, pid, models, seconds) for _ in range(rounds)])


def table(results: dict[str, dict[str, Any]]) -> str:
    """A markdown table of one run (one row per checkout and model kind)."""
    lines = [
        "| checkout | model | active req/s | by id req/s | **by id / active req/s** "
        "| active CPU ms | by id CPU ms | **active / by id CPU** |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    named_lines = [
        "",
        "Control: the active model asked for by its own model_id (the by-id request's body, "
        "served by the active path):",
        "",
        "| checkout | model | active-by-name req/s | CPU ms | by id / it req/s | it / by id CPU |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for tag, out in results.items():
        for kind, label in (("lr", "LR"), ("cb", "CatBoost")):
            act, by, ratio = out[f"{kind}_active"], out[f"{kind}_by_id"], out[f"{kind}_ratio"]
            lines.append(
                f"| {tag} | {label} | {act['rps']:,.0f} | {by['rps']:,.0f} | "
                f"**{ratio['rps']:.2f}** | {act['cpu_ms']:.3f} | {by['cpu_ms']:.3f} | "
                f"**{ratio['cpu']:.2f}** |"
            )
            named = out.get(f"{kind}_active_named")
            if named is not None:
                named_lines.append(
                    f"| {tag} | {label} | {named['rps']:,.0f} | {named['cpu_ms']:.3f} | "
                    f"{ratio['rps_named']:.2f} | {ratio['cpu_named']:.2f} |"
                )
    return "\n".join(lines + (named_lines if len(named_lines) > 6 else []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, action="append", help="checkout(s) to serve")
    parser.add_argument("--seconds", type=float, default=5.0, help="per load run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--json", type=Path, help="save the numbers here")
    parser.add_argument(
        "--no-named", action="store_true", help="skip the control (active model by its id)"
    )
    args = parser.parse_args()
    roots = [r.resolve() for r in (args.root or [BENCH_DIR.parent])]
    tags = [f"{r.name}#{i}" if [x.name for x in roots].count(r.name) > 1 else r.name
            for i, r in enumerate(roots)]  # fmt: skip
    bundled = load_default_matches().write_csv().encode()
    valkey, redis_url = start_valkey()
    services: list[BenchService] = []
    results: dict[str, dict[str, Any]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i, root in enumerate(roots):
                workdir = Path(tmp) / f"s{i}"
                workdir.mkdir()
                service = BenchService(workdir=workdir, redis_url=redis_url, root=root)
                service.start()
                services.append(service)
            clients = [s.client() for s in services]
            for c in clients:
                poll_until(functools.partial(active_model_id, c), 300, 0.2)
                fit_through_api(c, "catboost", CB_ID, bundled, interval=0.5)
            # Rounds interleave across checkouts too: one round of each, then the next.
            per_round: dict[str, list[dict[str, dict[str, float]]]] = {tag: [] for tag in tags}
            for _ in range(args.rounds):
                for tag, s, c in zip(tags, services, clients, strict=True):
                    assert s.api is not None
                    print(f"{tag}:", flush=True)
                    models = {"lr": LR_ID, "cb": CB_ID}
                    run = one_round(c, s.api.pid, models, args.seconds, not args.no_named)
                    per_round[tag].append(run)
            for tag, rounds in per_round.items():
                results[tag] = summarise(rounds)
            for c in clients:
                c.close()
    finally:
        for s in services:
            s.stop()
        stop_process(valkey)
    load = os.getloadavg()[0]
    print(f"\nload average (1 min) at the end: {load:.1f}\n")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
