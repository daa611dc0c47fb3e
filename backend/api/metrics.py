"""Prometheus metrics: request counts/latency by route (Litestar's middleware) and our gauges."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from litestar.plugins.prometheus.middleware import PrometheusMiddleware
from litestar.types import Message, Receive, Scope, Send
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


class LeanPrometheusMiddleware(PrometheusMiddleware):
    """Litestar's middleware with the same metric names, minus its per-request costs.

    The stock one builds a Request, an in-progress gauge and four label lookups per request;
    this one keeps the labelled series per (method, route, status).
    """

    _series_cache: ClassVar[dict[tuple[str, str, int], tuple[Any, Any, Any]]] = {}

    def _series(self, method: str, path: str, status: int) -> tuple[Any, Any, Any]:
        key = (method, path, status)
        series = self._series_cache.get(key)
        if series is None:
            labels: dict[str, str | int | float] = {
                "method": method, "path": path, "status_code": status,
                "app_name": self._config.app_name,
            }  # fmt: skip
            values = list(labels.values())
            errors = self.requests_error_count(labels).labels(*values) if status >= 500 else None
            series = (
                self.request_count(labels).labels(*values),
                self.request_time(labels).labels(*values),
                errors,
            )
            self._series_cache[key] = series
        return series

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()
        status = 500

        async def wrapped_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, wrapped_send)
        finally:
            path = str(scope.get("path_template") or scope["path"])
            method = str(scope.get("method", "GET"))
            count, duration, errors = self._series(method, path, status)
            count.inc()
            duration.observe(time.perf_counter() - start)
            if errors is not None:
                errors.inc()


def prometheus_config() -> PrometheusConfig:
    """Per-route request counters and latency histograms; paths grouped by route template."""
    return PrometheusConfig(
        app_name=PREFIX,
        prefix=PREFIX,
        group_path=True,
        exclude=["^/metrics$"],
        middleware_class=LeanPrometheusMiddleware,
    )


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
