"""Evaluate every model type on real public Dota 2 data and write docs/model-quality.md.

Run from the repository root:

    uv run python scripts/evaluate.py --shared ../shared/data --out docs/model-quality.md

Every number comes from ``backend.ml.train_model``: a time-ordered split with the latest 20% of
matches held out, nothing tuned on the held-out part.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

RADIANT_HEROES = [f"radiant_hero_{i}" for i in range(1, 6)]
DIRE_HEROES = [f"dire_hero_{i}" for i in range(1, 6)]
RADIANT_ACCOUNTS = [f"radiant_account_id_{i}" for i in range(1, 6)]
DIRE_ACCOUNTS = [f"dire_account_id_{i}" for i in range(1, 6)]


def _canonical(rows: dict[str, list]) -> pl.DataFrame:
    """Build a canonical match frame (exact column order and dtypes) from column lists."""
    n = len(rows["match_id"])
    schema: dict[str, pl.DataType] = {
        "match_id": pl.Int64(),
        "start_time": pl.Int64(),
        "radiant_win": pl.Boolean(),
    }
    for col in RADIANT_HEROES + DIRE_HEROES:
        schema[col] = pl.Int16()
    for col in RADIANT_ACCOUNTS + DIRE_ACCOUNTS:
        schema[col] = pl.Int64()
    data = {col: rows.get(col, [None] * n) for col in schema}
    return pl.DataFrame(data, schema=schema)


def load_pro_rosters(shared: Path) -> pl.DataFrame:
    """Pro rosters 2018-19: heroes + account ids from rosters; no start_time."""
    rows: dict[str, list] = {c: [] for c in ["match_id", "radiant_win"]}
    for c in RADIANT_HEROES + DIRE_HEROES + RADIANT_ACCOUNTS + DIRE_ACCOUNTS:
        rows[c] = []
    with gzip.open(shared / "pro_rosters_2018-2019" / "output.jsonl.gz", "rt") as fh:
        for line in fh:
            m = json.loads(line)
            rosters = m["prematchData"]["rosters"]
            winner = m["aftermatchData"]["winner"]
            rad, dire = rosters.get("radiant") or [], rosters.get("dire") or []
            if len(rad) != 5 or len(dire) != 5 or winner not in ("radiant", "dire"):
                continue
            if any(int(p["hero_id"] or 0) <= 0 for p in rad + dire):
                continue
            rows["match_id"].append(int(m["match_id"]))
            rows["radiant_win"].append(winner == "radiant")
            for side, players in (("radiant", rad), ("dire", dire)):
                for i, p in enumerate(players, start=1):
                    rows[f"{side}_hero_{i}"].append(int(p["hero_id"]))
                    acc = int(p.get("account_id") or 0)
                    rows[f"{side}_account_id_{i}"].append(acc if acc > 0 else None)
    return _canonical(rows)


def load_pro_players(shared: Path) -> pl.DataFrame:
    """Pro players 2020-21: 10 rows per match, first five rows are radiant (inferred upstream)."""
    raw = pl.read_csv(shared / "pro_players_2020-2021" / "match.csv.gz")
    rows: dict[str, list] = {c: [] for c in ["match_id", "start_time", "radiant_win"]}
    for c in RADIANT_HEROES + DIRE_HEROES + RADIANT_ACCOUNTS + DIRE_ACCOUNTS:
        rows[c] = []
    ids = raw["match_id"].to_list()
    starts = raw["start_time"].to_list()
    wins = raw["win"].to_list()
    heroes = raw["hero_id"].to_list()
    accounts = raw["account_id"].to_list()
    for k in range(0, len(ids), 10):
        rows["match_id"].append(int(ids[k]))
        rows["start_time"].append(int(starts[k]))
        rows["radiant_win"].append(bool(wins[k]))
        for j in range(10):
            side, i = ("radiant", j + 1) if j < 5 else ("dire", j - 4)
            rows[f"{side}_hero_{i}"].append(int(heroes[k + j]))
            acc = accounts[k + j]
            rows[f"{side}_account_id_{i}"].append(int(acc) if acc and acc > 0 else None)
    return _canonical(rows)


def load_pro_set(shared: Path) -> pl.DataFrame:
    """The account-id pro set: pro rosters 2018-19 + pro players 2020-21, dedup on match_id."""
    frame = pl.concat([load_pro_rosters(shared), load_pro_players(shared)])
    return frame.unique(subset="match_id", keep="first", maintain_order=True).sort("match_id")


def load_league(shared: Path) -> pl.DataFrame:
    """League 2019-20: heroes only, winner from victor_team, no start_time."""
    raw = pl.read_csv(shared / "league_matches_2019-2020" / "matches.csv.gz")
    rows: dict[str, list] = {
        "match_id": raw["match_id"].to_list(),
        "radiant_win": [v == "Radiant" for v in raw["victor_team"].to_list()],
    }
    for side, col in (("radiant", "radiant_team"), ("dire", "dire_team")):
        picks = [[int(h) for h in s.split("-")] for s in raw[col].to_list()]
        for i in range(5):
            rows[f"{side}_hero_{i + 1}"] = [p[i] for p in picks]
    return _canonical(rows).sort("match_id")


def load_highmmr(shared: Path) -> pl.DataFrame:
    """Public high-MMR 2018: hero_0..4 radiant, hero_5..9 dire; no start_time."""
    raw = pl.read_csv(shared / "public_highmmr_2018" / "matches_data.csv.gz")
    rows: dict[str, list] = {
        "match_id": raw["match_id"].to_list(),
        "radiant_win": [bool(v) for v in raw["radiant_win"].to_list()],
    }
    for i in range(5):
        rows[f"radiant_hero_{i + 1}"] = raw[f"hero_{i}"].to_list()
        rows[f"dire_hero_{i + 1}"] = raw[f"hero_{i + 5}"].to_list()
    return _canonical(rows).sort("match_id")


# The heroes-only reference: signed hero picks only, no player or hero statistics. Its
# hero_pick_C was chosen on the inner (training-part) windows, like every other default.
HEROES_ONLY = {"use_player_features": False, "use_hero_stats": False, "hero_pick_C": 0.03}
DATASETS: list[tuple[str, str, Callable[[Path], pl.DataFrame]]] = [
    (
        "pro",
        "Pro matches with account ids (pro rosters 2018-19 + pro players 2020-21, "
        "dedup on match_id)",
        load_pro_set,
    ),
    ("league", "League matches 2019-20 (heroes only)", load_league),
    ("highmmr", "Public high-MMR matches 2018 (heroes only)", load_highmmr),
]


def rating_only(frame: pl.DataFrame) -> dict[str, float] | None:
    """Holdout scores of the walk-forward player rating alone (constants tuned on training)."""
    from sklearn.metrics import log_loss, roc_auc_score

    from backend.ml.frame import UNKNOWN, prepare_matches, to_arrays
    from backend.ml.ordering import holdout_size, match_days, time_order
    from backend.ml.ratings import run_ratings, tune_rating_config

    frame, key = time_order(prepare_matches(frame, require_label=True))
    arrays = to_arrays(frame)
    if not (arrays.accounts != UNKNOWN).any() or arrays.radiant_win is None:
        return None
    y, days = arrays.radiant_win, match_days(frame, key)
    n_train = frame.height - holdout_size(frame.height, 0.2)
    acc = arrays.accounts
    players = np.unique(acc[acc != UNKNOWN])
    idx = np.where(acc != UNKNOWN, np.searchsorted(players, acc), -1)
    train_players = np.unique(acc[:n_train][acc[:n_train] != UNKNOWN])
    train_idx = np.where(
        acc[:n_train] != UNKNOWN, np.searchsorted(train_players, acc[:n_train]), -1
    )
    config, _ = tune_rating_config(train_idx, y[:n_train], days[:n_train], len(train_players))
    p = run_ratings(idx, y, days, len(players), [config], record=False).p_pred[n_train:, 0]
    return {
        "roc_auc": float(roc_auc_score(y[n_train:], p)),
        "log_loss": float(log_loss(y[n_train:], p)),
    }


def run(shared: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Train every model type (plus the heroes-only reference) on every dataset."""
    from backend.ml import DEFAULT_MODEL_TYPE, MODEL_TYPES, train_model

    results: list[dict[str, Any]] = []
    extras: dict[str, Any] = {}
    for key, title, loader in DATASETS:
        frame = loader(shared)
        extras[key] = {"title": title, "matches": frame.height, "rating_only": rating_only(frame)}
        runs: list[tuple[str, dict[str, Any], str]] = [(name, {}, name) for name in MODEL_TYPES]
        runs.append(("logistic_regression", HEROES_ONLY, "heroes-only logistic regression"))
        for model_type, hp, label in runs:
            started = time.perf_counter()
            model = train_model(frame, model_type, hp)
            seconds = time.perf_counter() - started
            m = model.metrics
            results.append(
                {
                    "dataset": key,
                    "label": label + (" (default)" if label == DEFAULT_MODEL_TYPE else ""),
                    "metrics": m,
                    "seconds": seconds,
                    "summary": model.training_summary,
                }
            )
            print(
                f"{key:8s} {label:34s} auc={m['roc_auc']:.4f} ll={m['log_loss']:.4f} "
                f"ece={m['ece']:.4f} ({seconds:.1f}s)",
                flush=True,
            )
    return results, extras


