"""The UI reaches the service only through the public SDK: no backend, no generated internals."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI_ROOT = Path(__file__).resolve().parents[2] / "streamlit_app"
UI_FILES = sorted(UI_ROOT.rglob("*.py"))
FORBIDDEN = ("backend", "dota_predict_sdk._generated", "tests")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import statement, including ones inside functions."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_the_ui_has_python_files() -> None:
    assert (UI_ROOT / "app.py") in UI_FILES
    assert len(UI_FILES) > 5


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(UI_ROOT)))
def test_no_backend_imports(path: Path) -> None:
    bad = [
        f"{path.relative_to(UI_ROOT.parent)}:{line} imports {module}"
        for line, module in imported_modules(path)
        if any(module == f or module.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert not bad, "the UI must talk to the service only through dota_predict_sdk:\n" + "\n".join(
        bad
    )


def test_the_check_catches_a_backend_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text(
        "import os\nfrom backend.matches import read_matches\n"
        "def f():\n    import backend.ml\n    return __import__('backend.db')\n"
    )
    modules = [m for _, m in imported_modules(sample)]
    assert modules == ["os", "backend.matches", "backend.ml", "backend.db"]


def test_the_ui_parses_no_match_files() -> None:
    """One reader: the service reads every CSV; the UI only forwards bytes through the SDK."""
    readers = ("read_csv", "scan_csv", "csv.reader", "csv.DictReader", "gzip.decompress")
    found = [
        f"{path.relative_to(UI_ROOT.parent)} uses {name}"
        for path in UI_FILES
        for name in readers
        if name in path.read_text()
    ]
    found += [
        f"{path.relative_to(UI_ROOT.parent)}:{line} imports {module}"
        for path in UI_FILES
        for line, module in imported_modules(path)
        if module in {"csv", "gzip"}
    ]
    assert not found, found
    assert not (UI_ROOT / "matches.py").exists() and not (UI_ROOT / "data").exists()
