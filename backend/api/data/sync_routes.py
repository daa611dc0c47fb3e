"""Routes of the OpenDota sync job, under /api/v1/data/sync."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.params import Parameter

from backend.api.data import sync
from backend.api.data.schemas import CancelSyncRequest, SyncJobList, SyncJobRead, SyncRequest
from backend.api.dependencies import READ
from backend.context import AppContext
from backend.errors import error_responses


class SyncController(Controller):
    """Keep results (and optionally a dataset and player names) current from OpenDota."""

    path = "/api/v1/data/sync"
    tags = ["data"]

    @post(
        "/",
        operation_id="start_sync",
        status_code=202,
        summary="Start an OpenDota sync job",
        description="JSON options (all optional): max_matches, since/until (UTC days), "
        "league_ids, players (cache pro names), as_dataset (store the run's matches as a "
        "dataset), reset (start from the newest page). A worker pages /proMatches from the "
        "stored cursor, fetches each new match and stores every page whole with the cursor, so "
        "results roll the models forward as POST /api/v1/data/results does. One sync at a "
        "time (409 sync_running); watch it with GET /api/v1/data/sync/status.",
        responses=error_responses(400, 401, 403, 409, 503),
    )
    async def start_sync(self, ctx: AppContext, data: SyncRequest) -> SyncJobRead:
        return await sync.start_sync(ctx, data)

    @get(
        "/status",
        operation_id="sync_status",
        opt=READ,
        summary="A sync job's state and report (the latest one without job_id)",
        responses=error_responses(400, 401, 404),
    )
    async def sync_status(
        self,
        ctx: AppContext,
        job_id: Annotated[str | None, Parameter(query="job_id", max_length=64)] = None,
    ) -> SyncJobRead:
        return await sync.find_sync(ctx, job_id)

    @get(
        "/jobs",
        operation_id="sync_jobs",
        opt=READ,
        summary="Recent sync jobs, newest first",
        responses=error_responses(400, 401),
    )
    async def sync_jobs(
        self,
        ctx: AppContext,
        limit: Annotated[int, Parameter(query="limit", ge=1, le=100)] = 20,
    ) -> SyncJobList:
        return await sync.recent_syncs(ctx, limit)

    @post(
        "/cancel",
        operation_id="cancel_sync",
        status_code=200,
        summary="Cancel a sync job (the page being fetched is not stored)",
        responses=error_responses(400, 401, 403, 404, 409),
    )
    async def cancel_sync(self, ctx: AppContext, data: CancelSyncRequest) -> SyncJobRead:
        return await sync.cancel_sync(ctx, data.job_id)
