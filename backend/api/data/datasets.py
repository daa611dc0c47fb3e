"""Stored match files: one row per distinct content (by sha256), the bundled set as "default".

The only place that writes the `datasets` table. Inserts are insert-or-ignore on the primary
key, so two requests storing the same file at the same time (even in two API processes) both
succeed and leave one row.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
from collections import OrderedDict
from typing import Any, cast

import polars as pl
from litestar.datastructures import UploadFile
from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.uploads import ImportOptions, data_error, read_upload
from backend.context import AppContext
from backend.db.inserts import insert_if_absent
from backend.db.tables import Dataset, MLModel, TrainingJob, utcnow
from backend.errors import ApiError, ErrorCode
from backend.matches import MatchDataError, load_default_matches
from backend.matches.csv_reader import ImportResult, read_import
from backend.matches.writer import canonical_csv

DEFAULT_DATASET_ID = "default"
DEFAULT_DATASET_NAME = "bundled pro matches (backend/resources/default_matches*.csv.gz)"
MIN_TRAINING_MATCHES = 50
_FRAME_CACHE_SIZE = 4
_frames: OrderedDict[str, pl.DataFrame] = OrderedDict()


def dataset_id_for(content: bytes) -> tuple[str, str]:
    """(dataset id, sha256) of a file's bytes: the same bytes always get the same id."""
    digest = hashlib.sha256(content).hexdigest()
    return f"ds-{digest[:24]}", digest


async def ensure_default(session: AsyncSession) -> Dataset:
    """The bundled dataset's row (content None: workers read the bundled files)."""
    found = await session.get(Dataset, DEFAULT_DATASET_ID)
    if found is not None:
        return found
    n_matches = (await asyncio.to_thread(load_default_matches)).height
    row = Dataset(
        id=DEFAULT_DATASET_ID,
        filename=DEFAULT_DATASET_NAME,
        sha256="bundled",
        n_matches=n_matches,
        size_bytes=0,
        created_at=utcnow(),
    )
    await insert_if_absent(session, row)
    return row


def check_trainable(matches: pl.DataFrame, field: str = "file") -> None:
    """400 unless there are enough labelled matches with both outcomes."""
    labelled = matches["radiant_win"].drop_nulls()
    wins = int(labelled.sum())
    if labelled.len() < matches.height:
        missing = matches.height - labelled.len()
        raise ApiError(
            400,
            ErrorCode.too_little_data,
            f"{field}: training needs radiant_win in every match; {missing} of "
            f"{matches.height} matches have none",
            field=field,
            column="radiant_win",
        )
    if matches.height < MIN_TRAINING_MATCHES or wins in (0, matches.height):
        raise ApiError(
            400,
            ErrorCode.too_little_data,
            f"{field}: training needs at least {MIN_TRAINING_MATCHES} matches with both Radiant "
            f"and Dire wins; this file has {matches.height} matches, {wins} Radiant wins",
            field=field,
        )


def parse(
    ctx: AppContext,
    content: bytes,
    *,
    require_label: bool,
    options: ImportOptions | None = None,
) -> ImportResult:
    """The one reader, with the service's row limit; MatchDataError → 400 naming column/row."""
    options = options or ImportOptions()
    try:
        return read_import(
            content,
            require_label=require_label,
            max_rows=ctx.settings.max_csv_matches,
            format=options.format,
            mapping=options.mapping,
        )
    except MatchDataError as exc:
        raise data_error(exc) from exc


async def store_upload(
    ctx: AppContext,
    session: AsyncSession,
    upload: UploadFile,
    *,
    for_training: bool,
    options: ImportOptions | None = None,
) -> tuple[Dataset, ImportResult]:
    """Read, validate and store an uploaded file (once per content); 4xx if unusable.

    A file read in a detected format is stored as sent (detection reads it the same way again);
    one read with a named format or mapping is stored as the canonical CSV it became, so every
    later reader (workers, EDA) needs no options.
    """
    options = options or ImportOptions()
    content = await read_upload(ctx, upload)
    result = await asyncio.to_thread(
        parse, ctx, content, require_label=for_training, options=options
    )
    matches = result.frame
    if for_training:
        check_trainable(matches)
    if options.explicit:
        content = await asyncio.to_thread(canonical_csv, matches)
    dataset_id, digest = dataset_id_for(content)
    # Off the event loop: compressing a few MB takes tens of ms, which every other request
    # would wait for.
    packed = await asyncio.to_thread(gzip.compress, content, compresslevel=6, mtime=0)
    row = Dataset(
        id=dataset_id,
        filename=(upload.filename or "upload.csv")[:255],
        sha256=digest,
        n_matches=matches.height,
        size_bytes=len(content),
        content=packed,
        created_at=utcnow(),
    )
    await insert_if_absent(session, row)
    _remember(dataset_id, matches)
    return (await session.get(Dataset, dataset_id)) or row, result


