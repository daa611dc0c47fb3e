"""Model export and import: a zip of the data-only artifact and a model card.

The card (model_card.json) says what the model is for a person and a registry: type,
hyperparameters, metrics, the training dataset's name and SHA-256, when it was trained, the
artifact's SHA-256. On import nothing in the card is trusted but the hash: the model row is
rebuilt from the artifact itself, which loads through the bounded, data-only reader
(backend/ml/artifacts.py) and scores a probe draft before anything is stored. Results the
source instance had applied are not part of the export; the importing instance rolls the model
forward with its own stored results, as for a model trained there.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models import registry
from backend.api.models.schemas import ModelInfo
from backend.api.models.serving import ready_model
from backend.api.models.training import check_model_id
from backend.api.uploads import read_upload
from backend.context import AppContext
from backend.db.engine import as_utc, transaction
from backend.db.job_state import write_trained
from backend.db.tables import Dataset, MLModel, ModelArtifact, ModelStatus, utcnow
from backend.db.trained import training_result
from backend.errors import ApiError, ErrorCode
from backend.ml import MODEL_TYPES, artifacts
from backend.ml.trained_model import TrainedModel
from backend.text import quote

CARD = "model_card.json"
ARTIFACT = "artifact.dpml"
FORMAT = "dota-predict-model"
FORMAT_VERSION = 1
MAX_CARD_BYTES = 2**20


def _bad(message: str) -> ApiError:
    return ApiError(400, ErrorCode.invalid_model_file, message, field="file")


def model_card(model: MLModel, artifact: ModelArtifact, dataset: Dataset | None) -> dict[str, Any]:
    """What the export says about a model (for people and other registries)."""
    trained = as_utc(model.trained_at)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model_id": model.id,
        "model_type": model.model_type,
        "hyperparameters": model.hyperparameters,
        "metrics": model.metrics,
        "training_summary": model.training_summary,
        "fit_seconds": model.fit_seconds,
        "trained_at": trained.isoformat() if trained else None,
        "exported_at": utcnow().isoformat(),
        "dataset": None
        if dataset is None
        else {
            "dataset_id": dataset.id,
            "filename": dataset.filename,
            "sha256": dataset.sha256,
            "n_matches": dataset.n_matches,
        },
        "artifact": {
            "file": ARTIFACT,
            "sha256": artifact.sha256,
            "size_bytes": artifact.size_bytes,
        },
        "note": "results applied on the exporting instance are not included; the importing "
        "instance applies its own stored results",
    }


def bundle(card: dict[str, Any], content: bytes) -> bytes:
    """The export file: the card and the artifact in one zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CARD, json.dumps(card, indent=2, sort_keys=True))
        archive.writestr(ARTIFACT, content)
    return out.getvalue()


async def export_model(session: AsyncSession, model_id: str) -> tuple[bytes, str]:
    """The export zip of a ready model and its file name."""
    model = await ready_model(session, model_id)
    artifact = await session.get(ModelArtifact, model.id)
    if artifact is None:
        raise ApiError(409, ErrorCode.model_not_ready, f"model {model_id!r} has no stored artifact")
    dataset = await session.get(Dataset, model.dataset_id) if model.dataset_id else None
    card = model_card(model, artifact, dataset)
    data = await asyncio.to_thread(bundle, card, artifact.content)
    return data, f"{model.id}.dpmodel.zip"


def _read_entry(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise _bad(f"{name} is {info.file_size} bytes; at most {limit} are accepted")
    with archive.open(info) as entry:
        data = entry.read(limit + 1)  # never trust the declared size alone
    if len(data) > limit:
        raise _bad(f"{name} is larger than {limit} bytes")
    return data


def read_bundle(data: bytes) -> tuple[dict[str, Any], TrainedModel, bytes]:
    """Card, loaded model and artifact bytes of an export file; a 400 says what is wrong."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sorted(archive.namelist())
            if names != sorted([ARTIFACT, CARD]):
                raise _bad(
                    f"a model file holds exactly {CARD} and {ARTIFACT}; this one holds "
                    f"{', '.join(quote(n) for n in names[:5]) or 'nothing'}"
                )
            raw_card = _read_entry(archive, CARD, MAX_CARD_BYTES)
            content = _read_entry(archive, ARTIFACT, artifacts.MAX_ARTIFACT_BYTES)
    except zipfile.BadZipFile as exc:
        raise _bad(f"not a model export (a zip from GET /api/v1/models/export): {exc}") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise _bad(f"the model file cannot be read: {exc}") from exc
    try:
        card = json.loads(raw_card)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _bad(f"{CARD} is not valid JSON: {exc}") from exc
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        raise _bad(f"{CARD} is not a {FORMAT} card")
    if card.get("format_version") != FORMAT_VERSION:
        raise _bad(
            f"{CARD} has format_version {quote(str(card.get('format_version')))}; this service "
            f"reads version {FORMAT_VERSION}"
        )
    listed = card.get("artifact")
    expected = listed.get("sha256") if isinstance(listed, dict) else None
    if not isinstance(expected, str) or hashlib.sha256(content).hexdigest() != expected:
        raise _bad(f"{ARTIFACT} does not match the SHA-256 in {CARD} (damaged or edited)")
    try:
        model = TrainedModel.from_bytes(content, expected)
    except (artifacts.ArtifactError, ValueError, RecursionError) as exc:
        raise _bad(f"{ARTIFACT} is not a model this service can load: {exc}") from exc
    if model.model_type not in MODEL_TYPES:
        raise _bad(f"the model's type {quote(model.model_type)} is not one this service serves")
    return card, model, content


def _trained_at(card: dict[str, Any]) -> datetime | None:
    value = card.get("trained_at")
    try:
        stamp = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if stamp is None:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


async def import_model(
    ctx: AppContext, session: AsyncSession, upload: Any, model_id: str | None
) -> ModelInfo:
    """Store an exported model as a ready model on this instance (not activated)."""
    data = await read_upload(ctx, upload)
    card, model, content = await asyncio.to_thread(read_bundle, data)
    card_id = card.get("model_id") if isinstance(card.get("model_id"), str) else None
    new_id = check_model_id(model_id or card_id)
    listed = card.get("dataset")
    dataset: dict[str, Any] = listed if isinstance(listed, dict) else {}
    sha = dataset.get("sha256") if isinstance(dataset.get("sha256"), str) else None
    async with transaction(ctx.session_factory) as writing:
        if await writing.get(MLModel, new_id) is not None:
            raise ApiError(
                409,
                ErrorCode.model_id_taken,
                f"model_id {quote(new_id)} is already taken; import with another model_id",
                field="model_id",
            )
        # The training data is linked when this instance stores the same content (same id
        # rule as uploads), so training-overlap counts keep working for the imported model.
        local = await writing.get(Dataset, f"ds-{sha[:24]}") if sha else None
        row = MLModel(
            id=new_id,
            model_type=model.model_type,
            status=ModelStatus.ready,
            dataset_id=local.id if local is not None and local.sha256 == sha else None,
        )
        writing.add(row)
        # The exact bytes, so the stored hash is the exporter's.
        await write_trained(writing, row, training_result(model, content))
        row.trained_at = _trained_at(card) or row.trained_at
    return await registry.model_info(session, new_id)
