"""Predict every match of a CSV file into a pandas DataFrame, print a summary, optionally save it.

    python sdk/examples/predict_batch.py matches.csv --out predictions.csv
    python sdk/examples/predict_batch.py matches.csv --model-id my-catboost
    python sdk/examples/predict_batch.py            # the repo's bundled matches, if present

--url defaults to $DOTA_PREDICT_URL, else http://127.0.0.1:8000 (the service of `make run`).
Needs pandas (pip install './sdk[pandas]').
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dota_predict_sdk import ApiError, DotaPredict

BUNDLED = Path(__file__).resolve().parents[2] / "backend" / "resources" / "default_matches.csv.gz"


def main() -> int:
    """Parse arguments, predict, print, save."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("csv", nargs="?", help="matches CSV (.csv or .csv.gz)")
    parser.add_argument(
        "--url", help="service URL (default: $DOTA_PREDICT_URL or http://127.0.0.1:8000)"
    )
    parser.add_argument("--api-key", help="X-API-Key (default: $DOTA_PREDICT_API_KEY)")
    parser.add_argument("--model-id", help="model to use (default: the active model)")
    parser.add_argument("--out", type=Path, help="write the predictions to this CSV file")
    args = parser.parse_args()
    source = args.csv or (BUNDLED if BUNDLED.exists() else None)
    if source is None:
        parser.error("give a CSV file of matches")

    with DotaPredict(args.url, api_key=args.api_key) as client:
        try:
            frame = client.predict_csv_frame(source, model_id=args.model_id)
        except ApiError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print(f"{len(frame)} matches predicted by {frame.attrs['model_id']}")
    print(frame["winner"].value_counts().to_string())
    print("\nmost confident predictions:")
    confidence = (frame["radiant_win_probability"] - 0.5).abs()
    print(frame.loc[confidence.nlargest(5).index].to_string(index=False))
    quality = frame.attrs["quality"]  # set when the file has radiant_win labels
    if quality:
        left_out = quality.get("n_training_matches") or 0
        print(
            f"\n{quality['n_labelled']} labelled matches, {left_out} of them the model trained on"
        )
        if quality.get("n_scored"):
            print(
                f"scored on the other {quality['n_scored']}: accuracy {quality['accuracy']:.3f}, "
                f"log loss {quality['log_loss']:.3f}, "
                f"ROC AUC {quality['roc_auc'] or float('nan'):.3f}"
            )
        else:
            print("no match left to score honestly (all were in its training data)")
    if args.out:
        frame.to_csv(args.out, index=False)
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
