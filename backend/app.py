"""The Litestar application factory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Router
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from backend import __version__
from backend.api.data.routes import DataController
from backend.api.data.sync_routes import SyncController
from backend.api.dependencies import api_key_guard, provide_ctx, provide_session
from backend.api.docs import assets_router, render_plugins
from backend.api.health import health, live, ready
from backend.api.metrics import (
    MetricsController,
    export_health,
    forget_this_process,
    prometheus_config,
)
from backend.api.models.evaluation_routes import EvaluationController
from backend.api.models.lifecycle_routes import LifecycleController
from backend.api.models.registry_routes import RegistryController
from backend.api.models.serving_routes import ServingController
from backend.api.models.training_routes import TrainingController
from backend.api.request_limits import request_limits
from backend.background import background_tasks
from backend.bootstrap import ensure_default_model
from backend.context import AppContext
from backend.db.engine import make_engine, make_session_factory
from backend.errors import EXCEPTION_HANDLERS
from backend.ledger import LedgerRecorder
from backend.serving import by_id
from backend.serving.active import following
from backend.serving.shadows import ShadowRunner
from backend.settings import Settings, get_settings

log = logging.getLogger(__name__)


def limit_blas_threads(threads: int) -> None:
    """This process's BLAS thread pools (OpenBLAS under numpy and scikit-learn) to ``threads``.

    The API's matrix products are matrix-vector ones of a few thousand rows per block: extra
    threads only spin between them (measured: predict_csv of 100k rows 1.0-1.2 s of API CPU
    with OpenBLAS's default threads, 0.54-0.66 s with one, the same wall time). Training runs
    in the workers' processes and keeps its threads.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads, user_api="blas")


def create_app(settings: Settings | None = None) -> Litestar:
    """An app bound to these settings (tests build one per test)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        limit_blas_threads(settings.api_blas_threads)
        engine = make_engine(
            settings.database_url,
            settings.db_pool_timeout_seconds,
            settings.db_pool_size,
            settings.db_pool_overflow,
        )
        ctx = AppContext(
            settings=settings,
            engine=engine,
            session_factory=make_session_factory(engine),
            ledger=LedgerRecorder(settings.ledger_enabled, settings.ledger_buffer_rows),
        )
        ctx.on_refresh = export_health
        if settings.shadow_enabled:  # shadow models predict at the ledger's flushes
            ctx.ledger.shadow = ShadowRunner(ctx.active)
        await ctx.refresh_health()  # GET / and the probes answer from this state
        app.state.ctx = ctx
        if settings.bootstrap_default_model:
            await ensure_default_model(ctx)
        watcher = asyncio.create_task(ctx.watch_health(), name="health-watch")
        try:
            # The active model is loaded before the first request and followed from then on.
            async with (
                background_tasks(ctx),
                following(ctx.active, ctx.session_factory),
                by_id.following(ctx.by_id, ctx.session_factory),
            ):
                yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            await ctx.close()
            await engine.dispose()
            forget_this_process()

    # The keys guard /api routes only; GET /, /health/* and /metrics stay open for probes.
    api = Router(
        path="/",
        route_handlers=[
            TrainingController,
            ServingController,
            LifecycleController,
            EvaluationController,
            RegistryController,
            DataController,
            SyncController,
        ],
        guards=[api_key_guard] if settings.api_key else [],
    )
    return Litestar(
        route_handlers=[health, live, ready, MetricsController, api, assets_router()],
        middleware=[prometheus_config().middleware, request_limits],
        dependencies={
            "ctx": Provide(provide_ctx, sync_to_thread=False),
            "session": Provide(provide_session),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=[lifespan],
        # A little room over the file limit for the other form fields.
        request_max_body_size=settings.max_upload_bytes + 1024 * 1024,
        openapi_config=OpenAPIConfig(
            title="Dota 2 match prediction API",
            version=__version__,
            description="Train models on Dota 2 matches and predict Radiant/Dire win probability.",
            render_plugins=render_plugins(),
            components=Components(
                security_schemes={
                    "ApiKey": SecurityScheme(
                        type="apiKey", name="X-API-Key", security_scheme_in="header"
                    )
                }
            ),
        ),
        debug=False,
    )
