"""Benchmarks of the model life cycle: draft-helper scoring and the common-test-set evaluation."""

from __future__ import annotations

import statistics
import time
from typing import Any

import httpx
import numpy as np
import polars as pl

from backend.api.models.evaluation import Contender, score_models
from backend.api.models.lifecycle_schemas import SuggestPicksRequest
from backend.api.models.schemas import PlayerPick
from backend.api.models.suggest import parse_draft, score_candidates
from backend.ml import train_model
from backend.ml.paired import paired_comparison
from backend.serving.in_time import ServingPlan

Row = tuple[str, str, str]


def _best(fn: Any, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _picks(heroes: tuple[int, ...]) -> list[PlayerPick]:
    return [PlayerPick(hero_id=h) for h in heroes]


def in_process_rows(matches: pl.DataFrame) -> list[Row]:
    """Suggestion scoring (one batch per slot) and the paired bootstrap, in process."""
    rows: list[Row] = []
    model = train_model(matches, "logistic_regression", None)
    complete = parse_draft(
        SuggestPicksRequest(
            side="radiant", radiant=_picks((1, 2, 3, 4)), dire=_picks((6, 7, 8, 9, 10))
        )
    )
    partial = parse_draft(SuggestPicksRequest(side="dire", radiant=_picks((1,)), dire=[]))
    _, candidates, _, _ = score_candidates(model, complete)
    rows.append(
        (
            f"suggest_picks: all {len(candidates)} candidates for the last radiant slot "
            "(4 picks + 5, exact), one batch (logistic regression, in process)",
            f"{_best(lambda: score_candidates(model, complete), 20) * 1000:.1f} ms",
            "≤ 50 ms",
        )
    )
    _, candidates, _, k = score_candidates(model, partial)
    rows.append(
        (
            f"suggest_picks: all {len(candidates)} candidates for dire's first slot "
            f"(1 pick so far, {k} completions each = {len(candidates) * k:,} rows), one batch",
            f"{_best(lambda: score_candidates(model, partial), 10) * 1000:.1f} ms",
            "≤ 50 ms",
        )
    )
    test = matches.tail(3000)
    heroes_only = train_model(
        matches.head(matches.height - 3000),
        "logistic_regression",
        {"use_player_features": False, "use_hero_stats": False},
    )
    models = {
        name: Contender(ServingPlan(m), None, None)
        for name, m in (("default", model), ("heroes-only", heroes_only))
    }
    rows.append(
        (
            "evaluate: 2 models on 3,000 matches (metrics, curves, baselines, 1,000-resample "
            "paired bootstrap of log-loss and AUC; latest state), in process",
            f"{_best(lambda: score_models(test, models, 'default'), 3):.2f} s",
            "< 2 s",
        )
    )
    rng = np.random.default_rng(0)
    n = 50_000
    y = (rng.random(n) < 0.5).astype(float)
    p = np.clip(0.5 + 0.2 * (y - 0.5) + rng.normal(0, 0.2, n), 0.01, 0.99)
    q = np.clip(p + rng.normal(0, 0.05, n), 0.01, 0.99)
    rows.append(
        (
            "paired bootstrap alone, 50,000 matches, 1,000 resamples",
            f"{_best(lambda: paired_comparison(y, p, q), 1):.2f} s",
            "< 10 s",
        )
    )
    return rows


def http_rows(client: httpx.Client) -> list[Row]:
    """POST /suggest_picks over HTTP for a partial draft (the default model)."""
    body = {
        "side": "dire",
        "radiant": [{"hero_id": 1}, {"hero_id": 2}],
        "dire": [{"hero_id": 6}],
        "bans": [3, 4],
    }
    client.post("/api/v1/models/suggest_picks", json=body).raise_for_status()
    latencies = []
    for _ in range(30):
        start = time.perf_counter()
        client.post("/api/v1/models/suggest_picks", json=body).raise_for_status()
        latencies.append(time.perf_counter() - start)
    latencies.sort()
    return [
        (
            "POST /suggest_picks over HTTP, partial draft (2 + 1 picks), p50 / max of 30",
            f"{statistics.median(latencies) * 1000:.1f} / {latencies[-1] * 1000:.1f} ms",
            "p50 < 100 ms",
        )
    ]
