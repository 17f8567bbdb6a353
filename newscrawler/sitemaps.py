"""Sitemap lastmods: times in UTC, and re-checks of archived articles only when theirs moved."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawler.archive.lookup import ArchiveLookup
from newscrawler.archive.sitemaps import SitemapState
from newscrawler.commands import require_recording
from newscrawler.normalize.dates import to_utc
from newscrawler.normalize.urls import canonical_link

logger = logging.getLogger(__name__)

# Sitemap times without an offset: the protocol (W3C Datetime) asks for one, and the site's
# zone is not known here; UTC keeps them comparable.
NAIVE_ZONE = "UTC"


def lastmod_moved(state: SitemapState, lastmod: str) -> bool:
    """Whether the page changed since the archive last fetched it, by the sitemap's lastmod.

    Against the lastmod recorded at that fetch when there is one; an article archived from a
    listing has none yet, so its page's own dates stand in for it (WordPress sets both).
    """
    if state.sitemap_lastmod is not None:
        return lastmod != state.sitemap_lastmod
    fetched_version = state.modified or state.published
    return fetched_version is None or lastmod > fetched_version


class SitemapLastmodMiddleware:
    """In `incremental` mode, an archived article a sitemap lists is re-checked only if its
    `<lastmod>` moved (`lastmod_moved`): then with a conditional request, else not at all.

    Sitemap entries without a lastmod, and articles not yet archived, go on unchanged (the
    incremental middleware then drops the archived ones).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive_path = crawler.settings.get("ARCHIVE_PATH")
        self.archive: ArchiveLookup | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self) -> None:
        self.archive = ArchiveLookup(self.archive_path)

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        outputs = [output async for output in result]
        listed = [
            output
            for output in outputs
            if isinstance(output, Request) and output.meta.get("sitemap_lastmod")
        ]
        for request in listed:
            # Stored and compared in UTC: two sitemaps may write one instant two ways.
            request.meta["sitemap_lastmod"] = to_utc(request.meta["sitemap_lastmod"], NAIVE_ZONE)
        listed = [request for request in listed if request.meta["sitemap_lastmod"]]
        if not listed or getattr(self.crawler.spider, "mode", "full") != "incremental":
            for output in outputs:
                yield output
            return
        decided = self.decide(listed)
        logger.info(
            "Sitemap %s: %d archived articles listed, %d with a moved lastmod",
            response.url,
            len(decided),
            sum(request is not None for request in decided.values()),
        )
        for output in outputs:
            if not isinstance(output, Request) or output not in decided:
                yield output
            elif (replacement := decided[output]) is not None:
                yield replacement

    def decide(self, requests: Iterable[Request]) -> dict[Request, Request | None]:
        """Archived articles' requests: a re-check when the lastmod moved, else None (dropped)."""
        assert self.archive is not None and self.crawler.stats is not None
        by_url = {canonical_link(request.url): request for request in requests}
        states = self.archive.sitemap_states(by_url)
        decided: dict[Request, Request | None] = {}
        for url, state in states.items():
            request = by_url[url]
            lastmod = request.meta["sitemap_lastmod"]
            if lastmod_moved(state, lastmod):
                decided[request] = self.recheck(request, state)
                self.crawler.stats.inc_value("newscrawler/sitemap_lastmod_moved")
            else:
                decided[request] = None
                self.crawler.stats.inc_value("newscrawler/sitemap_lastmod_unchanged")
        return decided

    def recheck(self, request: Request, state: SitemapState) -> Request:
        spider = self.crawler.spider
        recheck: Request = spider.recheck_request(  # type: ignore[union-attr]
            state.fetch_url,
            state.url,
            state.etag,
            state.last_modified,
            sitemap_lastmod=request.meta["sitemap_lastmod"],
        )
        return recheck
