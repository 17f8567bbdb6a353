"""RSS 2.0 feeds of both layouts: the article URLs they announce (discovery), read leniently."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.etree import ErrorLevels, XMLParser, XMLSyntaxError, _Element, fromstring

from newscrawler.pages.markup import absolute_urls

FEED_WELL_FORMED = "well_formed"
FEED_RECOVERED = "recovered"
FEED_UNUSABLE = "unusable"


@dataclass
class Feed:
    """A feed's article URLs and how it was read.

    `reading` is `well_formed`, `recovered` (not well-formed XML, read by lxml's recovering
    parser: the Arabic feed repeats an attribute) or `unusable` (no item could be read);
    `problem` is the XML parser's first complaint, None for a well-formed feed.
    """

    urls: list[str] = field(default_factory=list)
    reading: str = FEED_WELL_FORMED
    problem: str | None = None


def parse_feed(url: str, source: str | bytes) -> list[str]:
    """Absolute article URLs of the feed's items, in feed order, each once."""
    return read_feed(url, source).urls


def read_feed(url: str, source: str | bytes) -> Feed:
    """The feed's article URLs, read leniently, and whether it had to be (`Feed.reading`)."""
    # lxml refuses a str that declares its encoding; the crawl passes the bytes as sent.
    body = source.encode("utf-8") if isinstance(source, str) else source
    parser = XMLParser(recover=True, encoding="utf-8" if isinstance(source, str) else None)
    try:
        root: _Element | None = fromstring(body, parser)
    except XMLSyntaxError:
        root = None
    errors = [
        str(error.message).strip() for error in parser.error_log if error.level >= ErrorLevels.ERROR
    ]
    links = [link for item in _items(root) if (link := _item_link(item))]
    urls = absolute_urls(url, links)
    if not errors:
        return Feed(urls)
    return Feed(urls, FEED_RECOVERED if urls else FEED_UNUSABLE, errors[0])


def _items(root: _Element | None) -> list[_Element]:
    if root is None:
        return []
    return [item for item in root.iter() if _local_name(item) == "item"]


def _local_name(element: _Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child_text(item: _Element, name: str) -> tuple[_Element | None, str | None]:
    for child in item:
        if _local_name(child) == name:
            return child, child.text
    return None, None


def _item_link(item: _Element) -> str | None:
    """The item's `<link>`, else its `<guid>` unless the feed says the guid is no permalink."""
    _, link = _child_text(item, "link")
    if link and link.strip():
        return link
    guid, text = _child_text(item, "guid")
    if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
        return text
    return None
