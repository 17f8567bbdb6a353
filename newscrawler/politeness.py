"""Politeness Scrapy leaves out: robots.txt's Crawl-delay per host, Retry-After on 503/429."""

from __future__ import annotations

import asyncio
import logging
import time
from email.utils import parsedate_to_datetime
from typing import Any, Self

from protego import Protego
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.python import to_unicode
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)

# Statuses with which a server asks the client to come back later.
WAIT_STATUSES = frozenset({429, 503})


def crawl_delay(robots_txt: bytes, user_agent: str) -> float | None:
    """The Crawl-delay robots.txt asks of `user_agent` (its group, else `*`), in seconds."""
    parser = Protego.parse(to_unicode(robots_txt, errors="ignore"))
    delay = parser.crawl_delay(user_agent)
    return float(delay) if delay else None


def retry_after_seconds(value: str, now: float) -> float | None:
    """`Retry-After` as seconds from `now` (a Unix time): delta-seconds or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - now)


class CrawlDelayMiddleware:
    """Makes each host's robots.txt `Crawl-delay` the least delay between its requests.

    Scrapy's robots.txt support reads only Allow/Disallow. This middleware sees the robots.txt
    response on its way to it, and sets the host's download slot (and any later slot of that
    host) to at least the Crawl-delay, without jitter. AutoThrottle lowers slot delays when a
    host answers fast: after each of its adjustments (it listens to `response_downloaded`
    first, as extensions are connected before the downloader exists) the delay is raised back
    to the Crawl-delay, before the slot sends its next request.
    """

    def __init__(self, crawler: Crawler, user_agent: str) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.crawl_delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not (
            settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("NEWSCRAWLER_OBEY_CRAWL_DELAY")
        ):
            raise NotConfigured
        user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")
        middleware = cls(crawler, user_agent)
        crawler.signals.connect(middleware.keep_delay, signal=signals.response_downloaded)
        return middleware

    def process_response(self, request: Request, response: Response) -> Response:
        if urlparse_cached(request).path == "/robots.txt" and response.status == 200:
            delay = crawl_delay(response.body, self.user_agent)
            if delay:
                # A redirected robots.txt speaks for the host first asked too.
                for url in [*request.meta.get("redirect_urls", []), request.url]:
                    self.set_delay(request.replace(url=url), delay)
        return response

    def set_delay(self, request: Request, delay: float) -> None:
        downloader = self.downloader()
        key = downloader.get_slot_key(request)
        if self.crawl_delays.get(key) == delay:
            return
        self.crawl_delays[key] = delay
        # Read by the downloader when it makes a slot, e.g. again after an idle slot was dropped.
        downloader.per_slot_settings.setdefault(key, {}).update(delay=delay, jitter=0)
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, delay)
            slot.jitter = 0
        logger.info("robots.txt of %s asks for Crawl-delay: %s s; honoring it", key, delay)

    def keep_delay(self, response: Response, request: Request, spider: Any) -> None:
        key = request.meta.get("download_slot")
        delay = self.crawl_delays.get(key) if key else None
        slot = self.downloader().slots.get(key) if delay else None
        if delay is not None and slot is not None and slot.delay < delay:
            slot.delay = delay

    def downloader(self) -> Any:
        assert self.crawler.engine is not None
        return self.crawler.engine.downloader


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, plus a wait before retrying a 503 or 429 that does not block.

    The wait is the response's `Retry-After` (seconds or an HTTP date), capped at
    `NEWSCRAWLER_RETRY_AFTER_MAX`; without one it is `NEWSCRAWLER_RETRY_BACKOFF` doubled on
    each retry, under the same cap. Retries stay bounded by `RETRY_TIMES`.
    """

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("NEWSCRAWLER_RETRY_AFTER_MAX")
        self.backoff = settings.getfloat("NEWSCRAWLER_RETRY_BACKOFF")

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if (
            response.status not in WAIT_STATUSES
            or response.status not in self.retry_http_codes
            or request.meta.get("dont_retry", False)
        ):
            return super().process_response(request, response)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        wait = self.wait_seconds(response, retry.meta["retry_times"])
        logger.info("%s answered %s; retrying in %.0f s", request.url, response.status, wait)
        # asyncio.sleep yields to the reactor: other hosts' requests go on meanwhile.
        await asyncio.sleep(wait)
        return retry

    def wait_seconds(self, response: Response, retry_number: int) -> float:
        header = response.headers.get("Retry-After")
        asked = retry_after_seconds(header.decode("latin-1"), time.time()) if header else None
        if asked is None:
            asked = self.backoff * 2 ** (retry_number - 1)
        return min(asked, self.max_wait)
