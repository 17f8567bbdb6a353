"""Datelines at the start of a first paragraph: `Moscow, SANA –`, `Washington, Dec. 11 (SANA)`."""

from __future__ import annotations

import re
from typing import NamedTuple

from newscrawler.normalize.places import canonical_place
from newscrawler.normalize.text import clean_text

AGENCY = "SANA"
DATELINE_WINDOW = 80
_MAX_PLACE_WORDS = 4
_MAX_PLACE_CHARS = 40
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAME = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DASH = r"[-–—_]"
# `City, SANA –`: the comma may be a period or a hyphen; the dash is required.
_PLAIN_MARKER = re.compile(rf"^(?:(?P<place>.*?)\s*[,.\-]\s*)?{AGENCY}\s*{_DASH}", re.DOTALL)
# `City, (SANA) –`, `City (SANA)`, `City, Mon. DD (SANA)`: the dash is optional.
_PARENTHESIZED_MARKER = re.compile(
    rf"^(?:(?P<place>.*?)\s*,?\s*"
    rf"(?:(?P<month>{_MONTH_NAME})\.?\s*(?P<day>\d{{1,2}})\s*,?\s*)?)?"
    rf"\({AGENCY}\)(?:\s*{_DASH})?",
    re.DOTALL,
)


class Dateline(NamedTuple):
    raw: str | None
    place: str | None
    agency: str | None
    month: int | None
    day: int | None
    rest: str


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


def _find_marker(paragraph: str) -> re.Match[str] | None:
    # Only the window is searched: that is the rule, and it bounds the regexes' backtracking.
    head = paragraph[:DATELINE_WINDOW]
    return _PLAIN_MARKER.match(head) or _PARENTHESIZED_MARKER.match(head)


def split_dateline(paragraph: str) -> Dateline:
    """Cut a dateline off the start of `paragraph`; `rest` is what follows it, stripped.

    A marker after something that cannot be a place leaves the paragraph whole: `raw` keeps the
    text up to the marker, every other field is None.
    """
    stripped = paragraph.strip()
    match = _find_marker(stripped)
    if match is None:
        return Dateline(None, None, None, None, None, paragraph)
    raw = match.group(0)
    place = clean_text(match.group("place") or "")
    if not _could_be_place(place):
        return Dateline(raw, None, None, None, None, paragraph)
    month_name = match.groupdict().get("month")
    month = _MONTHS[month_name[:3].lower()] if month_name else None
    day = int(match.group("day")) if month_name else None
    rest = stripped[match.end() :].strip()
    return Dateline(raw, canonical_places(place), AGENCY, month, day, rest)
