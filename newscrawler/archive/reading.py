"""SQL of the reading view: one archived article with its people, places, links and history."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from newscrawler.archive.rows import decoded_row

_ARTICLE = "SELECT * FROM articles WHERE url = ?"
_IS_ARCHIVED = "SELECT 1 FROM articles WHERE url = ?"
_PLACES = """
SELECT article_places.place, places.kind, places.country, places.latitude, places.longitude
FROM article_places LEFT JOIN places ON places.name = article_places.place
WHERE article_places.article_url = ?
ORDER BY article_places.position
"""
_STAFF = """
SELECT staff.id, staff.name, article_staff.name_as_written
FROM article_staff JOIN staff ON staff.id = article_staff.staff_id
WHERE article_staff.article_url = ?
ORDER BY article_staff.position
"""
# The other end's title when it is archived too, so the view can say which links stay inside.
_LINKS_OUT = """
SELECT links.kind, links.to_url, articles.title, links.anchor_text, links.first_seen,
    links.last_seen
FROM links LEFT JOIN articles ON articles.url = links.to_url
WHERE links.from_url = ?
ORDER BY links.kind, links.first_seen, links.to_url
"""
_LINKS_IN = """
SELECT links.kind, links.from_url, articles.title, links.anchor_text, links.first_seen,
    links.last_seen
FROM links LEFT JOIN articles ON articles.url = links.from_url
WHERE links.to_url = ?
ORDER BY links.kind, links.first_seen, links.from_url
"""
_ADDRESSES = """
SELECT url, redirected_to, first_seen, last_seen FROM article_urls
WHERE article_url = ? ORDER BY first_seen, url
"""
_REVISIONS = """
SELECT revision, captured, content_hash, row, warc_file, warc_offset
FROM revisions WHERE article_url = ? ORDER BY revision
"""
_REMOVALS = """
SELECT status, missing_since, last_missed, restored_at FROM removals
WHERE url = ? ORDER BY missing_since
"""


@dataclass(frozen=True)
class Place:
    """A place of the dateline, with its gazetteer row (kind None when it is not listed)."""

    name: str
    kind: str | None
    country: str | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Credit:
    """One editor tag: the person it names (`staff`) and how the article spelled them."""

    person_id: int
    name: str
    as_written: str


@dataclass(frozen=True)
class Edge:
    """A link into or out of the article; `other_title` None: the other end is not archived."""

    kind: str
    other_url: str
    other_title: str | None
    anchor_text: str | None
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class Address:
    """An address the article was fetched at (`article_urls`)."""

    url: str
    redirected_to: str | None
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class Revision:
    """One content state; the current one (from `articles`) is the last, with `current` set."""

    number: int
    captured: str
    title: str | None
    body: str | None
    content_hash: str
    warc_file: str | None
    warc_offset: int | None
    current: bool


@dataclass(frozen=True)
class Removal:
    """A takedown (404/410), open while `restored_at` is None."""

    status: int
    missing_since: str
    last_missed: str
    restored_at: str | None


@dataclass(frozen=True)
class Block:
    """A piece of the body: a paragraph, or a sub-heading line."""

    kind: Literal["paragraph", "heading"]
    text: str


@dataclass(frozen=True)
class Reading:
    """Everything the reading view shows of one archived article."""

    article: dict[str, Any]
    places: tuple[Place, ...]
    staff: tuple[Credit, ...]
    links_out: tuple[Edge, ...]
    links_in: tuple[Edge, ...]
    addresses: tuple[Address, ...]
    revisions: tuple[Revision, ...]
    removals: tuple[Removal, ...]
    blocks: tuple[Block, ...]
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def removed(self) -> bool:
        return self.article.get("removed_at") is not None


def body_blocks(body: str | None, subheadings: list[str] | None) -> tuple[Block, ...]:
    """The body's blank-line separated paragraphs; those that are its sub-headings, in order,
    become headings (a paragraph that merely repeats a heading's words later stays one)."""
    pending = [heading.strip() for heading in subheadings or []]
    blocks: list[Block] = []
    for paragraph in (body or "").split("\n\n"):
        text = paragraph.strip()
        if not text:
            continue
        if pending and text == pending[0]:
            pending.pop(0)
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
    return tuple(blocks)


def is_archived(conn: sqlite3.Connection, url: str) -> bool:
    """True if `url` is the canonical URL of an archived article."""
    return conn.execute(_IS_ARCHIVED, [url]).fetchone() is not None


def _rows(conn: sqlite3.Connection, sql: str, url: str) -> list[tuple[Any, ...]]:
    return list(conn.execute(sql, [url]).fetchall())


def _earlier(row: tuple[Any, ...]) -> Revision:
    number, captured, content_hash, state, warc_file, warc_offset = row
    stored = json.loads(state)
    return Revision(
        number=number,
        captured=captured,
        title=stored.get("title"),
        body=stored.get("body"),
        content_hash=content_hash,
        warc_file=warc_file,
        warc_offset=warc_offset,
        current=False,
    )


def _revisions(conn: sqlite3.Connection, article: dict[str, Any]) -> tuple[Revision, ...]:
    current = Revision(
        number=article["revision"],
        captured=article["last_seen"],
        title=article["title"],
        body=article["body"],
        content_hash=article["content_hash"],
        warc_file=article["warc_file"],
        warc_offset=article["warc_offset"],
        current=True,
    )
    return (*(_earlier(row) for row in _rows(conn, _REVISIONS, article["url"])), current)


def read_article(conn: sqlite3.Connection, url: str) -> Reading | None:
    """The reading of archived article `url` (its canonical URL), or None if it is not archived."""
    cursor = conn.execute(_ARTICLE, [url])
    found = cursor.fetchone()
    if found is None:
        return None
    names = [column[0] for column in cursor.description]
    article = decoded_row(dict(zip(names, found, strict=True)))
    return Reading(
        article=article,
        places=tuple(Place(*row) for row in _rows(conn, _PLACES, url)),
        staff=tuple(Credit(*row) for row in _rows(conn, _STAFF, url)),
        links_out=tuple(Edge(*row) for row in _rows(conn, _LINKS_OUT, url)),
        links_in=tuple(Edge(*row) for row in _rows(conn, _LINKS_IN, url)),
        addresses=tuple(Address(*row) for row in _rows(conn, _ADDRESSES, url)),
        revisions=_revisions(conn, article),
        removals=tuple(Removal(*row) for row in _rows(conn, _REMOVALS, url)),
        blocks=body_blocks(article["body"], article["subheadings"]),
        categories=tuple(article["categories"] or ()),
        tags=tuple(article["tags"] or ()),
        problems=tuple(article["problems"] or ()),
    )
