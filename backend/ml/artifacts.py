"""Data-only model artifacts: JSON plus numpy arrays in one npz archive, never pickle.

Layout: ``MAGIC`` followed by an npz archive (a zip of .npy files, written by ``np.savez``)
holding the arrays and one ``__header__`` entry: UTF-8 JSON of the object tree, where each
array is a reference to its npz entry. Loading uses ``np.load(allow_pickle=False)`` and
``json.loads`` only, so a tampered artifact can at worst fail to load; it cannot run code.

The tree is built generically, so a new plain field on a dataclass needs no change here:

- ``None``, bools, numbers, strings → JSON; numpy scalars → their Python value;
- numpy arrays (not of dtype object) and ``bytes`` → npz entries;
- lists, tuples and dicts (any JSON-able keys) → JSON, recursively;
- dataclasses and classes with ``to_state()``/``from_state()`` defined in ``backend.ml`` →
  ``{"__type__": "module:Class", ...}``; on load only such classes are accepted (the
  module must be under ``backend.ml`` and the class a dataclass or have ``from_state``).

Every size is bounded before anything is allocated (:func:`_read_arrays`): the artifact's length,
the number of entries, their uncompressed sizes (total, and relative to the compressed bytes, so
a zip bomb is refused unread), each array's dtype and shape from its npy header, which must
account for the entry's size exactly. Classes check their own state in ``from_state``.

Each stored artifact's SHA-256 is kept next to it (``model_artifacts.sha256``) and checked
before anything is parsed (:func:`verify_sha256`), which catches corruption and edits that
did not also rewrite the hash.

Size: the writer, the reader and the reader's bounds (every limit checked before anything
is allocated) are one format; apart, the rules of that format would live in two places.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import io
import json
import math
import zipfile
from typing import Any

import numpy as np

MAGIC = b"DOTA-ML-2\n"
FORMAT_VERSION = 2
TRUSTED_PACKAGE = "backend.ml"
_HEADER = "__header__"
# Bounds of a stored artifact (checked before reading any entry). A model trained on the bundled
# 11.7k matches is ~1 MB, 30 entries, 5 MB uncompressed, a compression ratio of at most 11.
MAX_ARTIFACT_BYTES = 512 * 2**20
MAX_UNCOMPRESSED_BYTES = 2**31
MAX_COMPRESSION_RATIO = 40  # uncompressed total <= ratio * compressed length + slack
COMPRESSION_SLACK_BYTES = 16 * 2**20
MAX_ENTRIES = 4096
MAX_ARRAY_DIMENSIONS = 4
MAX_HEADER_BYTES = 16 * 2**20  # the JSON tree
_ARRAY_KINDS = "biufcSU"  # plain numbers, bools and strings; never objects or records


class ArtifactError(ValueError):
    """An artifact that cannot be loaded: wrong format, failed hash check, unknown type."""


def sha256_hex(data: bytes) -> str:
    """The hex SHA-256 stored with every artifact."""
    return hashlib.sha256(data).hexdigest()


def verify_sha256(data: bytes, expected: str | None) -> None:
    """Refuse bytes whose hash is not the stored one (checked before parsing anything)."""
    if expected is None or sha256_hex(data) != expected.lower():
        raise ArtifactError(
            "the stored model artifact does not match its SHA-256 checksum "
            "(it was changed or corrupted); retrain the model"
        )


class _Encoder:
    """Turns an object tree into JSON with references into a dict of arrays."""

    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def _array(self, array: np.ndarray, tag: str) -> dict[str, Any]:
        if array.dtype.hasobject:
            raise ArtifactError("arrays of Python objects cannot be stored in an artifact")
        key = f"a{len(self.arrays)}"
        self.arrays[key] = array
        return {tag: key}

    def encode(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, np.generic):
            return value.item()
        if isinstance(value, np.ndarray):
            return self._array(value, "__array__")
        if isinstance(value, bytes | bytearray):
            return self._array(np.frombuffer(bytes(value), dtype=np.uint8), "__bytes__")
        if isinstance(value, list):
            return [self.encode(v) for v in value]
        if isinstance(value, tuple):
            return {"__tuple__": [self.encode(v) for v in value]}
        if isinstance(value, dict):
            return {"__dict__": [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        cls = type(value)
        name = f"{cls.__module__}:{cls.__qualname__}"
        if not cls.__module__.startswith(TRUSTED_PACKAGE):
            raise ArtifactError(f"cannot store an object of type {name} in an artifact")
        if hasattr(value, "to_state") and hasattr(cls, "from_state"):
            return {"__type__": name, "state": self.encode(value.to_state())}
        if dataclasses.is_dataclass(value):
            fields = {  # transient fields (e.g. a fit's holdout predictions) stay out
                f.name: self.encode(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if not f.metadata.get("transient")
            }
            return {"__type__": name, "fields": fields}
        raise ArtifactError(f"{name} is neither a dataclass nor has to_state/from_state")


def _trusted_class(name: Any) -> type:
    if not isinstance(name, str) or ":" not in name:
        raise ArtifactError("artifact names a type in an unknown form")
    module_name, _, qualname = name.partition(":")
    if module_name != TRUSTED_PACKAGE and not module_name.startswith(TRUSTED_PACKAGE + "."):
        raise ArtifactError(f"artifact names a type outside {TRUSTED_PACKAGE}: {name[:100]}")
    try:
        cls = getattr(importlib.import_module(module_name), qualname)
    except (ImportError, AttributeError) as exc:
        raise ArtifactError(f"artifact names an unknown type {name[:100]}") from exc
    if not isinstance(cls, type) or not (
        dataclasses.is_dataclass(cls) or hasattr(cls, "from_state")
    ):
        raise ArtifactError(f"artifact names a type that cannot be loaded: {name[:100]}")
    return cls


class _Decoder:
    """Inverse of _Encoder, accepting only trusted classes."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays

    def _array(self, key: Any) -> np.ndarray:
        if not isinstance(key, str) or key not in self.arrays:
            raise ArtifactError("artifact refers to a missing array")
        return self.arrays[key]

    def decode(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        if not isinstance(value, dict) or len(value) not in (1, 2):
            raise ArtifactError("artifact header has an unexpected entry")
        if "__array__" in value:
            return self._array(value["__array__"])
        if "__bytes__" in value:
            return self._array(value["__bytes__"]).tobytes()
        if "__tuple__" in value:
            return tuple(self.decode(v) for v in value["__tuple__"])
        if "__dict__" in value:
            return {self._key(k): self.decode(v) for k, v in value["__dict__"]}
        if "__type__" in value:
            cls = _trusted_class(value["__type__"])
            if hasattr(cls, "from_state"):  # its checks are never bypassed through "fields"
                if "state" in value:
                    return cls.from_state(self.decode(value["state"]))
            elif "fields" in value and dataclasses.is_dataclass(cls):
                return _build_dataclass(cls, self.decode_fields(value["fields"]))
        raise ArtifactError("artifact header has an unexpected entry")

    def _key(self, key: Any) -> Any:
        decoded = self.decode(key)
        return decoded if not isinstance(decoded, list) else tuple(decoded)

    def decode_fields(self, fields: Any) -> dict[str, Any]:
        if not isinstance(fields, dict):
            raise ArtifactError("artifact header has an unexpected entry")
        return {str(k): self.decode(v) for k, v in fields.items()}


def _build_dataclass(cls: type, values: dict[str, Any]) -> Any:
    """A dataclass from stored fields; fields added since the artifact was written get their
    defaults, fields that no longer exist are dropped."""
    known = {f.name: f for f in dataclasses.fields(cls)}
    init = {k: v for k, v in values.items() if k in known and known[k].init}
    try:
        obj = cls(**init)
    except TypeError as exc:
        raise ArtifactError(f"artifact does not fit {cls.__qualname__}: {exc}") from exc
    for name, value in values.items():
        if name in known and not known[name].init:
            object.__setattr__(obj, name, value)
    return obj


def dumps(obj: Any) -> bytes:
    """An object tree as artifact bytes (see the module docstring)."""
    encoder = _Encoder()
    tree = encoder.encode(obj)
    return write_tree(tree, encoder.arrays)


def write_tree(tree: Any, arrays: dict[str, np.ndarray]) -> bytes:
    """Artifact bytes of an encoded header tree and the arrays it refers to."""
    header = json.dumps({"format": FORMAT_VERSION, "root": tree}, separators=(",", ":"))
    entries = {**arrays, _HEADER: np.frombuffer(header.encode(), dtype=np.uint8)}
    buffer = io.BytesIO()
    # The npz layout np.savez writes, with fast compression (level 6 took ~1 s per model).
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, array in entries.items():
            with archive.open(f"{name}.npy", "w", force_zip64=True) as entry:
                np.lib.format.write_array(entry, np.ascontiguousarray(array), allow_pickle=False)
    return MAGIC + buffer.getvalue()


def encode_into(value: Any, arrays: dict[str, np.ndarray]) -> Any:
    """``value`` encoded as a header subtree, its arrays added to ``arrays`` under new keys
    (for migrations that rewrite part of a stored tree without decoding the rest)."""
    encoder = _Encoder()
    tree = encoder.encode(value)
    renamed = {key: f"m{len(arrays)}_{key}" for key in encoder.arrays}
    for key, array in encoder.arrays.items():
        arrays[renamed[key]] = array

    def rename(node: Any) -> Any:
        if isinstance(node, list):
            return [rename(v) for v in node]
        if isinstance(node, dict):
            return {
                k: renamed[v] if k in ("__array__", "__bytes__") else rename(v)
                for k, v in node.items()
            }
        return node

    return rename(tree)


def _read_arrays(body: bytes) -> dict[str, np.ndarray]:
    """The npz entries as arrays, every size checked before it is allocated."""
    archive = zipfile.ZipFile(io.BytesIO(body))
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArtifactError(f"the model artifact has {len(infos)} entries (at most {MAX_ENTRIES})")
    total = sum(info.file_size for info in infos)
    budget = min(
        MAX_UNCOMPRESSED_BYTES, MAX_COMPRESSION_RATIO * len(body) + COMPRESSION_SLACK_BYTES
    )
    if total > budget:
        raise ArtifactError(
            f"the model artifact would unpack to {total} bytes from {len(body)} (at most {budget})"
        )
    arrays: dict[str, np.ndarray] = {}
    for info in infos:
        name = info.filename.removesuffix(".npy")
        if name == info.filename or name in arrays:
            raise ArtifactError("the model artifact has an unexpected or repeated entry")
        with archive.open(info) as entry:
            arrays[name] = _read_array(entry, info.file_size)
    return arrays


def _read_array(entry: Any, size: int) -> np.ndarray:
    """One .npy entry: header first (dtype, shape), which must account for ``size`` bytes."""
    version = np.lib.format.read_magic(entry)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(entry)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(entry)
    else:
        raise ArtifactError(f"the model artifact has an array of npy version {version}")
    if (
        dtype.hasobject
        or dtype.fields is not None
        or dtype.subdtype is not None
        or dtype.kind not in _ARRAY_KINDS
        or len(shape) > MAX_ARRAY_DIMENSIONS
    ):
        raise ArtifactError(f"the model artifact has an array of type {str(dtype)[:40]}")
    count = math.prod(shape)  # Python ints: a forged shape cannot overflow
    nbytes = count * dtype.itemsize
    if nbytes != size - entry.tell():
        raise ArtifactError("the model artifact has an array whose shape does not fit its size")
    buffer = bytearray(nbytes)
    view, filled = memoryview(buffer), 0
    while filled < nbytes:
        got = entry.readinto(view[filled:])
        if not got:
            raise ArtifactError("the model artifact has a truncated array")
        filled += got
    if entry.read(1):  # also makes zipfile check the entry's CRC
        raise ArtifactError("the model artifact has an array longer than its shape")
    array = np.frombuffer(buffer, dtype=dtype, count=count)
    return array.reshape(shape, order="F" if fortran else "C")


def read_tree(data: bytes) -> tuple[Any, dict[str, np.ndarray]]:
    """The encoded header tree and the arrays of artifact bytes, nothing decoded into objects."""
    if len(data) > MAX_ARTIFACT_BYTES:
        raise ArtifactError(f"the model artifact is larger than {MAX_ARTIFACT_BYTES} bytes")
    if not data.startswith(MAGIC):
        raise ArtifactError("not a model artifact of this service (unknown format)")
    try:
        arrays = _read_arrays(data[len(MAGIC) :])
        raw_header = arrays.pop(_HEADER)
        if raw_header.dtype != np.uint8 or raw_header.size > MAX_HEADER_BYTES:
            raise ArtifactError("the model artifact's header is missing or too large")
        header = json.loads(raw_header.tobytes().decode())
    except (ArtifactError, MemoryError):
        raise
    except Exception as exc:  # zipfile, zlib, npy and JSON errors of damaged bytes alike
        raise ArtifactError(f"the model artifact is damaged: {str(exc)[:100]}") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
        raise ArtifactError("the model artifact has an unsupported format version")
    return header.get("root"), arrays


def loads(data: bytes, expected_sha256: str | None = None, *, check_hash: bool = True) -> Any:
    """Artifact bytes back to the object tree; the hash is checked first when asked for."""
    if check_hash:
        verify_sha256(data, expected_sha256)
    root, arrays = read_tree(data)
    try:
        return _Decoder(arrays).decode(root)
    except (ArtifactError, MemoryError):
        raise
    except RecursionError as exc:
        raise ArtifactError("the model artifact is nested too deeply") from exc
    except Exception as exc:  # a class's from_state on data it does not expect
        raise ArtifactError(
            f"the model artifact does not fit the service: {str(exc)[:100]}"
        ) from exc
