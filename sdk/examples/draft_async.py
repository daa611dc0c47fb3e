"""Ask every ready model about one draft at once (AsyncDotaPredict), and explain the active one.

    python sdk/examples/draft_async.py
    python sdk/examples/draft_async.py --radiant "Anti-Mage,Axe,Bane,Bloodseeker,Crystal Maiden" \\
        --dire "Drow Ranger,Earthshaker,Juggernaut,Mirana,Morphling"

Heroes are names or ids; a player's account id can follow a colon, e.g. "Axe:87278757".
--url defaults to $DOTA_PREDICT_URL, else http://127.0.0.1:8000 (the service of `make run`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from dota_predict_sdk import ApiError, AsyncDotaPredict

RADIANT = "Anti-Mage,Axe,Bane,Bloodseeker,Crystal Maiden"
DIRE = "Drow Ranger,Earthshaker,Juggernaut,Mirana,Morphling"


def picks(text: str) -> list[tuple[int | str, int | None]]:
    """'Axe:87278757,5,...' as (hero, account_id) pairs; digits become hero ids."""
    out: list[tuple[int | str, int | None]] = []
    for item in text.split(","):
        hero, _, account = item.strip().partition(":")
        out.append((int(hero) if hero.isdigit() else hero, int(account) if account else None))
    return out


async def run(args: argparse.Namespace) -> int:
    """Predict the draft with every ready model concurrently."""
    radiant, dire = picks(args.radiant), picks(args.dire)
    async with AsyncDotaPredict(args.url, api_key=args.api_key) as client:
        try:
            models = [m for m in await client.list_models() if m.status == "ready"]
            predictions = await asyncio.gather(
                *(client.predict(radiant, dire, model_id=m.model_id) for m in models)
            )
            for model, prediction in zip(models, predictions, strict=True):
                mark = "*" if model.is_active else " "
                print(
                    f"{mark} {model.model_id:<36} {model.model_type:<24} "
                    f"P(radiant wins) = {prediction.radiant_win_probability:.3f}"
                )
            explained = await client.predict(radiant, dire, explain=True)
        except ApiError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print(f"\nwhy {explained.model_id} says {explained.radiant_win_probability:.3f}:")
    for factor in explained.factors or []:
        print(f"  {factor.contribution:+.3f}  {factor.factor}")
    if explained.unknown_account_ids:
        print(f"(accounts the model has not seen: {explained.unknown_account_ids})")
    return 0


def main() -> int:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--radiant", default=RADIANT, help="five heroes, comma-separated")
    parser.add_argument("--dire", default=DIRE, help="five heroes, comma-separated")
    parser.add_argument(
        "--url", help="service URL (default: $DOTA_PREDICT_URL or http://127.0.0.1:8000)"
    )
    parser.add_argument("--api-key", help="X-API-Key (default: $DOTA_PREDICT_API_KEY)")
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
