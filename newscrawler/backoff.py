"""Known-bad pages: which failures are for good, and leaving their URLs alone until a retry."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawler.archive.backoff import BackoffSchedule
from newscrawler.archive.lookup import ArchiveLookup
from newscrawler.commands import require_recording
from newscrawler.items import PageFailure

logger = logging.getLogger(__name__)

# Stages whose failure comes from the page itself: fetching it again gives the same page.
PERMANENT_STAGES = frozenset({"parse", "normalize"})
# Answers that say the page is not there (for an archived article: a takedown).
GONE_STATUSES = frozenset({404, 410})
# Known-bad retries of these stages were counted as article pages (the spider read them).
ARTICLE_PAGE_STAGES = frozenset({"normalize"})


def is_permanent(failure: PageFailure) -> bool:
    """Whether fetching the page again is expected to fail the same way (not a 503, timeout …)."""
    if failure.stage == "download":
        return failure.status in GONE_STATUSES
    return failure.stage in PERMANENT_STAGES


def schedule_from(crawler: Crawler) -> BackoffSchedule:
    settings = crawler.settings
    return BackoffSchedule(
        first_days=settings.getfloat("NEWSCRAWLER_BAD_PAGE_RETRY_DAYS"),
        max_days=settings.getfloat("NEWSCRAWLER_BAD_PAGE_RETRY_MAX_DAYS"),
    )


class BackoffMiddleware:
    """In `incremental` mode, drops article requests for known-bad pages whose retry is not due.

    The pipeline records permanent failures in `bad_pages` with their next retry time
    (`NEWSCRAWLER_BAD_PAGE_RETRY_*`); until then a listing that shows such a page neither
    fetches it nor counts it as new, so an unchanged site gives a quiet, healthy run.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive_path = crawler.settings.get("ARCHIVE_PATH")
        self.archive: ArchiveLookup | None = None
        self.now = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self) -> None:
        # Read-only, beside the pipeline's connection; the pipeline has created the archive.
        self.archive = ArchiveLookup(self.archive_path)
        # One moment for the whole run: a page not due at its start is not fetched later on.
        self.now = datetime.now(UTC).isoformat(timespec="seconds")

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        outputs = [output async for output in result]
        waiting = self.not_due(outputs)
        if waiting:
            logger.info(
                "Leaving %d known-bad pages listed on %s alone until their retry is due",
                len(waiting),
                response.url,
            )
        for output in outputs:
            if not (isinstance(output, Request) and output.url in waiting):
                yield output

    def not_due(self, outputs: list[Any]) -> set[str]:
        """URLs of the article requests in `outputs` that are known bad and not yet due."""
        if getattr(self.crawler.spider, "mode", "full") != "incremental":
            return set()
        urls = [
            output.url
            for output in outputs
            if isinstance(output, Request) and output.meta.get("role") == "article"
        ]
        if not urls:
            return set()
        assert self.archive is not None  # opened with the spider
        return {url for url, page in self.archive.bad_pages(urls).items() if not page.due(self.now)}
