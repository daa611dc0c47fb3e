"""Model artifacts are data only (JSON + npz), hashed, bounded, and never pickled."""

from __future__ import annotations

import dataclasses
import io
import json
import pickle
import zipfile
from typing import Any

import numpy as np
import polars as pl
import pytest
from ml_testdata import make_matches

from backend.ml import MODEL_TYPES, TrainedModel, artifacts, features, train_model
from backend.ml.artifacts import ArtifactError, sha256_hex

FAST: dict[str, dict[str, Any]] = {
    "logistic_regression": {"calibration": "isotonic"},
    "catboost": {"iterations": 20, "depth": 3, "calibration": "sigmoid"},
    "hist_gradient_boosting": {"max_iter": 15, "calibration": "none"},
}


@pytest.fixture(scope="module")
def matches() -> pl.DataFrame:
    return make_matches(300, seed=5)


@pytest.fixture(scope="module")
def models(matches: pl.DataFrame) -> dict[str, TrainedModel]:
    return {name: train_model(matches, name, FAST[name]) for name in MODEL_TYPES}


def _entries(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob[len(artifacts.MAGIC) :])) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rebuild(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return artifacts.MAGIC + buffer.getvalue()


def _header(blob: bytes) -> dict[str, Any]:
    raw = np.load(io.BytesIO(_entries(blob)["__header__.npy"]), allow_pickle=False)
    header: dict[str, Any] = json.loads(raw.tobytes())
    return header


def _with_header(blob: bytes, header: dict[str, Any]) -> bytes:
    entries = _entries(blob)
    buffer = io.BytesIO()
    np.save(buffer, np.frombuffer(json.dumps(header).encode(), dtype=np.uint8))
    entries["__header__.npy"] = buffer.getvalue()
    return _rebuild(entries)


def test_round_trip_without_pickle(
    models: dict[str, TrainedModel], matches: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    blobs = {name: model.to_bytes() for name, model in models.items()}

    def forbidden(*_: object, **__: object) -> None:
        raise AssertionError("pickle must not be used to load a model")

    monkeypatch.setattr(pickle, "loads", forbidden)
    monkeypatch.setattr(pickle, "load", forbidden)
    monkeypatch.setattr(pickle, "Unpickler", forbidden)
    for name, model in models.items():
        blob = blobs[name]
        assert blob.startswith(artifacts.MAGIC)
        loaded = TrainedModel.from_bytes(blob, sha256_hex(blob))
        np.testing.assert_allclose(
            loaded.predict_proba(matches), model.predict_proba(matches), rtol=0, atol=1e-12
        )
        assert loaded.explain(matches[:3]) == model.explain(matches[:3])
        assert loaded.known_account_ids == model.known_account_ids
        assert loaded.hero_names == model.hero_names and loaded.specs == model.specs
        assert loaded.metrics == model.metrics and loaded.hyperparameters == model.hyperparameters


def test_every_part_is_data(models: dict[str, TrainedModel]) -> None:
    for name, model in models.items():
        blob = model.to_bytes()
        for entry, content in _entries(blob).items():
            array = np.load(io.BytesIO(content), allow_pickle=False)  # raises for object arrays
            assert not array.dtype.hasobject, entry
        types = _types(_header(blob))
        assert all(t.startswith("backend.ml.") for t in types), types
        if name == "catboost":  # its trees as arrays, never CatBoost's own format
            assert any(t.endswith("CatBoostEstimator") for t in types)
            assert any(t.endswith("ObliviousForest") for t in types)
            assert b"cbm" not in json.dumps(_header(blob)).encode()


def _types(node: object) -> set[str]:
    """Every class named in a header tree."""
    if isinstance(node, dict):
        found = {node["__type__"]} if "__type__" in node else set()
        return found.union(*(_types(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_types(v) for v in node))
    return set()


def test_changed_bytes_are_refused_before_parsing(models: dict[str, TrainedModel]) -> None:
    blob = models["logistic_regression"].to_bytes()
    digest = sha256_hex(blob)
    for position in (0, len(blob) // 2, len(blob) - 1):
        tampered = bytearray(blob)
        tampered[position] ^= 0x01
        with pytest.raises(ArtifactError, match="checksum"):
            TrainedModel.from_bytes(bytes(tampered), digest)
    with pytest.raises(ArtifactError, match="checksum"):
        TrainedModel.from_bytes(blob, "0" * 64)


def test_damaged_or_foreign_artifacts_fail_cleanly(models: dict[str, TrainedModel]) -> None:
    blob = models["hist_gradient_boosting"].to_bytes()
    pickled = b"DOTA-ML-1\n" + pickle.dumps({"x": 1})
    for bad in (b"", b"not a model", pickled, blob[:100], blob[: len(blob) // 2]):
        with pytest.raises(ArtifactError):
            TrainedModel.from_bytes(bad, sha256_hex(bad))
    # A header naming a class outside backend.ml (or not a dataclass / state class) is refused.
    header = _header(blob)
    for evil in ("os:system", "builtins:eval", "backend.ml.artifacts:ArtifactError", "x"):
        header["root"]["__type__"] = evil
        forged = _with_header(blob, header)
        with pytest.raises(ArtifactError):
            TrainedModel.from_bytes(forged, sha256_hex(forged))
    # An npz entry holding a pickled object array is refused by np.load(allow_pickle=False).
    entries = _entries(blob)
    buffer = io.BytesIO()
    np.save(buffer, np.array([print], dtype=object), allow_pickle=True)
    entries["a0.npy"] = buffer.getvalue()
    forged = _rebuild(entries)
    with pytest.raises(ArtifactError):
        TrainedModel.from_bytes(forged, sha256_hex(forged))


def test_a_new_plain_field_needs_no_serializer_change(monkeypatch: pytest.MonkeyPatch) -> None:
    @dataclasses.dataclass
    class Extra:
        weights: np.ndarray
        names: list[str]
        by_id: dict[int, tuple[str, float]]
        config: features.FeatureConfig
        added_later: float = 0.5

    Extra.__module__ = features.__name__
    Extra.__qualname__ = "Extra"
    monkeypatch.setattr(features, "Extra", Extra, raising=False)
    value = Extra(
        np.arange(6.0).reshape(2, 3), ["a"], {7: ("x", 1.5)}, features.FeatureConfig(False)
    )
    loaded = artifacts.loads(artifacts.dumps(value), check_hash=False)
    assert isinstance(loaded, Extra) and loaded.by_id == {7: ("x", 1.5)}
    np.testing.assert_array_equal(loaded.weights, value.weights)
    assert loaded.config == value.config and loaded.added_later == 0.5
    # An artifact written before a field existed loads with the field's default.
    header = _header(artifacts.dumps(value))
    del header["root"]["fields"]["added_later"]
    header["root"]["fields"]["removed_since"] = 1
    old = _with_header(artifacts.dumps(value), header)
    assert artifacts.loads(old, check_hash=False).added_later == 0.5


def test_objects_outside_backend_ml_are_not_stored() -> None:
    with pytest.raises(ArtifactError):
        artifacts.dumps({"x": object()})
    with pytest.raises(ArtifactError):
        artifacts.dumps(np.array([object()]))
