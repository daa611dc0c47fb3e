"""Service configuration: one pydantic-settings class, read from APP_* variables and .env."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
ACTIVE_POLL_SECONDS = 0.5  # the default of Settings.active_poll_seconds


class Settings(BaseSettings):
    """Everything a deployment can change; defaults need nothing but this repository."""

    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite+aiosqlite:///{REPO_ROOT / 'data' / 'dota_predict.db'}",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///path or postgresql+asyncpg://...",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis/Valkey URL for the job queue; unset = the run command starts Valkey.",
    )
    queue_name: str = "dota_predict:queue"
    api_key: str | None = Field(
        default=None,
        description="Admin key: if set, every /api route needs it in X-API-Key (or the read key "
        "on read routes).",
    )
    read_api_key: str | None = Field(
        default=None,
        description="Optional read-only key (predict, lists, model info, status); needs "
        "APP_API_KEY.",
    )
    max_upload_mb: float = Field(default=50.0, gt=0)
    max_json_kb: float = Field(
        default=256.0, gt=0, description="Largest JSON request body (413 above); uploads use forms."
    )
    db_pool_size: int = Field(default=5, ge=1, description="Pooled database connections.")
    db_pool_overflow: int = Field(
        default=10, ge=0, description="Extra connections opened beyond the pool under load."
    )
    db_pool_timeout_seconds: float = Field(
        default=5.0,
        gt=0,
        description="A request waiting this long for a database connection gets 503 + Retry-After.",
    )
    # Heavy routes each run at most this many at once per API process (429 + Retry-After beyond,
    # after a 0.5 s wait for a slot): one burst of them must not starve /predict.
    max_concurrent_predict_csv: int = Field(default=4, ge=1)
    max_concurrent_evaluate: int = Field(default=2, ge=1, description="evaluate and promote")
    max_concurrent_results: int = Field(default=2, ge=1)
    max_concurrent_fit: int = Field(default=4, ge=1)
    min_free_disk_mb: float = Field(
        default=200.0,
        ge=0,
        description="Below this much free space where the service writes, GET / says degraded.",
    )
    max_csv_matches: int = Field(default=500_000, gt=0)
    job_time_limit_seconds: float = Field(default=1800.0, gt=0)
    job_heartbeat_stale_seconds: float = Field(
        default=10.0,
        gt=0,
        description="A running job without a heartbeat this long (dead worker) is retried.",
    )
    job_max_attempts: int = Field(
        default=3, ge=1, description="Starts allowed per job; interrupted runs are retried."
    )
    worker_stop_grace_seconds: float = Field(
        default=0.0,
        ge=0,
        description="On SIGTERM a worker lets its job run this long before re-queueing it.",
    )
    worker_heartbeat_file: str | None = Field(
        default=None,
        description="If set, a worker touches this file every few seconds (for --check).",
    )
    health_refresh_seconds: float = Field(
        default=1.0, gt=0, description="How often each API process re-checks database and queue."
    )
    active_poll_seconds: float = Field(
        default=ACTIVE_POLL_SECONDS,
        gt=0,
        description="How often each API process re-reads which model is active and whether the "
        "models it serves by id changed.",
    )
    worker_concurrency: int = Field(default=1, ge=1)
    opendota_base_url: str = Field(
        default="https://api.opendota.com/api", description="The OpenDota API the sync calls."
    )
    opendota_api_key: str | None = Field(
        default=None, description="Optional OpenDota API key (sent as api_key)."
    )
    opendota_calls_per_minute: float = Field(
        default=60.0, gt=0, description="Client-side rate limit (OpenDota anonymous: 60)."
    )
    opendota_daily_calls: int = Field(
        default=2000, ge=1, description="Most OpenDota calls one sync run makes."
    )
    opendota_timeout_seconds: float = Field(default=10.0, gt=0)
    opendota_sync_minutes: float | None = Field(
        default=None,
        gt=0,
        description="If set, the workers queue an OpenDota sync every this many minutes "
        "(off by default: the service never needs the internet).",
    )
    opendota_sync_max_matches: int = Field(
        default=1000, ge=1, le=100_000, description="Most matches one scheduled sync stores."
    )
    api_processes: int = Field(
        default=2,
        ge=1,
        description="API processes `make run` starts on one shared socket (one may die unnoticed).",
    )
    api_blas_threads: int = Field(
        default=1,
        ge=1,
        le=64,
        description="BLAS threads per API process (numpy's matrix products). 1: several "
        "processes share the cores, and OpenBLAS's spinning threads doubled predict_csv's CPU "
        "for no gain in time (bench/SERVING_FLOOR.md).",
    )
    bootstrap_default_model: bool = True
    promotion_max_training_share: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="/promote refuses evidence in which either model was trained on more than "
        "this share of the matches.",
    )
    ledger_enabled: bool = Field(
        default=True, description="Record every served prediction in the ledger (monitoring)."
    )
    shadow_enabled: bool = Field(
        default=True,
        description="This process computes the shadow challengers' predictions at ledger "
        "flushes (PUT /api/v1/models/shadow); false: it records the champion's only.",
    )
    ledger_retention_days: float = Field(
        default=90.0, gt=0, description="Ledger rows older than this are deleted (hourly)."
    )
    ledger_buffer_rows: int = Field(
        default=200_000,
        ge=1,
        description="Most predictions waiting to be written; beyond it they are dropped (counted).",
    )
    ledger_flush_seconds: float = Field(
        default=1.0, gt=0, description="How often the ledger buffer is written."
    )
    results_poll_seconds: float = Field(
        default=0.25,
        gt=0,
        description="How often each API process checks for new match results to roll forward.",
    )
    monitoring_gauge_seconds: float = Field(
        default=60.0, gt=0, description="How often the monitoring Prometheus gauges are updated."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    ui_port: int = 8501

    @model_validator(mode="after")
    def _read_key_needs_admin_key(self) -> Settings:
        if self.read_api_key and not self.api_key:
            raise ValueError("APP_READ_API_KEY needs APP_API_KEY (else admin routes were open)")
        return self

    def concurrency_limit(self, route: str) -> int:
        """The max_concurrent_<route> setting of a heavy route."""
        limit: int = getattr(self, f"max_concurrent_{route}")
        return limit

    @property
    def max_json_bytes(self) -> int:
        """JSON body limit in bytes."""
        return int(self.max_json_kb * 1024)

    @property
    def max_upload_bytes(self) -> int:
        """Upload limit in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)


@cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
