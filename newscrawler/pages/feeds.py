"""RSS 2.0 feeds of both layouts: the article URLs they announce (discovery only)."""

from __future__ import annotations

from parsel import Selector

from newscrawler.pages.markup import absolute_urls


def parse_feed(url: str, text: str) -> list[str]:
    """Absolute article URLs of the feed's items, in feed order, each once."""
    items = Selector(text=text, type="xml").xpath("//*[local-name()='item']")
    return absolute_urls(url, [link for item in items if (link := _item_link(item))])


def _item_link(item: Selector) -> str | None:
    """The item's `<link>`, else its `<guid>` unless the feed says the guid is no permalink."""
    link = item.xpath("*[local-name()='link']/text()").get()
    if link and link.strip():
        return link
    guid = item.xpath("*[local-name()='guid']")
    if guid and guid.attrib.get("isPermaLink", "true").lower() != "false":
        return guid.xpath("text()").get()
    return None
