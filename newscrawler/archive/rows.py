"""How an `Article.to_dict()` becomes an `articles` row, and a stored row becomes plain data."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newscrawler.normalize.arabic import search_form

# Rowids in publication order (migration m011): Unix seconds × this, plus a serial.
ROWIDS_PER_SECOND = 1_000_000

# Columns filled from the article itself, in table order; the archive adds the bookkeeping ones.
ARTICLE_FIELDS: tuple[str, ...] = (
    "url",
    "post_id",
    "site",
    "edition",
    "layout",
    "title",
    "title_raw",
    "updated",
    "media",
    "published",
    "modified",
    "published_local",
    "dateline_raw",
    "dateline_place",
    "dateline_agency",
    "dateline_date",
    "editor_tags_raw",
    "editor_tags",
    "byline_raw",
    "authors",
    "subheadings",
    "body",
    "categories",
    "tags",
    "images",
    # Not content (hashing.py leaves it out): a judgement of this capture's reading, replaced
    # whenever the article is seen again, so a parser fix clears it without a new revision.
    "problems",
    # The edition's language (its profile's `language`, BCP 47); not content either.
    "language",
)
BOOKKEEPING_FIELDS: tuple[str, ...] = ("first_seen", "last_seen", "content_hash", "revision")
# `title` casefolded, so that `update_of` finds same-title stories with one index lookup;
# `title_search`/`body_search`, what the full-text index holds when it differs (m015).
DERIVED_COLUMNS: tuple[str, ...] = ("title_key", "title_search", "body_search")
# Where the raw response is in the WARC captures; from the article's `capture` dict.
CAPTURE_COLUMNS: tuple[str, ...] = ("warc_file", "warc_offset", "warc_record_id")
ARTICLE_COLUMNS: tuple[str, ...] = (
    ARTICLE_FIELDS + BOOKKEEPING_FIELDS + CAPTURE_COLUMNS + DERIVED_COLUMNS
)

JSON_COLUMNS: frozenset[str] = frozenset(
    {"media", "editor_tags", "authors", "subheadings", "categories", "tags", "images", "problems"}
)


def to_json(value: Any) -> str:
    """JSON text as stored in the archive: UTF-8 kept readable, no ASCII escapes."""
    return json.dumps(value, ensure_ascii=False)


def rowid_base(published: str | None) -> int:
    """The first rowid of the articles published in the same second (0 for no or bad dates)."""
    try:
        seconds = int(datetime.fromisoformat(published).timestamp()) if published else 0
    except ValueError:
        seconds = 0
    return seconds * ROWIDS_PER_SECOND


def title_key(title: str | None) -> str | None:
    """The `title_key` column: titles equal ignoring case have equal keys."""
    return None if title is None else title.casefold()


# The characters `search_form` changes, found by asking it about every Arabic-script code point
# (so its rules stay in normalize/arabic.py). `str.translate` reads a non-Latin-1 text one dict
# lookup per character (236 µs for a 4 KB English body with one en dash, half an archive
# save); a search for these characters, then one `replace` per character found, gives the
# same text in 13 µs (English) or 63 µs (Arabic; timeit, this machine, loaded).
_ARABIC_SCRIPT = ((0x0600, 0x0700), (0x0750, 0x0780), (0x08A0, 0x0900), (0xFB50, 0xFF00))
_FOLDED_CHARACTERS = re.compile(
    "[{}]".format(
        re.escape(
            "".join(
                character
                for start, end in _ARABIC_SCRIPT
                for character in map(chr, range(start, end))
                if search_form(character) != character
            )
        )
    )
)


def search_text(text: str | None) -> str | None:
    """Text in its search form (`أَحمد` → `احمد`, normalize/arabic.py) when that differs, else None.

    The full-text index holds `coalesce(title_search, title)` (migration m015), so a title
    without Arabic folds (every English one) costs no second copy.
    """
    if text is None or text.isascii() or not _FOLDED_CHARACTERS.search(text):
        return None
    folded = text
    # Each character folds to one fixed point of search_form (or to nothing): order is free.
    for character in set(_FOLDED_CHARACTERS.findall(text)):
        folded = folded.replace(character, search_form(character))
    return folded


def article_values(article: Mapping[str, Any]) -> dict[str, Any]:
    """The `ARTICLE_FIELDS` and `DERIVED_COLUMNS` of an article dict, as SQLite column values."""
    values: dict[str, Any] = {}
    for name in ARTICLE_FIELDS:
        value = article[name]
        if name in JSON_COLUMNS:
            value = to_json(value)
        elif name == "updated":
            value = int(bool(value))
        values[name] = value
    values["title_key"] = title_key(values["title"])
    values["title_search"] = search_text(values["title"])
    values["body_search"] = search_text(values["body"])
    return values


def capture_values(capture: Mapping[str, Any] | None) -> dict[str, Any]:
    """The `CAPTURE_COLUMNS` of an article's `capture` (all None when it was not captured)."""
    capture = capture or {}
    return {
        "warc_file": capture.get("file"),
        "warc_offset": capture.get("offset"),
        "warc_record_id": capture.get("record_id"),
    }


def decoded_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored `articles` row with its JSON columns turned back into lists."""
    return {
        name: json.loads(value) if name in JSON_COLUMNS and value is not None else value
        for name, value in row.items()
    }
