"""Walk-forward backtest: how each model would have done live, with results posted as they came.

    python sdk/examples/backtest.py matches.csv
    python sdk/examples/backtest.py matches.csv --models my-lr,my-catboost --apply-every day

Every match of the labelled file is predicted from the model as trained, advanced by the stored
results and the file's earlier matches (never its own result or a later one). Prints log-loss
and AUC with 95 % bootstrap intervals, the frozen model (no result applied) and the baselines
(coin flip, training base rate, and the market when the file has
radiant_win_probability_market). --url defaults to $DOTA_PREDICT_URL, else
http://127.0.0.1:8000 (the service of `make run`).
"""

from __future__ import annotations

import argparse
import sys

from dota_predict_sdk import ApiError, BacktestRead, DotaPredict


def number(value: object) -> str:
    """A metric with 4 decimals, or '-' when there is none."""
    return f"{value:.4f}" if isinstance(value, float) else "-"


def interval(values: object) -> str:
    """[low, high], or an empty string."""
    if not isinstance(values, list) or len(values) != 2:
        return ""
    return f"[{values[0]:.4f}, {values[1]:.4f}]"


def show(report: BacktestRead) -> None:
    """One block per model: walk-forward, frozen, baselines."""
    print(f"{report.n_matches} matches of {report.filename} ({report.backtest_id}); ")
    print(f"results applied: {report.apply_every}\n")
    for r in report.results:
        print(f"{r.model_id}{' (active)' if r.is_active else ''}: {r.n_scored} matches scored")
        ci = r.intervals
        print(f"  walk-forward  log-loss {number(r.log_loss)} {interval(ci.log_loss)}")
        print(f"                AUC      {number(r.roc_auc)} {interval(ci.roc_auc)}")
        print(
            f"  frozen        log-loss {number(r.frozen.log_loss)}  AUC {number(r.frozen.roc_auc)}"
        )
        baselines = r.baselines.to_dict() if r.baselines else {}
        for name, block in baselines.items():
            print(f"  {name:<13} log-loss {number(block.get('log_loss'))}")
        if r.n_training_matches:
            print(f"  ({r.n_training_matches} matches it was trained on left out)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="labelled match file (CSV)")
    parser.add_argument("--models", help="comma-separated model ids (default: every ready one)")
    parser.add_argument("--apply-every", default="match", help="match, day or a number N")
    parser.add_argument("--url", default=None)
    args = parser.parse_args()
    models = args.models.split(",") if args.models else None
    try:
        with DotaPredict(args.url) as client:
            show(client.backtest(args.file, model_ids=models, apply_every=args.apply_every))
    except ApiError as exc:
        sys.exit(f"backtest failed: {exc}")


if __name__ == "__main__":
    main()
