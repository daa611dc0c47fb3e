"""Prometheus metrics: request counts/latency by route (Litestar's middleware) and our gauges."""

from __future__ import annotations

from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from prometheus_client import Gauge

from backend.context import HealthState
from backend.db.tables import JobStatus

PREFIX = "dota_predict"

JOBS = Gauge(f"{PREFIX}_jobs", "Training jobs by status.", ["status"])
QUEUE_DEPTH = Gauge(f"{PREFIX}_queue_depth", "Messages waiting in the job queue.")
COMPONENT_UP = Gauge(f"{PREFIX}_component_up", "1 if the dependency answers.", ["component"])
ACTIVE_MODEL = Gauge(
    f"{PREFIX}_active_model", "1 for the model this process serves (label: model_id).", ["model_id"]
)


def prometheus_config() -> PrometheusConfig:
    """Per-route request counters and latency histograms; paths grouped by route template."""
    return PrometheusConfig(app_name=PREFIX, prefix=PREFIX, group_path=True, exclude=["^/metrics$"])


class MetricsController(PrometheusController):
    """GET /metrics in the Prometheus text format (not part of the API's OpenAPI spec)."""

    path = "/metrics"
    include_in_schema = False


def export_health(state: HealthState) -> None:
    """Copy the last health check into the gauges (called by the background refresher)."""
    COMPONENT_UP.labels("database").set(int(state.database))
    COMPONENT_UP.labels("queue").set(int(state.queue))
    if state.database:
        for status in JobStatus:
            JOBS.labels(status.value).set(state.jobs_by_status.get(status.value, 0))
    if state.queue_depth is not None:
        QUEUE_DEPTH.set(state.queue_depth)
    ACTIVE_MODEL.clear()
    if state.active_model_id is not None:
        ACTIVE_MODEL.labels(state.active_model_id).set(1)
