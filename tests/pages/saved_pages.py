"""Saved pages under `fixtures/` and the fields their parsers must read (web-poet style)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from parsel import Selector

from newscrawler.pages import archive_layout, feeds, relaunch_layout
from newscrawler.pages.detect import PageKind

FIXTURES = Path(__file__).parent / "fixtures"
# Set by the spider after parsing (redirect chain, fetched bytes, WARC capture); a parser
# leaves them empty.
SPIDER_FIELDS = frozenset({"fetched_urls", "source", "capture", "validators", "truncated"})
PARSERS = {
    PageKind.ARCHIVE_ARTICLE: archive_layout.parse_article,
    PageKind.ARCHIVE_LISTING: archive_layout.parse_listing,
    PageKind.RELAUNCH_ARTICLE: relaunch_layout.parse_article,
    PageKind.RELAUNCH_LISTING: relaunch_layout.parse_listing,
    PageKind.RELAUNCH_NEXT_POST: relaunch_layout.parse_next_post,
}


@dataclass(frozen=True)
class SavedPage:
    name: str
    url: str
    kind: PageKind
    text: str
    expected: dict[str, Any]


def _load(expectation: Path) -> SavedPage:
    spec = json.loads(expectation.read_text(encoding="utf-8"))
    kind = PageKind(spec["kind"])
    page_file = expectation.with_suffix(".xml" if kind is PageKind.FEED else ".html")
    return SavedPage(
        name=expectation.stem,
        url=spec["url"],
        kind=kind,
        text=page_file.read_text(encoding="utf-8"),
        expected=spec["expected"],
    )


SAVED_PAGES = [_load(path) for path in sorted(FIXTURES.glob("*.json"))]


def parse_text(kind: PageKind, url: str, text: str) -> Any:
    """The parser's record for a page of `kind`: a RawArticle, a Listing or a feed's URLs."""
    if kind is PageKind.FEED:
        return feeds.parse_feed(url, text)
    return PARSERS[kind](url, Selector(text=text))


@cache
def parsed_fields(name: str) -> dict[str, Any]:
    """The saved page's parsed record as plain JSON-like values."""
    page = next(page for page in SAVED_PAGES if page.name == name)
    record = parse_text(page.kind, page.url, page.text)
    if page.kind is PageKind.FEED:
        return {"article_urls": record}
    return dict(record.to_dict())
