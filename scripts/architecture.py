"""The house measured from its imports: rooms, floors, arrows, cycles, module sizes, complexity.

A *room* is a top-level package or module of ``backend/`` (``backend/ml/``, ``backend/app.py``).
An *arrow* is "some module of room A imports some module of room B" (every import statement,
also inside functions and ``TYPE_CHECKING`` blocks: a reader follows those too). ``LAYERS`` below
is the one statement of which arrows are allowed: a room may import only rooms on a lower
floor. An arrow to the same floor or to a higher one points *back up*; ``tests/test_layers.py``
fails on any (and on any room with no floor).

    python scripts/architecture.py            # the numbers
    python scripts/architecture.py --arrows   # and every arrow, with one importing line each
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"

# The floors, bottom first. A room imports only rooms on floors below its own; rooms sharing a
# floor are independent of each other. ``__init__`` is ``backend/__init__.py`` (the version).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "settings", "text", "queue", "supervisor"),  # no backend imports at all
    ("matches",),  # match data: reading, mapping, heroes
    ("ml", "errors"),  # models and features; the API's error envelope (Litestar)
    ("db",),  # tables, engine, job and model-state changes
    ("results", "ledger"),  # stored match results; the prediction ledger and its scoring
    ("serving",),  # the active model, its cache and the stored results applied to it
    ("context", "opendota"),  # one process's shared state; the OpenDota sync
    ("api",),  # the HTTP routes
    ("worker", "background", "bootstrap"),  # arq tasks; API background loops; first start
    ("app", "launcher"),  # the Litestar app; the process launcher
)

# Arrows back up that exist today and are still to be removed: this list only shrinks.
KNOWN_BACK_ARROWS: frozenset[tuple[str, str]] = frozenset()


def floor_of(room: str) -> int | None:
    for number, rooms in enumerate(LAYERS):
        if room in rooms:
            return number
    return None


@dataclass(frozen=True)
class Module:
    path: Path
    name: str  # dotted, "backend.ml.features"; a package is its __init__'s name
    room: str
    is_package: bool


def module_of(path: Path, root: Path = BACKEND) -> Module:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    room = "__init__" if len(parts) == 1 else parts[1]
    return Module(path, ".".join(parts), room, is_package)


def modules(root: Path = BACKEND) -> list[Module]:
    return [module_of(p, root) for p in sorted(root.rglob("*.py"))]


def imported_names(module: Module) -> Iterator[tuple[int, str]]:
    """(line, dotted target) of every import of a ``backend`` module, relative ones resolved."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    tree = ast.parse(module.path.read_text(), filename=str(module.path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                if node.level > 1:
                    base = base[: -(node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            # `from backend.matches import uci` imports the module backend.matches.uci,
            # `from backend.matches import read_matches` the package (measure() walks up to a
            # module); `from backend import __version__` imports backend/__init__.py.
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}"


def room_of_target(target: str, known_rooms: set[str]) -> str | None:
    parts = target.split(".")
    if parts[0] != "backend":
        return None
    if len(parts) == 1 or parts[1] not in known_rooms:
        return "__init__"
    return parts[1]


@dataclass
class House:
    modules: list[Module]
    # (from room, to room) -> the first (module path, line) seen for it
    arrows: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    # module -> the backend modules it imports
    module_arrows: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    root: Path = BACKEND

    @property
    def rooms(self) -> list[str]:
        return sorted({m.room for m in self.modules})

    def back_arrows(self) -> list[tuple[str, str]]:
        """Arrows to the same or a higher floor (or from/to a room with no floor)."""
        bad = []
        for source, target in sorted(self.arrows):
            low, high = floor_of(target), floor_of(source)
            if low is None or high is None or low >= high:
                bad.append((source, target))
        return bad

    def unplaced_rooms(self) -> list[str]:
        return [room for room in self.rooms if floor_of(room) is None]

    def cycles(self) -> list[list[str]]:
        """Strongly connected sets of more than one room."""
        graph: dict[str, set[str]] = defaultdict(set)
        for source, target in self.arrows:
            graph[source].add(target)
        return strongly_connected(graph, self.rooms)

    def module_cycles(self) -> list[list[str]]:
        """Strongly connected sets of more than one module (inside a room, too)."""
        return strongly_connected(self.module_arrows, sorted(m.name for m in self.modules))

    def measured_floors(self) -> int:
        """The longest chain of arrows, in rooms, with each cycle counted as one room."""
        component_of: dict[str, str] = {room: room for room in self.rooms}
        for cycle in self.cycles():
            for room in cycle:
                component_of[room] = "+".join(cycle)
        graph: dict[str, set[str]] = defaultdict(set)
        for source, target in self.arrows:
            if component_of[source] != component_of[target]:
                graph[component_of[source]].add(component_of[target])
        depth: dict[str, int] = {}

        def height(node: str) -> int:
            if node not in depth:
                depth[node] = 1 + max((height(n) for n in graph[node]), default=0)
            return depth[node]

        return max((height(node) for node in set(component_of.values())), default=0)


def strongly_connected(graph: dict[str, set[str]], nodes: Iterable[str]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one node, sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in nodes:
        if node not in index:
            visit(node)
    return sorted(found)


def measure(root: Path = BACKEND) -> House:
    found = modules(root)
    house = House(found, root=root)
    known = {m.room for m in found}
    names = {m.name for m in found}
    for module in found:
        for line, target in imported_names(module):
            # the module itself, or for `from backend.x import name` the module backend.x
            imported = target
            while imported and imported not in names:
                imported = imported.rpartition(".")[0]
            if imported and imported != module.name:
                house.module_arrows[module.name].add(imported)
            room = room_of_target(target, known)
            if room is None or room == module.room:
                continue
            where = str(module.path.relative_to(root.parent))
            house.arrows.setdefault((module.room, room), (where, line))
    return house


SIZE_LIMIT = 300  # a module above this says why at its top: a docstring paragraph "Size: ..."


def has_size_reason(path: Path) -> bool:
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    return any(line.startswith("Size:") for line in docstring.splitlines())


def module_lines(house: House) -> list[tuple[int, str]]:
    return sorted(
        (len(m.path.read_text().splitlines()), str(m.path.relative_to(house.root.parent)))
        for m in house.modules
    )


def complex_blocks(house: House, worst: str = "C") -> list[tuple[str, int, str]]:
    """(rank, complexity, where) of every radon block of grade `worst` or worse."""
    from radon.complexity import cc_rank, cc_visit

    blocks = []
    for module in house.modules:
        path = module.path
        for block in cc_visit(path.read_text()):
            rank = cc_rank(block.complexity)
            if rank >= worst:
                where = f"{path.relative_to(house.root.parent)}:{block.lineno} {block.fullname}"
                blocks.append((rank, block.complexity, where))
    return sorted(blocks, reverse=True)


def report(show_arrows: bool = False, root: Path = BACKEND) -> str:
    house = measure(root)
    lines_of = module_lines(house)
    sizes = [n for n, _ in lines_of]
    blocks = complex_blocks(house)
    long = [
        (n, where, has_size_reason(house.root.parent / where))
        for n, where in lines_of
        if n > SIZE_LIMIT
    ]
    back = house.back_arrows()
    cycles = house.cycles()
    module_cycles = house.module_cycles()
    out = [
        f"rooms: {len(house.rooms)}  ({', '.join(house.rooms)})",
        f"floors: {len(LAYERS)} declared, {house.measured_floors()} measured (longest chain)",
    ]
    for number, rooms in reversed(list(enumerate(LAYERS))):
        out.append(f"  {number:2d}  {'  '.join(rooms)}")
    out += [
        f"arrows: {len(house.arrows)}",
        f"arrows back up: {len(back)}",
        *(f"  {s} -> {t}   ({':'.join(map(str, house.arrows[s, t]))})" for s, t in back),
        f"cycles: {len(cycles)}",
        *(f"  {' <-> '.join(c)}" for c in cycles),
        f"module cycles: {len(module_cycles)}",
        *(f"  {' <-> '.join(c)}" for c in module_cycles),
        f"unplaced rooms: {house.unplaced_rooms()}",
        f"modules: {len(sizes)}; lines median {statistics.median(sizes):g}, max {sizes[-1]} "
        f"({lines_of[-1][1]}); over {SIZE_LIMIT} lines: {len(long)}, without a reason: "
        f"{sum(not reason for _, _, reason in long)}",
        *(
            f"  {n:4d} {where}{'' if reason else '   (no Size: reason)'}"
            for n, where, reason in long
        ),
        f"radon blocks of grade C or worse: {len(blocks)} "
        f"(D or worse: {sum(rank >= 'D' for rank, _, _ in blocks)})",
        *(f"  {rank} {cc:3d} {where}" for rank, cc, where in blocks if rank >= "D"),
    ]
    if show_arrows:
        out.append("every arrow:")
        out += [f"  {s} -> {t}   ({p}:{n})" for (s, t), (p, n) in sorted(house.arrows.items())]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arrows", action="store_true", help="list every arrow between rooms")
    parser.add_argument("--root", type=Path, default=BACKEND, help="another checkout's backend/")
    args = parser.parse_args(argv)
    print(report(args.arrows, args.root.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
