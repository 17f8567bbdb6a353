"""Place names: one gazetteer name per place, whatever the edition's spelling (data/places.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newscrawler.normalize.arabic import match_form, remove_direction_marks, remove_marks
from newscrawler.normalize.text import clean_text

_DATA_FILE = Path(__file__).with_name("data") / "places.json"
# The first letter of the text and every letter after a space, hyphen, period or slash.
_WORD_START = re.compile(r"(?:^|(?<=[\s\-./]))([^\W\d_])")


def _spellings_of(table: dict[str, Any], canonical: str) -> list[str]:
    """SANA English's spelling and variants, then every edition's names of the place."""
    in_editions = table["names"].get(canonical, {}).values()
    return [
        canonical,
        *table["places"].get(canonical, []),
        *(name for names in in_editions for name in names),
    ]


def _load_spellings(path: Path) -> dict[str, str]:
    """Matching form of every spelling (canonical, variant, other edition's) → canonical."""
    table = json.loads(path.read_text(encoding="utf-8"))
    spellings: dict[str, str] = {}
    for canonical in {**table["places"], **table["names"]}:
        for spelling in _spellings_of(table, canonical):
            key = match_form(spelling)
            if spellings.setdefault(key, canonical) != canonical:
                raise ValueError(f"{path}: {spelling!r} names {spellings[key]} and {canonical}")
    for pseudo_place in table["pseudo_places"]:
        spellings[match_form(pseudo_place)] = pseudo_place
    return spellings


_SPELLINGS = _load_spellings(_DATA_FILE)


def title_case(name: str) -> str:
    """`DEIR EZZOR` → `Deir Ezzor`, `SANA'A` → `Sana'a` (an apostrophe starts no word)."""
    return _WORD_START.sub(lambda letter: letter.group(1).upper(), name.lower())


def canonical_place(name: str) -> str:
    """One place by its gazetteer name: `دمشق`, `Damas`, `Дамаск`, `DAMASCUS` → `Damascus`.

    Matched without tatweel and harakat, hamza forms of alef, Persian letters and case; a place
    not in the table is as written without tatweel, harakat and direction marks (title case if
    ALL-CAPS).
    """
    place = clean_text(remove_direction_marks(remove_marks(name)))
    known = _SPELLINGS.get(match_form(place))
    if known is not None:
        return known
    return title_case(place) if place.isupper() else place
