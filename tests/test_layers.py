"""backend/'s rooms import only downward: the floors are written once, in scripts/architecture.py.

Any import from a room to a room on its own or a higher floor (an arrow back up) fails, and so
does any cycle between rooms; a new room must be given a floor in ``LAYERS``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scripts.architecture import KNOWN_BACK_ARROWS, LAYERS, ROOT, House, floor_of, measure

HOUSE = measure()


def test_the_house_has_rooms_and_floors() -> None:
    assert {"matches", "ml", "db", "api", "app"} <= set(HOUSE.rooms)
    assert len(HOUSE.arrows) > 20
    every = [room for floor in LAYERS for room in floor]
    assert len(every) == len(set(every)), "a room is on two floors"


def test_every_room_has_a_floor() -> None:
    assert not HOUSE.unplaced_rooms(), "give each new room a floor in LAYERS"


def test_no_arrow_points_back_up() -> None:
    new = [
        f"{source} -> {target}  ({':'.join(map(str, HOUSE.arrows[source, target]))})"
        for source, target in HOUSE.back_arrows()
        if (source, target) not in KNOWN_BACK_ARROWS
    ]
    assert not new, "imports against the floors of scripts/architecture.py:\n" + "\n".join(new)


def test_the_allow_list_only_shrinks() -> None:
    """An arrow that is gone leaves KNOWN_BACK_ARROWS, so it cannot come back unnoticed."""
    stale = sorted(KNOWN_BACK_ARROWS - set(HOUSE.back_arrows()))
    assert not stale, f"remove from KNOWN_BACK_ARROWS: {stale}"


def test_no_cycles_between_rooms() -> None:
    allowed = set(KNOWN_BACK_ARROWS)
    downward = House(HOUSE.modules, {a: w for a, w in HOUSE.arrows.items() if a not in allowed})
    assert downward.cycles() == []
    if not allowed:
        assert HOUSE.cycles() == []


def test_no_cycles_between_modules() -> None:
    """Not inside a room either (lazy imports in functions count too)."""
    assert HOUSE.module_cycles() == []


def test_the_check_catches_an_arrow_back_up(tmp_path: Path) -> None:
    backend = tmp_path / "backend"
    for path, text in {
        "__init__.py": "",
        "ml/__init__.py": "from backend.matches import read\n",
        "ml/model.py": "def f():\n    from ..api import routes\n",
        "matches/__init__.py": "from backend import __version__\n",
        "api/routes.py": "import backend.ml.model\nfrom backend import ml\n",
        "unheard.py": "",
    }.items():
        (backend / path).parent.mkdir(parents=True, exist_ok=True)
        (backend / path).write_text(text)
    house = measure(backend)
    assert set(house.arrows) == {
        ("ml", "matches"),
        ("ml", "api"),
        ("matches", "__init__"),
        ("api", "ml"),
    }
    assert house.back_arrows() == [("ml", "api")]
    assert house.cycles() == [["api", "ml"]]
    assert house.module_cycles() == [["backend.api.routes", "backend.ml.model"]]
    assert house.unplaced_rooms() == ["unheard"]
    assert floor_of("ml") is not None and floor_of("ml") < floor_of("api")  # type: ignore[operator]


def test_the_model_code_imports_no_web_framework() -> None:
    """matches/ and ml/ (and so the training child) load without Litestar."""
    probe = (
        "import sys, backend.matches, backend.ml, backend.ml.training, backend.worker.child; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'litestar', 'uvicorn'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=ROOT,
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
