"""Bylines at the top of a body: `By Name[ and Name]` or `By Name, Agency` → author names."""

from __future__ import annotations

import re
from typing import NamedTuple

from newscrawler.normalize.editor_tags import is_name, tidy_name
from newscrawler.normalize.text import clean_text

# `By` and the names, then optionally `, Agency` (named like a person, and no author).
_BYLINE = re.compile(r"^by\s+(?P<names>[^,]+?)(?:,\s*(?P<agency>[^,]+))?$", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s+and\s+|\s*&\s*")


class Byline(NamedTuple):
    raw: str | None
    authors: list[str]


_NO_BYLINE = Byline(None, [])


def _authors(line: str) -> list[str] | None:
    """The author names of a byline; None when `line` is not one."""
    match = _BYLINE.match(line)
    if match is None:
        return None
    agency = match.group("agency")
    if agency is not None and not is_name(agency):
        return None
    names = _NAME_SEPARATOR.split(match.group("names"))
    if not all(is_name(name) for name in names):
        return None
    return [tidy_name(name) for name in names]


def split_byline(paragraphs: list[str]) -> tuple[Byline, list[str]]:
    """Take the first paragraph off when it is a byline; otherwise return the paragraphs whole."""
    if not paragraphs:
        return _NO_BYLINE, []
    line = clean_text(paragraphs[0])
    authors = _authors(line)
    if authors is None:
        return _NO_BYLINE, list(paragraphs)
    return Byline(line, authors), list(paragraphs[1:])
