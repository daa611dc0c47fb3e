"""Datasets as a resource: list, upload, summarise and explore stored match files."""

from __future__ import annotations

import asyncio

import polars as pl
from litestar.datastructures import UploadFile
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data import datasets, eda
from backend.api.data.schemas import (
    ColumnMapping,
    DatasetInfo,
    DatasetList,
    DatasetPreview,
    DatasetSummary,
    DatasetUploaded,
    HeroPairs,
    PlayerRecord,
    PreviewProblem,
    ServiceLimits,
)
from backend.api.uploads import ImportOptions, read_upload
from backend.context import AppContext
from backend.db.engine import as_utc
from backend.db.tables import Dataset
from backend.errors import ApiError
from backend.matches.csv_reader import FORMATS
from backend.matches.mapping import TARGETS
from backend.matches.preview import preview
from backend.settings import Settings


def summary(dataset: Dataset) -> DatasetSummary:
    """The list view of a dataset."""
    return DatasetSummary(
        dataset_id=dataset.id,
        filename=dataset.filename,
        n_matches=dataset.n_matches,
        size_bytes=dataset.size_bytes,
        created_at=as_utc(dataset.created_at),
    )


def _trainable(frame: pl.DataFrame) -> bool:
    try:
        datasets.check_trainable(frame)
    except ApiError:
        return False
    return True


def _info(dataset: Dataset, frame: pl.DataFrame) -> DatasetInfo:
    return DatasetInfo(
        **summary(dataset).model_dump(),
        **eda.overview(frame),
        trainable=_trainable(frame),
        matches_per_month=eda.matches_per_month(frame),
        heroes=eda.hero_stats(frame),
        top_players=eda.top_players(frame),
    )


async def list_datasets(session: AsyncSession) -> DatasetList:
    """Every stored dataset."""
    return DatasetList(datasets=[summary(d) for d in await datasets.list_datasets(session)])


async def dataset_info(ctx: AppContext, session: AsyncSession, dataset_id: str) -> DatasetInfo:
    """Summary and EDA aggregates of a stored dataset; 404 if unknown."""
    dataset = await datasets.get_dataset(session, dataset_id)
    frame = await datasets.frame_of(ctx, dataset)
    return await asyncio.to_thread(_info, dataset, frame)


async def upload(
    ctx: AppContext, session: AsyncSession, file: UploadFile, options: ImportOptions
) -> DatasetUploaded:
    """Validate and store an upload (once per content), then summarise it."""
    dataset, result = await datasets.store_upload(
        ctx, session, file, for_training=False, options=options
    )
    info = await asyncio.to_thread(_info, dataset, result.frame)
    return DatasetUploaded(
        **info.model_dump(),
        import_format=result.format,
        import_mapping=result.mapping.to_json() if result.mapping else None,
        skipped=result.skipped,
        import_notes=result.notes,
    )


async def hero_pairs(
    ctx: AppContext, session: AsyncSession, dataset_id: str, top: int, min_games: int
) -> HeroPairs:
    """Pair and counter win rates among the most picked heroes of a dataset."""
    frame = await datasets.frame_of(ctx, await datasets.get_dataset(session, dataset_id))
    found = await asyncio.to_thread(eda.hero_pairs, frame, top, min_games)
    return HeroPairs(dataset_id=dataset_id, **found)


async def player_record(
    ctx: AppContext, session: AsyncSession, dataset_id: str, account_id: int
) -> PlayerRecord:
    """One account's record in a dataset (zero matches when it does not appear)."""
    frame = await datasets.frame_of(ctx, await datasets.get_dataset(session, dataset_id))
    found = await asyncio.to_thread(eda.player_record, frame, account_id)
    return PlayerRecord(dataset_id=dataset_id, **found)


def _preview(data: bytes, options: ImportOptions, max_rows: int) -> DatasetPreview:
    found = preview(data, format=options.format, mapping=options.mapping, max_rows=max_rows)
    return DatasetPreview(
        format=found.format,
        description=found.description,
        formats=FORMATS,
        columns=found.columns,
        targets=TARGETS,
        mapping=ColumnMapping(**found.mapping.to_json()) if found.mapping else None,
        label_values=found.label_values,
        rows=found.rows,
        n_matches=found.n_matches,
        problems=[PreviewProblem(**vars(p)) for p in found.problems],
        skipped=found.skipped,
        notes=found.notes,
    )


async def preview_upload(
    ctx: AppContext, file: UploadFile, options: ImportOptions
) -> DatasetPreview:
    """How an upload would be read (nothing is stored)."""
    data = await read_upload(ctx, file)
    return await asyncio.to_thread(_preview, data, options, ctx.settings.max_csv_matches)


def limits(settings: Settings) -> ServiceLimits:
    """The limits clients show and respect."""
    return ServiceLimits(
        max_upload_mb=settings.max_upload_mb,
        max_upload_bytes=settings.max_upload_bytes,
        max_csv_matches=settings.max_csv_matches,
        job_time_limit_seconds=settings.job_time_limit_seconds,
    )