async def get_dataset(session: AsyncSession, dataset_id: str, field: str = "dataset_id") -> Dataset:
    """A stored dataset (the bundled one is created on first use); 404 if unknown."""
    if dataset_id == DEFAULT_DATASET_ID:
        return await ensure_default(session)
    found = await session.get(Dataset, dataset_id)
    if found is None:
        raise ApiError(
            404,
            ErrorCode.dataset_not_found,
            f"no dataset with dataset_id {dataset_id!r}; list them with GET /api/v1/data/datasets",
            field=field,
        )
    return found


async def list_datasets(session: AsyncSession) -> list[Dataset]:
    """Every stored dataset, the bundled one first, then newest first."""
    await ensure_default(session)
    # Not the files themselves (megabytes each): the list shows their sizes and counts.
    query = select(Dataset).options(
        defer(cast("QueryableAttribute[Any]", Dataset.content), raiseload=True)
    )
    rows = await session.exec(query.order_by(col(Dataset.created_at).desc()))
    found = list(rows.all())
    return sorted(found, key=lambda d: d.id != DEFAULT_DATASET_ID)


def _remember(dataset_id: str, frame: pl.DataFrame) -> None:
    _frames[dataset_id] = frame
    _frames.move_to_end(dataset_id)
    while len(_frames) > _FRAME_CACHE_SIZE:
        _frames.popitem(last=False)


async def frame_of(ctx: AppContext, dataset: Dataset) -> pl.DataFrame:
    """The dataset's canonical frame (parsed by the one reader; a few are cached per process)."""
    if (cached := _frames.get(dataset.id)) is not None:
        _frames.move_to_end(dataset.id)
        return cached
    if dataset.content is None:
        frame = await asyncio.to_thread(load_default_matches)
    else:
        content = await asyncio.to_thread(gzip.decompress, dataset.content)
        frame = (await asyncio.to_thread(parse, ctx, content, require_label=False)).frame
    _remember(dataset.id, frame)
    return frame


def bundled_csv() -> bytes:
    """The bundled matches as one canonical CSV (what GET /api/v1/data/sample returns)."""
    return load_default_matches().write_csv().encode()


MAX_FILENAME = 255


def _not_builtin(dataset_id: str, action: str) -> None:
    if dataset_id == DEFAULT_DATASET_ID:
        raise ApiError(
            409,
            ErrorCode.dataset_builtin,
            f"the bundled dataset cannot be {action}; it ships with the service",
            field="dataset_id",
        )


def clean_filename(filename: str) -> str:
    """A new display name: trimmed, 1-255 characters, no control characters; else a 400."""
    name = filename.strip()
    if not name or len(name) > MAX_FILENAME or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise ApiError(
            400,
            ErrorCode.invalid_request,
            f"filename: 1 to {MAX_FILENAME} characters without control characters",
            field="filename",
        )
    return name


async def rename(session: AsyncSession, dataset_id: str, filename: str) -> Dataset:
    """Give a stored dataset a new display name (its id and content stay)."""
    _not_builtin(dataset_id, "renamed")
    name = clean_filename(filename)
    dataset = await get_dataset(session, dataset_id)
    dataset.filename = name
    session.add(dataset)
    await session.flush()  # the request's transaction commits (provide_session)
    return dataset


async def delete(session: AsyncSession, dataset_id: str) -> None:
    """Delete a stored dataset; 409 while a model or a training job (kept as history) names it."""
    _not_builtin(dataset_id, "deleted")
    dataset = await get_dataset(session, dataset_id)
    models = list(
        (await session.exec(select(MLModel.id).where(MLModel.dataset_id == dataset_id))).all()
    )
    jobs = (
        await session.exec(
            select(func.count())
            .select_from(TrainingJob)
            .where(TrainingJob.dataset_id == dataset_id)
        )
    ).one()
    if models or jobs:
        shown = ", ".join(sorted(models)[:5]) + (" …" if len(models) > 5 else "")
        raise ApiError(
            409,
            ErrorCode.dataset_in_use,
            f"dataset {dataset_id!r} is used by {len(models)} model(s)"
            + (f" ({shown})" if models else "")
            + f" and {jobs} training job(s); a dataset stays while anything trained on it is "
            "kept (job history included)",
            field="dataset_id",
        )
    await session.delete(dataset)
    await session.flush()
    _frames.pop(dataset_id, None)
