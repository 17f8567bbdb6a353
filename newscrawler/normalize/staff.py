"""Staff names: every spelling of one person (data/staff.json) → that person's canonical name."""

from __future__ import annotations

import json
from pathlib import Path

from newscrawler.normalize.text import clean_text

_DATA_FILE = Path(__file__).with_name("data") / "staff.json"


def load_roster(path: Path = _DATA_FILE) -> dict[str, list[str]]:
    """Canonical name → its other spellings, as the data file lists them."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return {entry["name"]: list(entry["variants"]) for entry in table["staff"]}


def _spelling_key(name: str) -> str:
    return clean_text(name).casefold()


def _spellings(roster: dict[str, list[str]]) -> dict[str, str]:
    """Case-folded spelling (canonical or variant) → canonical name."""
    spellings: dict[str, str] = {}
    for canonical, variants in roster.items():
        for spelling in [canonical, *variants]:
            key = _spelling_key(spelling)
            if spellings.get(key, canonical) != canonical:
                raise ValueError(f"{spelling!r} is listed for two people in {_DATA_FILE.name}")
            spellings[key] = canonical
    return spellings


ROSTER = load_roster()
_SPELLINGS = _spellings(ROSTER)


def person_for(name: str) -> str:
    """The canonical name of the person `name` spells, matched ignoring case; else `name`."""
    return _SPELLINGS.get(_spelling_key(name), name)
