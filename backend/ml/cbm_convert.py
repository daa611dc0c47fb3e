"""CatBoost ``.cbm`` bytes → the trees as arrays, parsed by CatBoost in a sandboxed child process.

CatBoost's native loader can crash the process that feeds it damaged bytes (a signal, not an
exception), so the service never calls it on stored bytes itself: artifacts written before
migration 0013 (which kept CatBoost's format) are converted once, by that migration, through this
module. ``CbmConverter`` keeps one child (``python -m backend.ml.cbm_convert``) that converts blob
after blob; a child that dies, overruns its memory limit or its deadline is replaced and that
one blob is reported as not convertible.

Protocol over the child's stdin/stdout: the parent sends an 8-byte big-endian length and the
blob; the child answers one status byte (0 = converted, 1 = refused), an 8-byte length and
either an artifact (``artifacts.dumps`` of the forest's state) or a UTF-8 message.
"""

from __future__ import annotations

import os
import select
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from backend.ml import artifacts
from backend.ml.oblivious_forest import ObliviousForest

CHILD_MEMORY_BYTES = 8 * 2**30  # address-space limit of the child
MAX_BLOB_BYTES = artifacts.MAX_ARTIFACT_BYTES
_LENGTH = struct.Struct(">Q")
_REPO = Path(__file__).resolve().parents[2]


class ConversionError(ValueError):
    """A blob that could not be converted (refused by CatBoost, or its child died)."""


class CbmConverter:
    """One long-lived child converting blobs; use as a context manager."""

    def __init__(self, timeout_seconds: float = 120.0) -> None:
        self.timeout = timeout_seconds
        self.child: subprocess.Popen[bytes] | None = None
        self.restarts = 0

    def __enter__(self) -> CbmConverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def convert(self, blob: bytes) -> ObliviousForest:
        """The forest of one cbm blob (ConversionError if it cannot be had)."""
        if len(blob) > MAX_BLOB_BYTES:
            raise ConversionError(f"the CatBoost model is larger than {MAX_BLOB_BYTES} bytes")
        child = self._child()
        assert child.stdin is not None and child.stdout is not None
        deadline = time.monotonic() + self.timeout
        try:
            child.stdin.write(_LENGTH.pack(len(blob)) + blob)
            child.stdin.flush()
            fd = child.stdout.fileno()
            status = _read_exact(fd, 1, deadline)[0]
            payload = _read_exact(fd, _LENGTH.unpack(_read_exact(fd, 8, deadline))[0], deadline)
        except (OSError, TimeoutError, EOFError) as exc:
            code = self._stop()
            self.restarts += 1
            raise ConversionError(f"CatBoost's loader died on it ({exc or code})") from exc
        if status != 0:
            raise ConversionError(payload.decode(errors="replace")[:200])
        try:  # the child's answer is checked like any stored artifact
            return ObliviousForest.from_state(artifacts.loads(payload, check_hash=False))
        except artifacts.ArtifactError as exc:
            raise ConversionError(f"CatBoost's trees do not pass the checks: {exc}") from exc

    def _child(self) -> subprocess.Popen[bytes]:
        if self.child is None or self.child.poll() is not None:
            env = {**os.environ, "PYTHONPATH": str(_REPO)}
            self.child = subprocess.Popen(
                [sys.executable, "-m", "backend.ml.cbm_convert"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=_REPO,
                env=env,
            )
        return self.child

    def _stop(self) -> int | None:
        child, self.child = self.child, None
        if child is None:
            return None
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
        if child.poll() is None:
            child.kill()
        return child.wait()


def _read_exact(fd: int, n: int, deadline: float) -> bytes:
    parts: list[bytes] = []
    while n:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeoutError("no answer in time")
        chunk = os.read(fd, min(n, 2**20))
        if not chunk:
            raise EOFError("the converter exited")
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _convert_in_child(blob: bytes) -> bytes:
    from catboost import CatBoostClassifier

    model = CatBoostClassifier()
    model.load_model(blob=blob, format="cbm")
    forest = ObliviousForest.from_catboost(model)
    if forest is None:
        raise ValueError("the CatBoost model is not a plain oblivious forest")
    return artifacts.dumps(forest.to_state())


def _serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    while header := stdin.read(8):
        blob = stdin.read(_LENGTH.unpack(header)[0])
        try:
            status, payload = 0, _convert_in_child(blob)
        except Exception as exc:  # CatBoostError and anything else: this blob is refused
            status, payload = 1, str(exc).encode()
        stdout.write(bytes([status]) + _LENGTH.pack(len(payload)) + payload)
        stdout.flush()


def _limit_child() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    limit = CHILD_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(hard, CHILD_MEMORY_BYTES)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main() -> Any:
    _limit_child()
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything CatBoost prints goes to stderr, never into the answers
    _serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
