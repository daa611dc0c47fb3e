"""Train a CatBoost model with live progress, compare it with the active model, maybe activate it.

    python sdk/examples/train_and_compare.py                      # bundled dataset, 200 trees
    python sdk/examples/train_and_compare.py matches.csv --iterations 500 --activate
    python sdk/examples/train_and_compare.py --url http://host:8000 --api-key KEY

--url defaults to $DOTA_PREDICT_URL, else http://127.0.0.1:8000 (the service of `make run`).
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from dota_predict_sdk import ApiError, DotaPredict, JobFailed, JobStatusRead, ModelInfo

METRICS = ("accuracy", "roc_auc", "log_loss", "brier", "n_holdout")


def show_progress(job: JobStatusRead) -> None:
    """Print one line per status/progress change."""
    print(f"  {job.status:<9} {job.progress:6.1%}  {job.message}", flush=True)


def metrics_of(info: ModelInfo) -> dict[str, Any]:
    """A model's holdout metrics as a plain dict (empty if it has none)."""
    return info.metrics.to_dict() if info.metrics else {}


def log_loss(info: ModelInfo) -> float:
    """Holdout log loss (lower is better); infinite when unknown."""
    return float(metrics_of(info).get("log_loss", math.inf))


def compare(models: list[ModelInfo]) -> None:
    """Holdout metrics side by side (lower log loss/Brier and higher accuracy/AUC are better)."""
    print(f"\n{'metric':<10}" + "".join(f"{m.model_id[:28]:>30}" for m in models))
    for name in METRICS:
        cells = [metrics_of(m).get(name, "-") for m in models]
        print(
            f"{name:<10}"
            + "".join(f"{c:>30.4f}" if isinstance(c, float) else f"{c:>30}" for c in cells)
        )
    if len({m.dataset.dataset_id if m.dataset else None for m in models}) > 1:
        print("(the models were trained on different datasets: their holdouts differ)")


def run(client: DotaPredict, args: argparse.Namespace) -> None:
    """Train, compare with the active model, activate if asked and better."""
    active_id = client.active_model_id()
    print(f"service {client.base_url}; active model: {active_id}")
    print(f"training catboost ({args.iterations} trees, depth {args.depth}) ...")
    new = client.train(
        "catboost",
        {"iterations": args.iterations, "depth": args.depth},
        data=args.csv,
        model_id=args.model_id,
        on_progress=show_progress,
    )
    active = client.model_info(active_id) if active_id else None
    compare([new, active] if active else [new])
    better = active is None or log_loss(new) < log_loss(active)
    if args.activate and better:
        client.activate(new.model_id)
        print(f"\nactivated {new.model_id}")
    else:
        verdict = "better" if better else "not better"
        print(f"\n{new.model_id} is {verdict}; the active model is unchanged")


def main() -> int:
    """Parse arguments and run; errors are printed, not raised."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "csv", nargs="?", help="training CSV (.csv or .csv.gz); default: the bundled dataset"
    )
    parser.add_argument(
        "--url", help="service URL (default: $DOTA_PREDICT_URL or http://127.0.0.1:8000)"
    )
    parser.add_argument("--api-key", help="X-API-Key (default: $DOTA_PREDICT_API_KEY)")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--model-id", help="id of the new model (default: generated)")
    parser.add_argument(
        "--activate", action="store_true", help="activate it if its log loss is lower"
    )
    args = parser.parse_args()
    with DotaPredict(args.url, api_key=args.api_key) as client:
        try:
            run(client, args)
        except (ApiError, JobFailed) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
