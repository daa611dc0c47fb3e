"""Prometheus metrics: request counts/latency by route (Litestar's middleware) and our gauges.

With PROMETHEUS_MULTIPROC_DIR set (several API processes on one host) every process writes its
values to files there and /metrics adds them up (Litestar's controller reads them with
prometheus_client's MultiProcessCollector): counters and histograms are summed; each gauge says
below how its per-process values combine. Without it, each process reports itself and Prometheus
scrapes each one (per-pod scraping on Kubernetes, see deploy/kubernetes/README.md).
"""

from __future__ import annotations

import os
import time
from typing import Any, ClassVar

from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from litestar.plugins.prometheus.middleware import PrometheusMiddleware
from litestar.types import Message, Receive, Scope, Send
from prometheus_client import Gauge

from backend.context import HealthState
from backend.db.tables import JobStatus

PREFIX = "dota_predict"

# Every process reads the same database and queue, so these are one value each: the latest
# write wins (summing would count the queue once per process; KEDA scales on it).
JOBS = Gauge(
    f"{PREFIX}_jobs", "Training jobs by status.", ["status"], multiprocess_mode="mostrecent"
)
QUEUE_DEPTH = Gauge(
    f"{PREFIX}_queue_depth", "Messages waiting in the job queue.", multiprocess_mode="mostrecent"
)
# Each process's own view: 0 when any live process cannot reach the dependency.
COMPONENT_UP = Gauge(
    f"{PREFIX}_component_up",
    "1 if the dependency answers.",
    ["component"],
    multiprocess_mode="livemin",
)
# 1 for each model some live process serves (two during an activation, until all follow).
ACTIVE_MODEL = Gauge(
    f"{PREFIX}_active_model",
    "1 for the model this process serves (label: model_id).",
    ["model_id"],
    multiprocess_mode="livemax",
)
_served: set[str] = set()  # model ids this process has exported as served


def multiprocess_enabled() -> bool:
    """True when metrics are shared through PROMETHEUS_MULTIPROC_DIR."""
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def forget_this_process() -> None:
    """On shutdown: drop this process's live* gauge files so the others' values stand alone."""
    if multiprocess_enabled():
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(os.getpid())


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
    _export_active_model(state.active_model_id)


def _export_active_model(model_id: str | None) -> None:
    # A shared file keeps a series whatever clear() does to this process's memory, so with
    # PROMETHEUS_MULTIPROC_DIR a model no longer served is set to 0 instead of removed.
    for old in _served - {model_id}:
        if multiprocess_enabled():
            ACTIVE_MODEL.labels(old).set(0)
        else:
            ACTIVE_MODEL.remove(old)
        _served.discard(old)
    if model_id is not None:
        ACTIVE_MODEL.labels(model_id).set(1)
        _served.add(model_id)
