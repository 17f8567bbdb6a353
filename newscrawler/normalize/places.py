"""Place names: SANA's own spelling of Syrian places (data/places.json), title case for ALL-CAPS."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newscrawler.normalize.text import clean_text

_DATA_FILE = Path(__file__).with_name("data") / "places.json"
# The first letter of the text and every letter after a space, hyphen, period or slash.
_WORD_START = re.compile(r"(?:^|(?<=[\s\-./]))([^\W\d_])")


def _load_spellings(path: Path) -> dict[str, str]:
    """Case-folded spelling (canonical or variant) → canonical spelling."""
    table = json.loads(path.read_text(encoding="utf-8"))
    spellings: dict[str, str] = {}
    for canonical, variants in table["places"].items():
        for spelling in [canonical, *variants]:
            spellings[spelling.casefold()] = canonical
    for pseudo_place in table["pseudo_places"]:
        spellings[pseudo_place.casefold()] = pseudo_place
    return spellings


_SPELLINGS = _load_spellings(_DATA_FILE)


def title_case(name: str) -> str:
    """`DEIR EZZOR` → `Deir Ezzor`, `SANA'A` → `Sana'a` (an apostrophe starts no word)."""
    return _WORD_START.sub(lambda letter: letter.group(1).upper(), name.lower())


def canonical_place(name: str) -> str:
    """One place as SANA spells it: table spelling, else as written (title case if ALL-CAPS)."""
    place = clean_text(name)
    known = _SPELLINGS.get(place.casefold())
    if known is not None:
        return known
    return title_case(place) if place.isupper() else place
