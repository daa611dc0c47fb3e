"""Regenerate sdk/openapi.json (by importing the app, no server) and the generated SDK tree.

Usage: `uv run python scripts/generate_sdk.py [--check]`. With --check nothing is written;
the exit code is 1 when the committed spec or SDK differs from a fresh generation.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SDK = REPO / "sdk"
SPEC = SDK / "openapi.json"
GENERATED = SDK / "dota_predict_sdk" / "_generated"


def openapi_spec() -> str:
    """The app's OpenAPI document as stable, pretty JSON."""
    sys.path.insert(0, str(REPO))
    from backend.app import create_app
    from backend.settings import Settings

    app = create_app(Settings(bootstrap_default_model=False))
    return json.dumps(app.openapi_schema.to_schema(), indent=2, sort_keys=True) + "\n"


def generate(spec_text: str, into: Path) -> Path:
    """Run the pinned openapi-python-client on the spec; returns the package folder."""
    spec_file = into / "openapi.json"
    spec_file.write_text(spec_text)
    out = into / "client"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(spec_file),
            "--output-path",
            str(out),
            "--meta",
            "none",
            "--config",
            str(SDK / "openapi-config.yml"),
            "--overwrite",
        ],
        check=True,
        cwd=into,
        capture_output=True,
    )
    return out


def differences(a: Path, b: Path) -> list[str]:
    """Relative paths that differ between two trees (ignoring caches)."""
    out: list[str] = []
    comparison = filecmp.dircmp(a, b, ignore=["__pycache__", ".ruff_cache"])
    out += [f"only in committed: {n}" for n in comparison.left_only]
    out += [f"only in fresh: {n}" for n in comparison.right_only]
    out += [f"differs: {n}" for n in comparison.diff_files]
    for name in comparison.common_dirs:
        out += [f"{name}/{d}" for d in differences(a / name, b / name)]
    return out


def main() -> int:
    """Regenerate, or check freshness."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only compare; write nothing")
    args = parser.parse_args()
    spec_text = openapi_spec()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(spec_text, Path(tmp))
        if args.check:
            problems = (
                [] if SPEC.exists() and SPEC.read_text() == spec_text else ["sdk/openapi.json"]
            )
            problems += differences(GENERATED, fresh) if GENERATED.exists() else ["no SDK"]
            for problem in problems:
                print(f"stale: {problem}")
            if problems:
                print("run `make sdk` and commit the result")
            return 1 if problems else 0
        SPEC.write_text(spec_text)
        shutil.rmtree(GENERATED, ignore_errors=True)
        shutil.copytree(
            fresh, GENERATED, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache")
        )
    print(f"wrote {SPEC.relative_to(REPO)} and {GENERATED.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
