"""Draft helper: which hero should we pick next? Optionally let it finish the whole draft.

    python sdk/examples/draft_helper.py --side radiant --radiant Axe,Lion --dire 1,Pudge
    python sdk/examples/draft_helper.py --side dire --bans Io,Techies --top 5
    python sdk/examples/draft_helper.py --complete      # both sides pick greedily, in turns

Heroes are ids or names. With fewer than 4 picks on the side the probabilities average over
sampled completions of the open slots (see the API docs of suggest_picks); with 4 picks and
a full enemy side they equal /predict on the completed draft. --url defaults to
$DOTA_PREDICT_URL, else http://127.0.0.1:8000 (the service of `make run`).
"""

from __future__ import annotations

import argparse
import sys

from dota_predict_sdk import ApiError, DotaPredict


def heroes(text: str | None) -> list[int | str]:
    """'1,Axe, Lion' → [1, 'Axe', 'Lion']."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    return [int(p) if p.isdigit() else p for p in parts]


def suggest(client: DotaPredict, args: argparse.Namespace) -> None:
    """Print the ranked suggestions for one pick."""
    result = client.suggest_picks(
        args.side, heroes(args.radiant), heroes(args.dire), heroes(args.bans), top_n=args.top
    )
    print(
        f"model {result.model_id}; {result.side} wins now with p = "
        f"{result.current_probability:.3f} ({result.n_completions} completions)"
    )
    for rank, s in enumerate(result.suggestions, start=1):
        print(f"{rank:>3}. {s.hero_name:<22} {s.win_probability:.3f}  ({s.delta:+.3f})")


def complete(client: DotaPredict, args: argparse.Namespace) -> None:
    """Both sides take the top suggestion in turns until the draft is full, then /predict."""
    draft: dict[str, list[int | str]] = {"radiant": heroes(args.radiant), "dire": heroes(args.dire)}
    side = args.side
    while len(draft["radiant"]) < 5 or len(draft["dire"]) < 5:
        if len(draft[side]) < 5:
            best = client.suggest_picks(
                side, draft["radiant"], draft["dire"], heroes(args.bans), top_n=1
            ).suggestions[0]
            draft[side].append(best.hero_id)
            print(f"{side:<8} picks {best.hero_name:<22} ({side} p = {best.win_probability:.3f})")
        side = "dire" if side == "radiant" else "radiant"
    p = client.predict(draft["radiant"], draft["dire"]).radiant_win_probability
    print(
        f"final draft: radiant {draft['radiant']} vs dire {draft['dire']}; "
        f"P(radiant wins) = {p:.3f}"
    )


def main() -> int:
    """Parse arguments and run; errors are printed, not raised."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--side", choices=["radiant", "dire"], default="radiant")
    parser.add_argument("--radiant", help="radiant picks so far, comma-separated")
    parser.add_argument("--dire", help="dire picks so far, comma-separated")
    parser.add_argument("--bans", help="banned heroes, comma-separated")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--complete", action="store_true", help="finish the draft greedily")
    parser.add_argument(
        "--url", help="service URL (default: $DOTA_PREDICT_URL or http://127.0.0.1:8000)"
    )
    parser.add_argument("--api-key", help="X-API-Key (default: $DOTA_PREDICT_API_KEY)")
    args = parser.parse_args()
    with DotaPredict(args.url, api_key=args.api_key) as client:
        try:
            (complete if args.complete else suggest)(client, args)
        except ApiError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
