"""Article titles: `Update-` markers and media suffixes (`-Video`, `(Photos)`...) taken off,
tatweel removed (`عــاجــل` → `عاجل`); Arabic titles keep their words (docs/normalization.md)."""

from __future__ import annotations

import re
from typing import NamedTuple

from newscrawler.normalize.arabic import TATWEEL
from newscrawler.normalize.text import clean_text

_DASHES = "\\-–—_"
_UPDATE_PREFIX = re.compile(rf"\s*updated?\s*[{_DASHES}:]\s*", re.IGNORECASE)
_MEDIA_NAMES = r"video|photos|photo\s+report"
_MEDIA_SUFFIX = re.compile(
    rf"(?:\s*[{_DASHES},]\s*(?P<after_dash>{_MEDIA_NAMES})"
    rf"|\s*\(\s*(?P<in_parentheses>{_MEDIA_NAMES})\s*\))\s*$",
    re.IGNORECASE,
)
# SANA's headlines run to about 200 characters; a longer title is a page fault (a title element
# that swallowed the page, a template bug), not a headline. It is stored cut to the ceiling and
# flagged; `title_raw` keeps a longer prefix of what was printed, enough to see what went wrong,
# since a 100 KB raw title in every row and revision would bloat the archive (the whole page is
# in its WARC capture).
MAX_TITLE_CHARS = 300
MAX_TITLE_RAW_CHARS = 2000
# Longer than any suffix once spaces are collapsed: suffixes are looked for in this tail only.
_SUFFIX_REACH = 40


class Title(NamedTuple):
    text: str
    updated: bool
    media: list[str]


def normalize_title(raw: str) -> Title:
    """Take off every update marker and media suffix; `media` lists the suffixes in title order."""
    # Tatweel only stretches letters for layout; harakat are the writer's and stay.
    text = clean_text(raw.replace(TATWEEL, ""))
    start, end = 0, len(text)
    while prefix := _UPDATE_PREFIX.match(text, start, end):
        start = prefix.end()
    media_from_end: list[str] = []
    while suffix := _MEDIA_SUFFIX.search(text, max(start, end - _SUFFIX_REACH), end):
        name = suffix.group("after_dash") or suffix.group("in_parentheses")
        media_from_end.append(clean_text(name).lower())
        end = suffix.start()
    media = list(dict.fromkeys(reversed(media_from_end)))
    return Title(text=clean_text(text[start:end]), updated=start > 0, media=media)


def title_ceiling_problem(title: str) -> str | None:
    """The problem sentence for a normalized title over `MAX_TITLE_CHARS`, else None."""
    if len(title) <= MAX_TITLE_CHARS:
        return None
    return (
        f"implausible title: {len(title)} characters, over the {MAX_TITLE_CHARS}-character"
        f" ceiling (stored cut to {MAX_TITLE_CHARS}, title_raw to {MAX_TITLE_RAW_CHARS})"
    )
