"""Routes under /api/v1/data, plus the hero list."""

from __future__ import annotations

import asyncio
from typing import Annotated

from litestar import Controller, Response, delete, get, post, put
from litestar.params import Parameter
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data import datasets, results, service
from backend.api.data.schemas import (
    AccountIds,
    AccountName,
    DatasetDeleted,
    DatasetForm,
    DatasetInfo,
    DatasetList,
    DatasetPreview,
    DatasetRename,
    DatasetSummary,
    DatasetUploaded,
    HeroList,
    HeroPairs,
    HeroRead,
    PlayerRecord,
    PreviewForm,
    ResultsForm,
    ResultsIngested,
    ServiceLimits,
)
from backend.api.dependencies import MULTIPART, READ
from backend.api.models import registry
from backend.api.uploads import as_canonical_csv, import_options, read_upload
from backend.context import AppContext
from backend.errors import error_responses
from backend.matches import hero_registry
from backend.opendota.names import names_for

# Far beyond any model's players, and well inside the 64-bit OFFSET of every database.
MAX_OFFSET = 1_000_000_000
DATASET_ID = Parameter(query="dataset_id", description='A stored dataset; "default" = bundled.')


class DataController(Controller):
    """Match data (stored datasets, the bundled sample, limits) and reference data."""

    path = "/api/v1"
    tags = ["data"]

    @get(
        "/data/account_ids",
        operation_id="account_ids",
        opt=READ,
        summary="Players known to the active model (or model_id)",
        responses=error_responses(400, 401, 404, 409),
    )
    async def account_ids(
        self,
        session: AsyncSession,
        limit: Annotated[int, Parameter(query="limit", ge=1, le=10_000)] = 100,
        offset: Annotated[int, Parameter(query="offset", ge=0, le=MAX_OFFSET)] = 0,
        model_id: Annotated[str | None, Parameter(query="model_id")] = None,
    ) -> AccountIds:
        used, ids, total = await registry.account_ids(session, model_id, limit, offset)
        names = await names_for(session, ids)
        players = [AccountName(account_id=i, name=names.get(i)) for i in ids]
        return AccountIds(
            model_id=used, account_ids=ids, players=players, total=total, limit=limit, offset=offset
        )

    @post(
        "/data/results",
        operation_id="ingest_results",
        opt={"heavy": "results"},
        status_code=200,
        summary="Post match results",
        description="Multipart form: file (a match CSV in either accepted format, radiant_win "
        "required). Stores each match once (already stored ones count as duplicates) and rolls "
        "every stored model's player ratings and statistics forward with the results after its "
        "training end, without refitting; every API process serves the update within 2 s. "
        "The answer waits for no model to load: models_updated comes from each model's stored "
        "position, and the cost is that of the new results. "
        "Recorded predictions of these matches are scored for monitoring. A bad file is "
        "rejected whole (400 naming column and row) and changes nothing.",
        responses=error_responses(400, 401, 413, 415, 429),
    )
    async def ingest_results(
        self,
        ctx: AppContext,
        data: Annotated[ResultsForm, MULTIPART],
    ) -> ResultsIngested:
        options = import_options(data.format, data.mapping)
        content = await read_upload(ctx, data.file)
        content = await asyncio.to_thread(
            as_canonical_csv,
            content,
            options,
            require_label=True,
            max_rows=ctx.settings.max_csv_matches,
        )
        return await results.ingest_results(ctx, content)

    @get(
        "/heroes",
        operation_id="heroes",
        opt=READ,
        summary="All heroes",
        responses=error_responses(401),
    )
    async def heroes(self) -> HeroList:
        return HeroList(
            heroes=[
                HeroRead(
                    id=h.id,
                    name=h.name,
                    short_name=h.short_name,
                    primary_attr=h.primary_attr,
                    attack_type=h.attack_type,
                    roles=list(h.roles),
                )
                for h in hero_registry().heroes
            ]
        )

    @get(
        "/data/datasets",
        operation_id="list_datasets",
        summary="Stored datasets",
        responses=error_responses(401),
    )
    async def list_datasets(self, session: AsyncSession) -> DatasetList:
        return await service.list_datasets(session)

    @post(
        "/data/datasets",
        operation_id="upload_dataset",
        status_code=201,
        summary="Upload and validate a match file",
        description="Multipart form with `file` (CSV, either layout). The file is read by the same "
        "reader as fit and predict_csv and stored once per content; the answer is its summary "
        "(201), or a 4xx naming the column and row at fault.",
        responses=error_responses(400, 401, 413),
    )
    async def upload_dataset(
        self,
        ctx: AppContext,
        session: AsyncSession,
        data: Annotated[DatasetForm, MULTIPART],
    ) -> DatasetUploaded:
        options = import_options(data.format, data.mapping)
        return await service.upload(ctx, session, data.file, options)

    @post(
        "/data/datasets/preview",
        operation_id="preview_dataset",
        status_code=200,
        summary="Preview how a file will be read",
        description="Multipart form with `file` and optional `format` and `mapping`. Nothing is "
        "stored. The answer: the detected format, a guessed column mapping for tables (our "
        "column -> yours, your winner values -> radiant/dire), the first 20 matches as they "
        "will be read, and the problems found per column. Send `format` and `mapping` back "
        "with POST /api/v1/data/datasets (or any upload route) to store it so.",
        responses=error_responses(400, 401, 413),
    )
    async def preview_dataset(
        self,
        ctx: AppContext,
        data: Annotated[PreviewForm, MULTIPART],
    ) -> DatasetPreview:
        options = import_options(data.format, data.mapping)
        return await service.preview_upload(ctx, data.file, options)

    @put(
        "/data/datasets/rename",
        operation_id="rename_dataset",
        status_code=200,
        summary="Rename a stored dataset",
        description="JSON {dataset_id, filename}: a new display name (1-255 characters); the id "
        "and content stay. The bundled dataset cannot be renamed (409 dataset_builtin).",
        responses=error_responses(400, 401, 404, 409),
    )
    async def rename_dataset(self, session: AsyncSession, data: DatasetRename) -> DatasetSummary:
        return service.summary(await datasets.rename(session, data.dataset_id, data.filename))

    @delete(
        "/data/datasets",
        operation_id="delete_dataset",
        status_code=200,
        summary="Delete a stored dataset",
        description="Refused with 409 dataset_in_use while a model or a training job (job "
        "history is kept) names the dataset, and 409 dataset_builtin for the bundled one.",
        responses=error_responses(400, 401, 404, 409),
    )
    async def delete_dataset(
        self, session: AsyncSession, dataset_id: Annotated[str, DATASET_ID]
    ) -> DatasetDeleted:
        await datasets.delete(session, dataset_id)
        return DatasetDeleted(dataset_id=dataset_id, deleted=True)

    @get(
        "/data/datasets/info",
        operation_id="dataset_info",
        summary="A dataset's summary and EDA aggregates",
        responses=error_responses(400, 401, 404),
    )
    async def dataset_info(
        self, ctx: AppContext, session: AsyncSession, dataset_id: Annotated[str, DATASET_ID]
    ) -> DatasetInfo:
        return await service.dataset_info(ctx, session, dataset_id)

    @get(
        "/data/datasets/pairs",
        operation_id="hero_pairs",
        summary="Hero pair and counter win rates in a dataset",
        responses=error_responses(400, 401, 404),
    )
    async def hero_pairs(
        self,
        ctx: AppContext,
        session: AsyncSession,
        dataset_id: Annotated[str, DATASET_ID],
        top: Annotated[int, Parameter(query="top", ge=2, le=60)] = 20,
        min_games: Annotated[int, Parameter(query="min_games", ge=1, le=1_000_000)] = 5,
    ) -> HeroPairs:
        return await service.hero_pairs(ctx, session, dataset_id, top, min_games)

    @get(
        "/data/datasets/player",
        operation_id="player_record",
        summary="One player's record in a dataset",
        responses=error_responses(400, 401, 404),
    )
    async def player_record(
        self,
        ctx: AppContext,
        session: AsyncSession,
        dataset_id: Annotated[str, DATASET_ID],
        account_id: Annotated[int, Parameter(query="account_id", ge=0, le=2**63 - 1)],
    ) -> PlayerRecord:
        return await service.player_record(ctx, session, dataset_id, account_id)

    @get(
        "/data/sample",
        operation_id="sample_matches",
        summary="The bundled matches as CSV",
        description="The bundled default dataset as one canonical CSV, to try the service with. "
        "Licences per source: backend/resources/PROVENANCE.md.",
        media_type="text/csv",
        responses=error_responses(401),
    )
    async def sample(self) -> Response[bytes]:
        content = await asyncio.to_thread(datasets.bundled_csv)
        return Response(
            content,
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="sample_matches.csv"'},
        )

    @get(
        "/data/limits",
        operation_id="limits",
        summary="Upload, file and job limits",
        responses=error_responses(401),
    )
    async def limits(self, ctx: AppContext) -> ServiceLimits:
        return service.limits(ctx.settings)
