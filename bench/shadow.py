"""Prediction cost with one shadow challenger vs none, side by side in one run.

Two fresh API processes, started alike, share one database, the same champion and the same
shadow set (one shadow model); one computes the shadow's predictions at its ledger flushes (the
default), the other runs with APP_SHADOW_ENABLED=false, i.e. as with no shadow. Both record
the champion's predictions. Requests alternate one by one (which one goes first alternates too,
bench/ledger.py's `_alternate`) in five blocks after a warm-up one, and each process's CPU time
per request is read from /proc, background flushes (and so the shadow's batched predictions)
included; the figure is the median block's.
Usage on its own: `uv run python bench/shadow.py`; `bench/run.py` runs `shadow_on_off` as its
step "shadow_on_off".
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger import DRAFT, _alternate, _median_block
from services import fit_through_api, start_valkey

from backend.matches import load_default_matches
from tests.support.live_service import LiveService, poll_until, stop_process

SHADOW_ID = "bench-shadow"


def _shadow_served(client: httpx.Client) -> int:
    shadows = client.get("/api/v1/models/monitoring").json()["shadows"]
    return int(shadows[0]["served"]) if shadows else 0


def shadow_on_off(
    service: LiveService,
    client: httpx.Client,
    train_csv: bytes,
    csv: bytes,
    rounds: int = 3000,
    blocks: int = 5,
) -> dict[str, Any]:
    """Train a shadow LR on the service, name it the shadow, then /predict with it computed
    (shadow on) and not (off) in two fresh API processes, alternated."""
    if client.get("/api/v1/models/model_info", params={"model_id": SHADOW_ID}).status_code != 200:
        fit_through_api(client, "logistic_regression", SHADOW_ID, train_csv)
    client.put("/api/v1/models/shadow", json={"model_ids": [SHADOW_ID]}).raise_for_status()
    apis = [
        LiveService(
            workdir=service.workdir,
            redis_url=service.redis_url,
            database=service.database_url,
            extra_env={
                **service.extra_env,
                "APP_SHADOW_ENABLED": enabled,
                "APP_MONITORING_GAUGE_SECONDS": "3600",  # as in ledger_on_off
            },
        )
        for enabled in ("true", "false")
    ]
    for api in apis:
        api.start_api()
    try:
        with apis[0].client() as on, apis[1].client() as off:

            def predict(http: httpx.Client) -> None:
                http.post("/api/v1/models/predict", json=DRAFT).raise_for_status()

            def predict_csv(http: httpx.Client) -> None:
                http.post(
                    "/api/v1/models/predict_csv", files={"file": ("m.csv", csv, "text/csv")}
                ).raise_for_status()

            before = _shadow_served(on)

            # The shadow process loads its shadow in the background: wait until it shadows.
            def shadowing() -> bool:
                predict(on)
                return _shadow_served(on) > before

            poll_until(shadowing, timeout=60)
            for http in (on, off):
                predict(http)
                predict_csv(http)
            # Several alternated blocks, not one long run: on a shared machine one block can
            # catch a burst of someone else's work; the median block is the honest figure
            # and the spread says how far to trust it.
            # The first block after start-up is discarded: the shadow process's first flushes
            # warm its shadow model's code paths (measured: +38 % there, +2-4 % after).
            _alternate(apis, [on, off], predict, rounds=rounds // blocks)
            drafts = _median_block(
                [
                    _alternate(apis, [on, off], predict, rounds=rounds // blocks)
                    for _ in range(blocks)
                ]
            )
            files = _alternate(apis, [on, off], predict_csv, rounds=20)
            shadowed = _shadow_served(on) - before
    finally:
        for api in apis:
            stop_process(api.api)
        client.put("/api/v1/models/shadow", json={"model_ids": []})
    return {
        "predict": {"on": drafts[0], "off": drafts[1]},
        "predict_csv": {"on": files[0], "off": files[1], "matches": csv.count(b"\n") - 1},
        "shadow_predictions": shadowed,
        "load_average": list(os.getloadavg()),
    }


def shadow_rows(numbers: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Table rows (what, measured, target) of shadow_on_off's numbers."""
    out = []
    for name, what, target in (
        ("predict", "POST /predict", "≤ +5 %"),
        ("predict_csv", "POST /predict_csv 10k", "(reported)"),
    ):
        on, off = numbers[name]["on"], numbers[name]["off"]
        for key, label in (("cpu_ms", "API CPU ms per request"), ("p50_ms", "p50 ms")):
            change = (on[key] / off[key] - 1) * 100 if off[key] else float("nan")
            out.append(
                (
                    f"{what} {label}, one shadow vs none",
                    f"1 shadow {on[key]:.3f} / none {off[key]:.3f} ({change:+.1f} %)",
                    target if key == "cpu_ms" else "(reported)",
                )
            )
    blocks = numbers["predict"]["on"].get("block_cpu_change_pct")
    if blocks:
        out.append(
            (
                "POST /predict API CPU change per alternated block (median above)",
                " / ".join(f"{c:+.1f} %" for c in blocks),
                "(spread)",
            )
        )
    out.append(
        ("shadow predictions recorded during the run", str(numbers["shadow_predictions"]), "(all)")
    )
    return out


def main() -> int:
    """Start a service (default model active), print the rows."""
    matches = load_default_matches()
    train_csv = matches.head(4000).write_csv().encode()
    csv = matches.tail(10_000).drop("radiant_win").write_csv().encode()
    valkey, redis_url = start_valkey()
    with tempfile.TemporaryDirectory() as tmp:
        service = LiveService(workdir=Path(tmp), redis_url=redis_url)
        service.start()
        try:
            with service.client() as client:
                poll_until(lambda: client.get("/").json()["active_model_id"], timeout=300)
                numbers = shadow_on_off(
                    service,
                    client,
                    train_csv,
                    csv,
                    rounds=int(os.environ.get("SHADOW_ROUNDS", "3000")),
                )
            for what, value, target in shadow_rows(numbers):
                print(f"| {what} | {value} | {target} |")
            print(f"load average before/after: {numbers['load_average']}")
        finally:
            service.stop()
            stop_process(valkey)
    return 0


if __name__ == "__main__":
    sys.exit(main())
