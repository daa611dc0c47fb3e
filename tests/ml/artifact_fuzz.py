"""Fuzz driver: mutated model artifacts (and cbm blobs) fed to the loaders, one process per run.

Run by tests/ml/test_artifact_fuzz.py as ``python -m tests.ml.artifact_fuzz <mode> <n> <seed>``
under an address-space limit, so a crash is a signal the test sees and an allocation beyond the
bounds is a MemoryError it counts; prints one JSON line of outcome counts.

Modes: ``bytes`` flips, truncates, inserts and overwrites bytes of a CatBoost model's artifact
(the hash re-computed, as someone with write access to the row would); ``structure`` rebuilds
valid archives around hostile contents (shapes, dtypes, depths, indices, non-finite numbers,
zip bombs, forged npy headers); ``cbm`` sends mutated CatBoost blobs to the migration's
sandboxed converter.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from backend.ml import TrainedModel, artifacts, train_model
from backend.ml.artifacts import ArtifactError
from backend.ml.trained_model import OutdatedModelError
from tests.ml.ml_testdata import make_matches

LIMIT_BYTES = 3 * 2**30
HEROES = np.arange(1, 11, dtype=np.int64)[None, :]
ACCOUNTS = np.full((1, 10), -1, dtype=np.int64)


def _model() -> tuple[TrainedModel, bytes]:
    model = train_model(
        make_matches(300, seed=4), "catboost", {"iterations": 30, "depth": 4}, evaluate=False
    )
    return model, model.to_bytes()


def _use(blob: bytes) -> str:
    """Load and serve one artifact: 'refused' (ArtifactError), 'served', or the failure."""
    try:
        model = TrainedModel.from_bytes(blob, artifacts.sha256_hex(blob))
    except ArtifactError:
        return "refused"
    try:
        model.features_from_arrays(HEROES, ACCOUNTS)
    except OutdatedModelError:
        return "refused as outdated"  # the service's 409 model_outdated
    try:
        model.prepare_serving()
        p = model.predict_arrays(HEROES, ACCOUNTS)
        factors = model.explain_arrays(HEROES, ACCOUNTS)
    except Exception as exc:  # served but broken: the loader let through what it should not
        return f"fails after load: {type(exc).__name__}: {str(exc)[:80]}"
    if not (0 <= float(p[0]) <= 1) or not factors:
        return "served a non-probability"
    return "served"


def _byte_mutations(blob: bytes, n: int, rng: np.random.Generator) -> Iterator[bytes]:
    for _ in range(n):
        data = bytearray(blob)
        kind = rng.integers(4)
        if kind == 0:
            for position in rng.integers(0, len(data), rng.integers(1, 8)):
                data[position] ^= 1 << int(rng.integers(8))
        elif kind == 1:
            del data[int(rng.integers(len(artifacts.MAGIC), len(data))) :]
        elif kind == 2:
            at = int(rng.integers(0, len(data)))
            data[at:at] = rng.bytes(int(rng.integers(1, 64)))
        else:
            at = int(rng.integers(0, len(data) - 16))
            data[at : at + 16] = rng.bytes(16)
        yield bytes(data)


def _entries(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob[len(artifacts.MAGIC) :])) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return artifacts.MAGIC + buffer.getvalue()


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _forged_shape(content: bytes, shape: tuple[int, ...]) -> bytes:
    """The npy entry with its header claiming another shape (data left as it was)."""
    array = np.load(io.BytesIO(content), allow_pickle=False)
    header = {"descr": np.lib.format.dtype_to_descr(array.dtype), "fortran_order": False,
              "shape": shape}  # fmt: skip
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue() + array.tobytes()


def _structure_mutations(blob: bytes, n: int, rng: np.random.Generator) -> Iterator[bytes]:
    entries = _entries(blob)
    names = [name for name in entries if name != "__header__.npy"]
    header = json.loads(np.load(io.BytesIO(entries["__header__.npy"])).tobytes())
    forest_keys = _forest_array_names(header)
    hostile: list[Callable[[np.ndarray], Any]] = [
        lambda a: a.reshape(-1),
        lambda a: np.zeros((0, *a.shape[1:]), a.dtype),
        lambda a: np.concatenate([a, a]) if a.ndim else a,
        lambda a: a.astype(np.float64) * np.nan,
        lambda a: a.astype(np.float64) * np.inf,
        lambda a: -np.abs(a.astype(np.int64)) - 1,
        lambda a: a.astype(np.int64) + 10**12,
        lambda a: a.astype(np.int8),
        lambda a: a.astype("U3"),
        lambda a: np.zeros((*a.shape, 2), a.dtype),
        lambda a: a.T.copy(),
        lambda a: np.array(10**9),
        lambda a: np.zeros((10**5, 10), np.int64),
    ]
    for i in range(n):
        out = dict(entries)
        kind = i % 6
        target = forest_keys[int(rng.integers(len(forest_keys)))] if kind < 3 else None
        name = target or names[int(rng.integers(len(names)))]
        if kind in (0, 3):  # a hostile array in place of a stored one
            array = np.load(io.BytesIO(entries[name]), allow_pickle=False)
            try:
                out[name] = _npy(np.asarray(hostile[int(rng.integers(len(hostile)))](array)))
            except (ValueError, TypeError):
                out[name] = _npy(np.zeros(3))
        elif kind in (1, 4):  # the npy header claims a huge or odd shape
            shapes = [(10**9, 10), (2**40,), (5000, 10**6), (-1,), (3, 0, 7), (1,) * 40]
            out[name] = _forged_shape(entries[name], shapes[int(rng.integers(len(shapes)))])
        elif kind == 2:  # a zip bomb in place of an entry
            out[name] = _npy(np.zeros(int(rng.integers(10**7, 3 * 10**7)), np.uint8))
        else:  # the JSON tree edited: numbers, types and depths changed
            out["__header__.npy"] = _npy(
                np.frombuffer(json.dumps(_mutate_json(header, rng)).encode(), np.uint8)
            )
        yield _zip(out)


def _forest_array_names(header: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(node: Any, inside: bool) -> None:
        if isinstance(node, dict):
            inside = inside or str(node.get("__type__", "")).endswith("ObliviousForest")
            if inside and "__array__" in node:
                found.append(f"{node['__array__']}.npy")
            for value in node.values():
                walk(value, inside)
        elif isinstance(node, list):
            for value in node:
                walk(value, inside)

    walk(header, False)
    assert found, "the CatBoost artifact has no forest arrays"
    return found


def _mutate_json(header: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    tree = json.loads(json.dumps(header))
    spots: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                spots.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                spots.append((node, index))
                walk(value)

    walk(tree)
    replacements: list[Any] = [10**9, -1, 1e308, None, True, "x", [], {}, [[[]]], 2**70, "a0",
                               {"__type__": "backend.ml.oblivious_forest:ObliviousForest",
                                "fields": {}}]  # fmt: skip
    for _ in range(int(rng.integers(1, 4))):
        parent, key = spots[int(rng.integers(len(spots)))]
        parent[key] = replacements[int(rng.integers(len(replacements)))]
    return tree


def _cbm_mutations(model: TrainedModel, n: int, rng: np.random.Generator) -> Iterator[bytes]:
    import tempfile
    from pathlib import Path

    inner = model.estimator.inner  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.cbm"
        inner.model_.save_model(str(path), format="cbm")
        blob = path.read_bytes()
    yield blob  # the intact one converts
    yield from _byte_mutations(blob, n - 1, rng)


def main() -> None:
    mode, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, resource.getrlimit(resource.RLIMIT_AS)[1]))
    rng = np.random.default_rng(seed)
    model, blob = _model()
    outcomes: Counter[str] = Counter()
    if mode == "cbm":
        from backend.ml.cbm_convert import CbmConverter, ConversionError

        with CbmConverter(timeout_seconds=60) as converter:
            for mutated in _cbm_mutations(model, n, rng):
                try:
                    forest = converter.convert(mutated)
                    forest.raw(np.zeros((2, forest.n_features)))
                    outcomes["converted"] += 1
                except ConversionError:
                    outcomes["refused"] += 1
            outcomes["child deaths"] = converter.restarts
    else:
        mutations = _byte_mutations if mode == "bytes" else _structure_mutations
        for mutated in mutations(blob, n, rng):
            outcomes[_use(mutated)] += 1
    print(json.dumps(dict(outcomes)))


if __name__ == "__main__":
    main()
