"""Catching updates: conditional re-fetches of recent archived articles, after the start."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler.archive.lookup import ArchiveLookup
from newscrawler.archive.recheck import DueArticle, RecheckWindows
from newscrawler.commands import require_recording

logger = logging.getLogger(__name__)


class RecheckMiddleware:
    """Adds one conditional request per archived article whose re-check is due.

    The schedule thins out with the article's age (`NEWSCRAWLER_RECHECK_*_DAYS`), and keeps
    looking at recently removed articles for their return; the archive
    decides what is due, the spider's `recheck_request` builds the request. A `304` comes back
    as `NotModified`, a `200` goes the normal way, where changed content becomes a revision.
    """

    def __init__(self, crawler: Crawler, archive_path: str, windows: RecheckWindows) -> None:
        self.crawler = crawler
        self.archive_path = archive_path
        self.windows = windows
        self.due: list[DueArticle] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        settings = crawler.settings
        windows = RecheckWindows(
            every_run_days=settings.getfloat("NEWSCRAWLER_RECHECK_EVERY_RUN_DAYS"),
            daily_days=settings.getfloat("NEWSCRAWLER_RECHECK_DAILY_DAYS"),
            weekly_days=settings.getfloat("NEWSCRAWLER_RECHECK_WEEKLY_DAYS"),
            removed_days=settings.getfloat("NEWSCRAWLER_RECHECK_REMOVED_DAYS"),
        )
        middleware = cls(crawler, settings.get("ARCHIVE_PATH"), windows)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self) -> None:
        windows = self.windows
        if getattr(self.crawler.spider, "discovery", "listings") != "listings":
            # Sitemaps' lastmods say which articles changed (newscrawler/sitemaps.py); only
            # the watch over removed articles, which sitemaps no longer list, stays.
            windows = dataclasses.replace(windows, every_run_days=0, daily_days=0, weekly_days=0)
        # Read-only, beside the pipeline's connection; the pipeline has created the archive.
        with ArchiveLookup(self.archive_path) as archive:
            self.due = archive.due_for_recheck(windows, datetime.now(UTC))

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item_or_request in start:
            yield item_or_request
        recheck_request = getattr(self.crawler.spider, "recheck_request", None)
        if recheck_request is None:
            return
        logger.info("Re-checking %d recently published archived articles", len(self.due))
        for article in self.due:
            yield recheck_request(
                article.fetch_url, article.url, article.etag, article.last_modified
            )
