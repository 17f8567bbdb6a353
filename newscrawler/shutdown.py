"""Bounded shutdown: after SIGTERM or Ctrl-C, downloads still in flight are cancelled in time.

Scrapy's graceful stop waits for every download in flight, and a server that drips its answer
holds one for up to DOWNLOAD_TIMEOUT (120 s) per try. `ShutdownBound` notices the stop
(`Crawler.crawling` turns False, Scrapy's own mark of it), waits NEWSCRAWLER_SHUTDOWN_GRACE
seconds for downloads to finish on their own, then has `BoundedHTTPDownloadHandler` cancel
the rest. Each cancelled request fails with `DownloadCancelledAtShutdown`, which its errback
records; the next run fetches it again.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Self

from scrapy import Request, signals
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from twisted.internet import task

logger = logging.getLogger(__name__)

# Sent (on the crawler's signal manager) when downloads in flight are to be cancelled.
cancel_downloads = object()
# Seconds between looks at whether the crawl is stopping.
POLL_SECONDS = 1.0


class DownloadCancelledAtShutdown(Exception):
    """A download cut short because the crawl was stopping."""


class BoundedHTTPDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler; `cancel_downloads` cancels its downloads in flight."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._in_flight: set[asyncio.Task[Response]] = set()
        crawler.signals.connect(self.cancel_in_flight, signal=cancel_downloads)

    async def download_request(self, request: Request) -> Response:
        download = asyncio.ensure_future(super().download_request(request))
        self._in_flight.add(download)
        try:
            # wait() leaves a cancelled download to be told apart from a cancelled caller.
            await asyncio.wait([download])
        except asyncio.CancelledError:
            download.cancel()
            raise
        finally:
            self._in_flight.discard(download)
        if download.cancelled():
            raise DownloadCancelledAtShutdown(
                f"download of {request.url} cancelled: the crawl is shutting down"
            )
        return download.result()

    def cancel_in_flight(self) -> None:
        for download in list(self._in_flight):
            download.cancel()


class ShutdownBound:
    """Extension: cancels downloads still in flight NEWSCRAWLER_SHUTDOWN_GRACE s into a stop."""

    def __init__(self, crawler: Crawler, grace: float) -> None:
        self.crawler = crawler
        self.grace = grace
        self.watch = task.LoopingCall(self.check)
        self.pending: asyncio.TimerHandle | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        grace = crawler.settings.getfloat("NEWSCRAWLER_SHUTDOWN_GRACE")
        if grace < 0:
            raise NotConfigured("NEWSCRAWLER_SHUTDOWN_GRACE is negative: shutdown is unbounded")
        extension = cls(crawler, grace)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.watch.start(POLL_SECONDS, now=False)

    def spider_closed(self) -> None:
        if self.watch.running:
            self.watch.stop()
        if self.pending is not None:
            self.pending.cancel()

    def check(self) -> None:
        if self.crawler.crawling or self.pending is not None:
            return
        logger.warning("Stopping: downloads still in flight in %g s will be cancelled", self.grace)
        # TWISTED_REACTOR is the asyncio reactor: its loop runs this call.
        self.pending = asyncio.get_running_loop().call_later(self.grace, self.cancel)

    def cancel(self, *_: Any) -> None:
        logger.warning("Stopping: cancelling the downloads still in flight")
        self.crawler.signals.send_catch_log(signal=cancel_downloads)
