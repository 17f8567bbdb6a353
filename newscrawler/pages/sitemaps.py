"""Sitemaps and sitemap indexes (with news sitemaps' dates), and robots.txt `Sitemap:` lines.

Read with Scrapy's own sitemap utilities, as `SitemapSpider` reads them; values are kept as
the sitemap writes them (the `sitemaps` middleware turns times into UTC).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
GZIP_MAGIC = b"\x1f\x8b\x08"


class BadSitemap(ValueError):
    """A body that is no sitemap or sitemap index (the message says why)."""


@dataclass(frozen=True)
class SitemapEntry:
    """One `<url>` or `<sitemap>`: its address, `<lastmod>` and news publication date."""

    loc: str
    lastmod: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class SitemapPage:
    """A read sitemap: an index of further sitemaps, or a urlset of pages."""

    is_index: bool
    entries: list[SitemapEntry]
    # lxml recovered from broken XML: the entries are what could be read.
    damaged: bool


class _NewsSitemap(Sitemap):
    """Scrapy's `Sitemap`, also keeping `<news:publication_date>`, which it reads past."""

    def _process_sitemap_element(self, elem: lxml.etree._Element) -> dict[str, Any] | None:
        published = elem.findtext(f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}publication_date")
        entry = super()._process_sitemap_element(elem)
        if entry is not None and published:
            entry["publication_date"] = published.strip()
        return entry


def sitemaps_in_robots(robots_url: str, body: bytes) -> list[str]:
    """The `Sitemap:` addresses a robots.txt names (relative ones resolved against it)."""
    return list(sitemap_urls_from_robots(body, base_url=robots_url))


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def is_sitemap_url(url: str) -> bool:
    return urlsplit(url).path.endswith((".xml", ".xml.gz"))


def read_sitemap(url: str, body: bytes, is_xml: bool, max_size: int) -> SitemapPage:
    """The sitemap in `body` (gzip-compressed or not); `BadSitemap` when it is none.

    A `.xml.gz` file arrives compressed, without Content-Encoding, and is inflated here under
    `max_size` (DOWNLOAD_MAXSIZE) as Scrapy's decompression is, so a bomb stops there too.
    """
    if body.startswith(GZIP_MAGIC):
        try:
            body = gunzip(body, max_size=max_size)
        except _DecompressionMaxSizeExceeded as error:
            raise BadSitemap(f"inflates past {max_size} bytes (DOWNLOAD_MAXSIZE)") from error
    elif not (is_xml or is_sitemap_url(url)):
        raise BadSitemap("not a sitemap: the answer is neither XML nor gzip")
    try:
        sitemap = _NewsSitemap(body)
        entries = [_entry(item) for item in sitemap]
    except (StopIteration, lxml.etree.XMLSyntaxError) as error:
        raise BadSitemap(f"not XML: {error or 'no element'}") from error
    if sitemap.type not in {"sitemapindex", "urlset"}:
        raise BadSitemap(f"not a sitemap: its root element is <{sitemap.type}>")
    damaged = len(sitemap.xmliter.error_log) > 0
    return SitemapPage(sitemap.type == "sitemapindex", entries, damaged)


def _entry(item: dict[str, Any]) -> SitemapEntry:
    return SitemapEntry(
        loc=item["loc"],
        lastmod=item.get("lastmod") or None,
        published=item.get("publication_date") or None,
    )
