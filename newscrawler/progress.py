"""The progress log: every `PROGRESS_INTERVAL` seconds, how far the walk is and its time left."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import AsyncioLoopingCall, create_looping_call
from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    """The counters one progress line reports, read from the crawler stats."""

    listing_pages: int
    listing_total: int | None
    new: int
    changed: int
    unchanged: int
    pages: int

    @classmethod
    def from_stats(cls, stats: Mapping[str, Any]) -> Progress:
        return cls(
            listing_pages=stats.get("newscrawler/listing_pages", 0),
            listing_total=stats.get("newscrawler/listing_total_pages"),
            new=stats.get("newscrawler/articles_new", 0),
            changed=stats.get("newscrawler/articles_changed", 0),
            unchanged=stats.get("newscrawler/articles_unchanged", 0),
            pages=stats.get("response_received_count", 0),
        )


def full_walk_seconds_left(progress: Progress, elapsed: float) -> float | None:
    """Time left for a walk of every listing page at the pace so far; None if unknown."""
    if not progress.listing_total or not progress.listing_pages:
        return None
    remaining = max(progress.listing_total - progress.listing_pages, 0)
    return remaining * elapsed / progress.listing_pages


def duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f}s"
    minutes = round(seconds / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours}h"
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def progress_line(progress: Progress, pages_per_minute: float, elapsed: float) -> str:
    total = progress.listing_total or "?"
    left = full_walk_seconds_left(progress, elapsed)
    estimate = "unknown" if left is None else f"about {duration(left)} left"
    return (
        f"Progress: listing pages {progress.listing_pages} of {total} walked;"
        f" articles {progress.new} new, {progress.changed} changed,"
        f" {progress.unchanged} unchanged; {pages_per_minute:.1f} pages/min;"
        f" full walk: {estimate}"
    )


class ProgressLog:
    """Scrapy extension: logs `progress_line` every `PROGRESS_INTERVAL` seconds (0 turns it off)."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: AsyncioLoopingCall | LoopingCall | None = None
        self.started = time.monotonic()
        self.pages_before = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL", 60.0)
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = create_looping_call(self.log)
        # now=False: the first line comes after one interval, when there is a pace to report.
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        assert self.crawler.stats is not None
        progress = Progress.from_stats(self.crawler.stats.get_stats())
        rate = (progress.pages - self.pages_before) * 60 / self.interval
        self.pages_before = progress.pages
        logger.info(progress_line(progress, rate, time.monotonic() - self.started))

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
