"""The point-in-time repro (issue 17): do posted results leak into past predictions?

Not a speed benchmark: it trains a logistic regression through a live service, then predicts
and evaluates a later held-out file before and after posting that file's results, and reports
AUC / log-loss / ECE each time, plus the walk-forward backtest where the checkout has one.
Run it against any checkout (``--root``) to compare before and after a change:

    uv run python bench/leak_repro.py [--root /path/to/checkout] [--out bench/leak_repro.md]

Data: the bundled pro matches (train the earliest 80 % by time, hold out the rest) and the
shared league 2019-20 file (``../shared/data``; by match id), both real.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backend.matches import load_default_matches, read_matches
from backend.ml.metrics import expected_calibration_error, prediction_scores
from bench.services import BenchService, start_valkey, wait_fit
from tests.support.live_service import stop_process

REPO = Path(__file__).resolve().parents[1]


def league_matches(shared: Path) -> pl.DataFrame:
    """The league 2019-20 file in canonical form (team strings split into hero ids)."""
    raw = pl.read_csv(
        gzip.decompress((shared / "league_matches_2019-2020/matches.csv.gz").read_bytes())
    )
    rows = [
        "match_id,radiant_win,"
        + ",".join(
            [f"radiant_hero_{i}" for i in range(1, 6)] + [f"dire_hero_{i}" for i in range(1, 6)]
        )
    ]
    for m, v, r, d in raw.select(
        "match_id", "victor_team", "radiant_team", "dire_team"
    ).iter_rows():
        rows.append(
            f"{m},{str(v).lower() == 'radiant'},{r.replace('-', ',')},{d.replace('-', ',')}"
        )
    return read_matches("\n".join(rows).encode(), require_label=True)


def split(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Earliest 80 % to train on, the rest held out (time order as training orders it)."""
    if frame["start_time"].null_count() == 0:
        frame = frame.sort(["start_time", "match_id"])
    else:
        frame = frame.sort("match_id")
    cut = int(frame.height * 0.8)
    return frame.head(cut), frame.slice(cut)


def csv(frame: pl.DataFrame) -> bytes:
    return frame.write_csv().encode()


def scores(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    s = prediction_scores(y, p)
    return {
        "auc": float(s["roc_auc"] or 0.0),
        "log_loss": float(s["log_loss"] or 0.0),
        "ece": expected_calibration_error(y, p),
    }


def predicted(client: httpx.Client, frame: pl.DataFrame, model_id: str) -> np.ndarray:
    response = client.post(
        "/api/v1/models/predict_csv",
        data={"model_id": model_id},
        files={"file": ("held_out.csv", csv(frame.drop("radiant_win")), "text/csv")},
    )
    response.raise_for_status()
    return np.array([p["radiant_win_probability"] for p in response.json()["predictions"]])


def evaluated(client: httpx.Client, frame: pl.DataFrame, model_id: str) -> dict[str, Any]:
    response = client.post(
        "/api/v1/models/evaluate",
        data={"model_ids": model_id},
        files={"file": ("held_out.csv", csv(frame), "text/csv")},
    )
    response.raise_for_status()
    (result,) = [r for r in response.json()["results"] if r["model_id"] == model_id]
    return dict(result)


def run_case(root: Path, redis_url: str, name: str, frame: pl.DataFrame) -> dict[str, Any]:
    train, held = split(frame)
    y = held["radiant_win"].cast(pl.Float64).to_numpy()
    with tempfile.TemporaryDirectory() as tmp:
        service = BenchService(
            workdir=Path(tmp),
            redis_url=redis_url,
            extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
            root=root,
        ).start()
        try:
            with service.client() as client:
                job = client.post(
                    "/api/v1/models/fit",
                    data={"model_type": "logistic_regression", "model_id": "lr"},
                    files={"file": ("train.csv", csv(train), "text/csv")},
                ).json()["job_id"]
                wait_fit(client, job)
                out: dict[str, Any] = {"case": name, "train": train.height, "held_out": held.height}
                p0 = predicted(client, held, "lr")
                out["predict before"] = scores(y, p0)
                out["evaluate before"] = evaluated(client, held, "lr")
                client.post(
                    "/api/v1/data/results", files={"file": ("r.csv", csv(held), "text/csv")}
                ).raise_for_status()
                p1 = predicted(client, held, "lr")
                out["predict after"] = scores(y, p1)
                out["max |change|"] = float(np.abs(p1 - p0).max())
                out["evaluate after"] = evaluated(client, held, "lr")
                own = client.post(
                    "/api/v1/models/predict_csv",
                    data={"model_id": "lr"},
                    files={"file": ("train.csv", csv(train), "text/csv")},
                ).json()["quality"]
                out["labelled predict_csv on the training file"] = own
                backtest = client.post(
                    "/api/v1/models/backtest",
                    data={"model_ids": "lr"},
                    files={"file": ("held_out.csv", csv(held), "text/csv")},
                )
                if backtest.status_code == 200:
                    (result,) = backtest.json()["results"]
                    out["backtest"] = result
                return out
        finally:
            stop_process(service.api)
            stop_process(service.worker)


def _row(label: str, s: dict[str, Any]) -> str:
    def f(key: str) -> str:
        v = s.get(key)
        return "n/a" if v is None else f"{v:.3f}"

    return (
        f"| {label} | {f('auc') if 'auc' in s else f('roc_auc')} | {f('log_loss')} | {f('ece')} |"
    )


def report(cases: list[dict[str, Any]], root: Path) -> str:
    lines = [f"# Leak repro (bench/leak_repro.py) on `{root}`", ""]
    for c in cases:
        lines += [
            f"## {c['case']}: LR trained on {c['train']} matches, {c['held_out']} held out",
            "",
            "| step | AUC | log-loss | ECE |",
            "|---|---:|---:|---:|",
            _row("predict_csv, no results stored", c["predict before"]),
            _row("evaluate, no results stored", c["evaluate before"]),
            _row("predict_csv after posting the held-out results", c["predict after"]),
            _row("evaluate after posting them", c["evaluate after"]),
        ]
        if "backtest" in c:
            b = c["backtest"]
            lines.append(_row("backtest (walk-forward, after each match)", b))
            lines.append(_row("backtest: frozen model", b["frozen"]))
        q = c["labelled predict_csv on the training file"]
        lines += [
            "",
            f"Largest change of one probability after posting: {c['max |change|']:.3f}. "
            f"Labelled predict_csv on the training file: {json.dumps(q)}",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    valkey, redis_url = start_valkey()
    try:
        cases = [run_case(args.root, redis_url, "bundled pro matches", load_default_matches())]
        if (args.shared / "league_matches_2019-2020").exists():
            cases.append(
                run_case(args.root, redis_url, "league 2019-20", league_matches(args.shared))
            )
    finally:
        stop_process(valkey)
    text = report(cases, args.root)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
