"""Datelines at the start of a first paragraph, in each edition's forms: `Moscow, SANA –`,
`Washington, Dec. 11 (SANA)`, `دمشق-سانا`, `Алеппо – САНА`, `Damas-SANA/`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from newscrawler.normalize.arabic import remove_marks
from newscrawler.normalize.places import canonical_place
from newscrawler.normalize.text import clean_text
from newscrawler.normalize.vocabulary import (
    AGENCY_THEN_DASH,
    DASH_THEN_AGENCY,
    ENGLISH,
    Vocabulary,
)

DATELINE_WINDOW = 80
_MAX_PLACE_WORDS = 4
_MAX_PLACE_CHARS = 40
_DASH = r"[-–—_]"
# Tatweel and harakat may sit between the letters of an Arabic agency name (`سانـا`).
_MARKS = "[\u0640\u064b-\u065f\u0670]*"
# Right-to-left pages put direction marks (LRM, RLM, ALM) around dashes; they are spacing.
_SPACE = r"[\s\u200e\u200f\u061c]"


class Dateline(NamedTuple):
    raw: str | None
    place: str | None
    agency: str | None
    month: int | None
    day: int | None
    rest: str


def _alternation(names: Iterable[str]) -> str:
    """Longest first, so that `September` is tried before `Sep`."""
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


def _agency(vocabulary: Vocabulary) -> str:
    spelled = (_MARKS.join(map(re.escape, name)) + _MARKS for name in vocabulary.agency_names)
    return f"(?:{'|'.join(sorted(spelled, key=len, reverse=True))})"


def _agency_then_dash(vocabulary: Vocabulary) -> list[re.Pattern[str]]:
    agency = _agency(vocabulary)
    months = _alternation(vocabulary.months)
    month_day = rf"(?:(?P<month>(?i:{months}))\.?\s*(?P<day>\d{{1,2}})\s*,?\s*)?" if months else ""
    return [
        # `City, SANA –`: the comma may be a period or a hyphen; the dash is required.
        re.compile(rf"^(?:(?P<place>.*?)\s*[,.\-]\s*)?{agency}\s*{_DASH}", re.DOTALL),
        # `City, (SANA) –`, `City (SANA)`, `City, Mon. DD (SANA)`: the dash is optional.
        re.compile(
            rf"^(?:(?P<place>.*?)\s*,?\s*{month_day})?\({agency}\)(?:\s*{_DASH})?", re.DOTALL
        ),
    ]


def _dash_then_agency(vocabulary: Vocabulary) -> list[re.Pattern[str]]:
    # `دمشق-سانا`, `דמשק – סאנא`, `Caire-SANA / `: a place is required, and the agency ends the
    # dateline: a slash or a dash may follow it, else no letter (`-ساناافتتح` is no dateline).
    agency = _agency(vocabulary)
    after = rf"(?:{_SPACE}*[/\-–—_]|(?!\w))"
    return [re.compile(rf"^(?P<place>.+?){_SPACE}*[-–—]{_SPACE}*{agency}{after}", re.DOTALL)]


_FORMS = {AGENCY_THEN_DASH: _agency_then_dash, DASH_THEN_AGENCY: _dash_then_agency}


@cache
def _patterns(vocabulary: Vocabulary) -> tuple[re.Pattern[str], ...]:
    return tuple(
        pattern for form in vocabulary.dateline_forms for pattern in _FORMS[form](vocabulary)
    )


def _could_be_place(place: str) -> bool:
    return (
        bool(place.strip(" /"))
        and not any(char.isdigit() for char in place)
        and len(place.split()) <= _MAX_PLACE_WORDS
        and len(place) <= _MAX_PLACE_CHARS
    )


def canonical_places(place: str) -> str:
    """`DAMASCUS/Idlib` → `Damascus/Idleb`: each place canonical, in the order written."""
    parts = (canonical_place(part) for part in place.split("/"))
    return "/".join(part for part in parts if part)


def _find_marker(paragraph: str, vocabulary: Vocabulary) -> re.Match[str] | None:
    # Only the window is searched: that is the rule, and it bounds the regexes' backtracking.
    head = paragraph[:DATELINE_WINDOW]
    return next(
        (match for pattern in _patterns(vocabulary) if (match := pattern.match(head))), None
    )


def _month(match: re.Match[str], vocabulary: Vocabulary) -> tuple[int | None, int | None]:
    month_name = match.groupdict().get("month")
    if not month_name:
        return None, None
    month = vocabulary.months.get(month_name.casefold())
    return (None, None) if month is None else (month, int(match.group("day")))


def split_dateline(paragraph: str, vocabulary: Vocabulary = ENGLISH) -> Dateline:
    """Cut a dateline off the start of `paragraph`; `rest` is what follows it, stripped.

    A marker after something that cannot be a place leaves the paragraph whole: `raw` keeps the
    text up to the marker, every other field is None.
    """
    stripped = paragraph.strip()
    match = _find_marker(stripped, vocabulary)
    if match is None:
        return Dateline(None, None, None, None, None, paragraph)
    raw = match.group(0)
    place = clean_text(remove_marks(match.group("place") or ""))
    if not _could_be_place(place):
        return Dateline(raw, None, None, None, None, paragraph)
    month, day = _month(match, vocabulary)
    rest = stripped[match.end() :].strip()
    return Dateline(raw, canonical_places(place), vocabulary.agency, month, day, rest)
