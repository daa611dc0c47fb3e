"""Prometheus gauges of the monitoring report (set only when prometheus_client is installed).

They live in prometheus_client's default registry, so whatever serves /metrics from it shows
them: dota_predict_rolling_log_loss{model_id,window}, dota_predict_scored_predictions{model_id},
dota_predict_drift_state{model_id,window} (0 ok, 1 watch, 2 degraded, -1 not enough data) and
dota_predict_ledger_dropped (predictions this process could not record).

With PROMETHEUS_MULTIPROC_DIR (backend/api/metrics.py) the model gauges, computed by every process
from the same database, show the latest value; ledger drops are each process's own and are summed.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backend.api.monitoring.schemas import ModelMonitoring

DRIFT_STATE = {"ok": 0, "watch": 1, "degraded": 2, None: -1}


def gauges_available() -> bool:
    """True when prometheus_client can be imported."""
    try:
        import prometheus_client  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _gauges() -> dict[str, Any] | None:
    """Register the gauges once per process (None without prometheus_client)."""
    if not gauges_available():
        return None
    from prometheus_client import Gauge

    return {
        "log_loss": Gauge(
            "dota_predict_rolling_log_loss",
            "Log-loss of the latest scored predictions of a model",
            ["model_id", "window"],
            multiprocess_mode="mostrecent",
        ),
        "scored": Gauge(
            "dota_predict_scored_predictions",
            "Predicted matches of a model whose result is stored",
            ["model_id"],
            multiprocess_mode="mostrecent",
        ),
        "drift": Gauge(
            "dota_predict_drift_state",
            "Drift verdict per window: 0 ok, 1 watch, 2 degraded, -1 not enough data",
            ["model_id", "window"],
            multiprocess_mode="mostrecent",
        ),
        "dropped": Gauge(
            "dota_predict_ledger_dropped",
            "Predictions this process could not record (ledger buffer full)",
            multiprocess_mode="sum",
        ),
    }


def publish(report: ModelMonitoring) -> None:
    """Set the gauges from a monitoring report."""
    gauges = _gauges()
    if gauges is None:
        return
    gauges["scored"].labels(report.model_id).set(report.scored)
    for name in ("last_100", "last_500", "all"):
        window = getattr(report.windows, name)
        if window.log_loss is not None:
            gauges["log_loss"].labels(report.model_id, name).set(window.log_loss)
        gauges["drift"].labels(report.model_id, name).set(DRIFT_STATE[window.drift])
    gauges["dropped"].set(report.ledger.dropped)
