"""Champion/challenger: score a challenger and the active model on one labelled file, then promote.

    python sdk/examples/champion_challenger.py test.csv --challenger my-catboost
    python sdk/examples/champion_challenger.py test.csv --train train.csv   # heroes-only LR
    python sdk/examples/champion_challenger.py test.csv --challenger my-lr --url http://host:8000

The challenger is activated only if its log-loss on test.csv is lower than the active model's
with the whole 95 % paired-bootstrap interval below zero; either way the reason is printed,
followed by the activation history. --url defaults to $DOTA_PREDICT_URL, else
http://127.0.0.1:8000 (the service of `make run`).
"""

from __future__ import annotations

import argparse
import sys

from dota_predict_sdk import ApiError, DotaPredict, EvaluationRead, JobFailed, PairedComparison

HEROES_ONLY = {"use_player_features": False, "use_hero_stats": False}


def interval(values: list[float] | None) -> str:
    """[low, high] with signs, or n/a."""
    return "n/a" if not values else f"[{values[0]:+.4f}, {values[1]:+.4f}]"


def show(evaluation: EvaluationRead) -> None:
    """Metrics of every model on the common file, with the paired comparison to the active one."""
    print(f"\n{evaluation.n_matches} matches of {evaluation.filename} ({evaluation.evaluation_id})")
    print(f"{'model':<32}{'log_loss':>10}{'roc_auc':>10}{'accuracy':>10}   vs active")
    for r in evaluation.results:
        auc = f"{r.roc_auc:.4f}" if isinstance(r.roc_auc, float) else "-"
        vs = r.vs_active
        versus = (
            "(active)"
            if not isinstance(vs, PairedComparison)
            else f"log_loss {vs.log_loss_diff:+.4f} {interval(vs.log_loss_ci)}"
        )
        loss = f"{r.log_loss:.4f}" if isinstance(r.log_loss, float) else "-"
        accuracy = f"{r.accuracy:.4f}" if isinstance(r.accuracy, float) else "-"
        print(f"{r.model_id[:31]:<32}{loss:>10}{auc:>10}{accuracy:>10}   {versus}")
        if r.n_training_matches:
            print(f"{'':<32}({r.n_training_matches} matches it trained on left out)")


def run(client: DotaPredict, args: argparse.Namespace) -> None:
    """Train (optionally), evaluate, promote, print the history."""
    print(f"service {client.base_url}; active model: {client.active_model_id()}")
    challenger = args.challenger
    if args.train:
        print(f"training a heroes-only logistic regression on {args.train} ...")
        challenger = client.train(
            "logistic_regression", HEROES_ONLY, data=args.train, model_id=args.challenger
        ).model_id
    if not challenger:
        raise SystemExit("give --challenger MODEL_ID or --train FILE")
    evaluation = client.evaluate(args.test, model_ids=[challenger])
    show(evaluation)
    result = client.promote(challenger, evaluation_id=evaluation.evaluation_id)
    print(f"\npromoted: {result.promoted}\n{result.reason}")
    print(f"active model now: {client.active_model_id()}\n\nactivation history (newest first):")
    for a in client.activations(limit=10):
        print(
            f"  {a.created_at:%Y-%m-%d %H:%M:%S} {a.actor:<10} {a.previous_model_id} -> "
            f"{a.model_id}: {a.reason[:90]}"
        )


def main() -> int:
    """Parse arguments and run; errors are printed, not raised."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("test", help="labelled match CSV every model is scored on")
    parser.add_argument("--challenger", help="id of the challenger (or of the one --train makes)")
    parser.add_argument("--train", help="train a heroes-only challenger on this CSV first")
    parser.add_argument(
        "--url", help="service URL (default: $DOTA_PREDICT_URL or http://127.0.0.1:8000)"
    )
    parser.add_argument("--api-key", help="X-API-Key (default: $DOTA_PREDICT_API_KEY)")
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
