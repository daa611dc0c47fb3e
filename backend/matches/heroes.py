"""Hero ids and names from the bundled dotaconstants list."""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from backend.matches.errors import MatchDataError
from backend.matches.resources import HEROES_JSON
from backend.text import clip

_NPC_PREFIX = "npc_dota_hero_"
# ASCII digits only: Python's \d (and int()) also read Arabic-Indic or full-width digits.
_INTEGER = re.compile(r"[+-]?[0-9]+(\.0*)?")


def _integer(text: str) -> int | None:
    """An _INTEGER match as int; None past 18 digits (no hero id, and int() has a limit)."""
    digits = text.split(".", 1)[0]
    return int(digits) if len(digits.lstrip("+-")) <= 18 else None


HEROES_ENDPOINT = "GET /api/v1/heroes"


def hero_key(value: str) -> str:
    """Lookup key for a hero name: 'Anti-Mage', 'antimage', 'NPC_DOTA_HERO_ANTIMAGE' all agree."""
    text = value.strip().lower().removeprefix(_NPC_PREFIX)
    # Dropping punctuation and spaces lets "Natures Prophet" and "shadow shaman" match too.
    return re.sub(r"[^a-z0-9]", "", text)


@dataclass(frozen=True)
class Hero:
    """One playable hero."""

    id: int
    name: str
    short_name: str
    primary_attr: str
    attack_type: str
    roles: tuple[str, ...]


class HeroRegistry:
    """All heroes, with lookup by id or by any spelling of the name."""

    def __init__(self, heroes: list[Hero]) -> None:
        self.heroes = sorted(heroes, key=lambda h: h.id)
        self.max_id = max(h.id for h in self.heroes)
        self._by_id = {h.id: h for h in self.heroes}
        self._by_key: dict[str, int] = {}
        for h in self.heroes:
            for spelling in (h.name, h.short_name):
                self._by_key[hero_key(spelling)] = h.id

    def get(self, hero_id: int) -> Hero:
        """The hero with this id; MatchDataError if there is none."""
        return self._by_id[self.resolve(hero_id)]

    def lookup(self, value: int | str) -> int | None:
        """The hero id for an id or name, or None if it names no hero (never raises)."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value if value in self._by_id else None
        text = value.strip()
        if _INTEGER.fullmatch(text):
            number = _integer(text)
            return None if number is None else self.lookup(number)
        return self._by_key.get(hero_key(text)) if text else None

    def problem(self, value: int | str) -> str:
        """Why value names no hero, with a hint at what would."""
        ids = f"valid ids are 1..{self.max_id} ({len(self.heroes)} heroes), see {HEROES_ENDPOINT}"
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, bool) or text == "":
            return f"the hero is empty; give a hero id or name ({ids})"
        if isinstance(text, int) or _INTEGER.fullmatch(text):
            number = text if isinstance(text, int) else _integer(text)
            if number is None or abs(number) >= 10**18:
                return f"the hero id is far too large; {ids}"
            if number == 0:
                return f"hero id 0 means no hero was picked; every player needs a hero ({ids})"
            return f"hero id {number} does not exist; {ids}"
        # Names are short: compare only the start of a long value (difflib is quadratic).
        key = hero_key(text[:100])
        guesses = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.6)
        hint = f" Did you mean '{self._by_id[self._by_key[guesses[0]]].name}'?" if guesses else ""
        return (
            f"unknown hero name '{clip(text)}'.{hint} Use a hero id or a name such as 'Anti-Mage' "
            f"or 'antimage'; {ids}"
        )

    def resolve(self, value: int | str, *, where: str = "hero") -> int:
        """Hero id for an id or name; MatchDataError (prefixed with where) if unknown."""
        hero_id = self.lookup(value)
        if hero_id is None:
            prefix = "" if where == "hero" else f"{where}: "
            raise MatchDataError(prefix + self.problem(value))
        return hero_id

    def name(self, hero_id: int) -> str:
        """The localized name, e.g. 'Anti-Mage'."""
        return self.get(hero_id).name


def load_heroes(path: Path) -> HeroRegistry:
    """Read a heroes.json written by scripts/build_default_dataset.py."""
    items = json.loads(path.read_text(encoding="utf-8"))
    return HeroRegistry(
        [
            Hero(
                id=int(item["id"]),
                name=item["name"],
                short_name=item["short_name"],
                primary_attr=item["primary_attr"],
                attack_type=item["attack_type"],
                roles=tuple(item["roles"]),
            )
            for item in items
        ]
    )


@functools.cache
def hero_registry() -> HeroRegistry:
    """The bundled hero list, loaded once."""
    return load_heroes(HEROES_JSON)
