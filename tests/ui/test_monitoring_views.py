"""The Monitoring page's views: "n/a", never "None", where a window has no data; readable charts."""

from __future__ import annotations

from typing import Any

import pytest

from streamlit_app.model_views import display_table
from streamlit_app.monitoring_charts import rolling_quality
from streamlit_app.monitoring_views import METRICS, windows_table

BASELINES = ["coin-flip log-loss", "base-rate log-loss"]
NO_BASELINES = {b: "n/a" for b in BASELINES}


def _window(n: int, value: float | None, drift: str | None) -> dict[str, Any]:
    return {"n": n, **{metric: value for metric in METRICS}, "drift": drift}


def test_windows_without_data_show_n_a() -> None:
    report = {
        "holdout": {"n_holdout": 1200, **{metric: 0.61 for metric in METRICS}},
        "windows": {
            "last_100": _window(100, 0.5, "ok"),
            "last_500": _window(0, None, None),
            "all": _window(100, 0.123456, "watch"),
        },
    }
    shown = display_table(windows_table(report))
    assert shown.columns == ["window", "n", *METRICS, *BASELINES, "drift"]
    rows = {row["window"]: row for row in shown.to_dicts()}
    assert list(rows) == ["holdout", "Last 100", "Last 500", "All"]
    assert (
        rows["Last 500"]
        == {"window": "Last 500", "n": "0", "drift": ""}
        | {metric: "n/a" for metric in METRICS}
        | NO_BASELINES
    )
    assert rows["holdout"]["n"] == "1,200" and rows["All"]["roc_auc"] == "0.1235"
    assert (rows["Last 100"]["drift"], rows["All"]["drift"]) == ("ok", "watch")
    assert not any(value in (None, "None") for row in rows.values() for value in row.values())


def test_every_window_shows_its_baselines_on_the_same_predictions() -> None:
    window = _window(100, 0.69, "watch") | {
        "baselines": {
            "coin_flip": {"log_loss": 0.6931471805599453},
            "training_base_rate": {"log_loss": 0.6905},
        }
    }
    report = {
        "holdout": {"n_holdout": 1200, "baseline": {"log_loss": 0.6916}}
        | {metric: 0.61 for metric in METRICS},
        "windows": {"last_100": window, "last_500": window, "all": window},
    }
    rows = {row["window"]: row for row in windows_table(report).to_dicts()}
    assert rows["holdout"]["coin-flip log-loss"] == pytest.approx(0.693147, abs=1e-6)
    assert rows["holdout"]["base-rate log-loss"] == 0.6916
    assert (rows["All"]["coin-flip log-loss"], rows["All"]["base-rate log-loss"]) == (
        0.6931471805599453,
        0.6905,
    )


def test_a_model_without_holdout_metrics_shows_n_a() -> None:
    report = {
        "holdout": None,
        "windows": {k: _window(0, None, None) for k in ("last_100", "last_500", "all")},
    }
    shown = display_table(windows_table(report)).to_dicts()
    assert (
        shown[0]
        == {"window": "holdout", "n": "n/a", "drift": ""}
        | {m: "n/a" for m in METRICS}
        | NO_BASELINES
    )


def test_rolling_quality_is_drawn_against_scored_count_even_when_results_share_an_instant() -> None:
    instant = "2026-12-02T10:47:24.406000Z"  # a whole file of results, ingested at once
    points = [
        {"scored": n, "result_at": instant, "log_loss": 0.69, "accuracy": 0.5}
        for n in (1, 50, 100, 150)
    ]
    figure = rolling_quality(points, 100, {"log_loss": 0.65, "accuracy": 0.61})
    assert [list(trace.x) for trace in figure.data] == [[1, 50, 100, 150]] * 2
    assert figure.data[0].text[0] == "result received 2026-12-02 10:47:24 UTC"