def _table(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "| model | accuracy | ROC AUC | log-loss | Brier | ECE | fit (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        m = r["metrics"]
        out.append(
            f"| {r['label']} | {m['accuracy']:.4f} | {m['roc_auc']:.4f} | {m['log_loss']:.4f} "
            f"| {m['brier']:.4f} | {m['ece']:.4f} | {r['seconds']:.1f} |"
        )
    b = rows[0]["metrics"]["baseline"]
    out.append(
        f"| majority-class baseline | {b['accuracy']:.4f} | 0.5000 | {b['log_loss']:.4f} "
        f"| {b['brier']:.4f} | - | - |"
    )
    return out


def render(results: list[dict[str, Any]], extras: dict[str, Any], command: str) -> str:
    """The markdown report."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Model quality",
        "",
        f"Generated {now} by `{command}`",
        f"(Python {platform.python_version()}, {platform.machine()}). Regenerate with:",
        "",
        "```",
        "uv run python scripts/evaluate.py --shared ../shared/data --out docs/model-quality.md",
        "```",
        "",
        METHOD,
    ]
    for key, title, _ in DATASETS:
        rows = [r for r in results if r["dataset"] == key]
        m = rows[0]["metrics"]
        lines += [
            "",
            f"## {title}",
            "",
            f"{extras[key]['matches']:,} matches; n_train = {m['n_train']:,}, "
            f"n_holdout = {m['n_holdout']:,}; split: {m['split']}. Training radiant win rate "
            f"{m['baseline']['radiant_win_rate']:.3f}.",
            "",
            *_table(rows),
        ]
        ref = extras[key]["rating_only"]
        if ref:
            s = rows[0]["summary"]
            lines += [
                "",
                f"Player rating alone (walk-forward, no model; constants tuned on the training "
                f"part: prior variance {s['rating_prior_var']}, per-game drift "
                f"{s['rating_drift_var']}, per-day drift {s['rating_time_var']}): ROC AUC "
                f"{ref['roc_auc']:.4f}, log-loss {ref['log_loss']:.4f}.",
            ]
    return "\n".join(lines) + "\n"


METHOD = """## How these numbers are measured

- **Split:** matches are sorted by `start_time` when every match has one, otherwise by
  `match_id` (Dota match ids increase with time). The latest 20% are held out; every metric
  below is computed on that holdout only. The served model is afterwards refitted on all
  matches (not evaluated again).
- **Features** of a match are built only from matches strictly before it (walk-forward):
  player ratings (Gaussian skill with uncertainty, Glicko/TrueSkill-style, per-game and
  per-day-of-inactivity drift), experience, games on the picked hero, teammates' games
  together, head-to-head record, hero win rates, hero-pair synergy and hero-vs-hero match-ups,
  plus signed hero picks. Holdout matches use earlier holdout results the same way ratings
  would be updated in production, never their own result.
- **Nothing is tuned on the holdout.** The rating constants are chosen inside each training
  run by prequential log-loss on the training part. The default hyperparameters of every model
  type were chosen on two rolling-origin windows inside the pro set's training part
  (fit on the first 60% / 80% of it, score the next 20%) and checked on the heroes-only sets'
  training parts.
- **Metrics:** accuracy at 0.5; ROC AUC; log-loss; Brier score; ECE = count-weighted mean
  |mean predicted - observed rate| over 10 equal-width probability bins (with about 2,300
  holdout matches even a perfectly calibrated model shows an ECE around 0.01-0.02 from
  sampling noise). The majority-class baseline predicts the training part's radiant win rate.
- **Heroes-only logistic regression** uses signed hero picks only (no player features, no hero
  statistics; `hero_pick_C` = 0.03). Fit times include the holdout fit, the refit on all
  matches and the feature importances; they depend on machine load.
## What was tried (decided on the inner windows of the pro training part, never the holdout)

- Rating: an Elo-like filter tuned by raw prequential log-loss ranked matches worse than the
  same filter tuned by *recalibrated* prequential log-loss (slope and intercept refitted), which
  prefers faster-moving ratings; adding per-day inactivity drift (match_id as the clock when
  start_time is missing) helped most at the 2019 -> 2020 gap. Inner ROC AUC of the default
  logistic regression went from 0.658 to 0.664. Periodically refitted Bradley-Terry ratings,
  a roster (five-stack) Elo, a second slower or faster rating, recent-activity windows,
  recency-weighted training and dropping burn-in rows did not help (each within +-0.002).
- Hero picks add almost nothing once hero statistics are present, so logistic regression
  regularises them separately and strongly (`hero_pick_C` = 0.001 vs `C` = 0.03).
- Probability calibration fitted on the latest 20% of the fitting data made log-loss and ECE
  worse on the inner windows (that tail straddles the 2019 -> 2020 gap), so every model type
  defaults to `calibration` = none.
- Trees (CatBoost depth 2-8, histogram boosting depth 2 to unlimited) stayed 0.005-0.015 ROC
  AUC below logistic regression on the pro set: the signal is mostly additive. Their defaults
  are the best inner settings (CatBoost depth 4, l2 10, 800 trees at 0.02; histogram boosting
  depth 3, l2 5, 300 trees at 0.03)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "model-quality.md")
    args = parser.parse_args()
    command = "uv run python scripts/evaluate.py " + " ".join(sys.argv[1:])
    started = time.perf_counter()
    results, extras = run(args.shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(results, extras, command.strip()), encoding="utf-8")
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
