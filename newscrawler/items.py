"""The two records that cross layers: `RawArticle` (what a page says) and `Article` (normalized)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LAYOUT_ARCHIVE = "archive"
LAYOUT_RELAUNCH = "relaunch"


@dataclass(frozen=True)
class Block:
    """One block of body text as the markup presents it.

    `kind` is what the markup says the block is: ``paragraph`` (a ``<p>``), ``heading`` (an
    ``<h2>``-``<h6>`` or a ``<p>`` whose only content is bold), or ``caption`` (a
    ``wp-caption-text`` / ``figcaption``). `text` keeps the page's characters: NBSP, doubled
    spaces and ``<br>`` line breaks (as ``\\n``) are left for the normalizers.
    """

    kind: str
    text: str


@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Link:
    """A link out of an article: Check Also box, inline related block, update-of, ..."""

    kind: str
    url: str
    anchor_text: str
    teaser: str = ""


@dataclass
class RawArticle:
    """Exactly what one article page says, read from markup and not normalized."""

    url: str
    layout: str
    canonical_url: str | None = None
    post_id: int | None = None
    section: str | None = None
    title: str = ""
    published: str | None = None
    modified: str | None = None
    published_stamp: str | None = None
    modified_stamp: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # Set by the spider, not the parser: the redirect chain (requested first, final last) and
    # the bytes as fetched, kept so a failure can be re-processed without re-fetching.
    fetched_urls: list[str] = field(default_factory=list)
    source: bytes = field(default=b"", repr=False)
    # Where the raw response sits in the WARC captures: {"file", "offset", "record_id"}.
    capture: dict[str, Any] | None = None
    # The response's HTTP validators, `etag` and `last_modified`, for conditional re-checks.
    validators: dict[str, str] = field(default_factory=dict)
    # The page ended before its closing markup: whatever was read is only part of it.
    truncated: bool = False
    # The page's own plain-text copy of the article (JSON-LD `articleBody`), as found, when it
    # carries one: a chrome-free reference the extracted body is checked against.
    article_body: str | None = None
    # What the parser saw wrong with the article's markup (text swallowed by an unclosed
    # `<script>`, no end-of-entry marker, ...), one sentence each; the article is flagged.
    markup_problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class NotModified:
    """A re-check answered `304 Not Modified`: the archived article `url` is still current."""

    url: str
    validators: dict[str, str] = field(default_factory=dict)


@dataclass
class PageFailure:
    """A page that could not be fetched, recognized or read: recorded, never dropped silently."""

    url: str
    stage: str
    reason: str
    source: bytes = field(default=b"", repr=False)
    # The HTTP status of a download answered with an error (404 …), None for other failures.
    status: int | None = None


@dataclass
class Article:
    """One normalized article, shaped like a row of the `articles` table (DESIGN §3).

    List-valued fields stay Python lists here; the archive serializes them to JSON.
    `complete` is False when a field the archive needs (title, body) could not be read, or the
    page was cut short: such an article is recorded as a failure, never stored as if whole.
    """

    url: str
    post_id: int | None
    site: str
    edition: str
    language: str
    layout: str
    title: str | None
    title_raw: str
    updated: bool
    media: list[str]
    published: str | None
    modified: str | None
    published_local: str | None
    dateline_raw: str | None
    dateline_place: str | None
    dateline_agency: str | None
    dateline_date: str | None
    editor_tags_raw: str | None
    editor_tags: list[str]
    byline_raw: str | None
    authors: list[str]
    subheadings: list[str]
    body: str
    categories: list[str]
    tags: list[str]
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    fetched_urls: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    capture: dict[str, Any] | None = None
    # The person each editor tag names (canonical spelling, data/staff.json), parallel to it.
    staff: list[str] = field(default_factory=list)
    validators: dict[str, str] = field(default_factory=dict)
    truncated: bool = False
    # The fields (`title`, `body`) whose value a problem puts in doubt: the article is archived
    # and flagged, but run health does not count these fields as read (health.py).
    suspect: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.title) and bool(self.body) and not self.truncated

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
