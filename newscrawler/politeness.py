"""Politeness Scrapy leaves out: robots.txt's Crawl-delay per host, Retry-After on 503/429.

With `NEWSCRAWLER_FRONTIER` set, both hold for the whole cluster: `HostPacer` keeps each host's
next allowed moment in Redis, and `ClusterPacedDownloadHandler` waits for it before sending.
"""

from __future__ import annotations

import asyncio
import logging
import time
from email.utils import parsedate_to_datetime
from typing import Any, Self

import redis
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

from newscrawler.shutdown import BoundedHTTPDownloadHandler

logger = logging.getLogger(__name__)

# Statuses with which a server asks the client to come back later.
WAIT_STATUSES = frozenset({429, 503})
# Added to each host's delay in cluster mode: the time between a worker's turn starting and its
# request reaching the host varies by a few milliseconds from worker to worker.
CLUSTER_PACING_MARGIN = 0.05

# One atomic step per request: the host's turn is the latest of now, its next allowed moment and
# the end of a Retry-After hold; the next allowed moment moves one delay past that turn. Returns
# the milliseconds to wait for the turn. Redis's clock serves every worker alike.
_TAKE_TURN = """
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local held = tonumber(redis.call('GET', KEYS[3]) or '0')
local delay = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if delay <= 0 then return math.max(0, held - now) end
local turn = math.max(now, held, tonumber(redis.call('GET', KEYS[2]) or '0'))
redis.call('SET', KEYS[2], turn + delay, 'PX', turn + delay - now + 60000)
return turn - now
"""
# Retry-After for the whole cluster: no turn before now + wait. Returns the hold's milliseconds
# left (KEYS[1] alone, ARGV[1] = 0: whether the host is held now).
_HOLD = """
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
local until_ms = now + tonumber(ARGV[1])
if until_ms > held then
  redis.call('SET', KEYS[1], until_ms, 'PX', tonumber(ARGV[1]) + 60000)
  held = until_ms
end
return math.max(0, held - now)
"""


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


class HostPacer:
    """Each host's next allowed moment, kept in Redis for every worker of a frontier.

    Keys: `newscrawler:host_delays` (hash: host → milliseconds between requests, from robots.txt),
    `newscrawler:host:<host>:next` (the next allowed moment, Redis time in milliseconds) and
    `newscrawler:host:<host>:held` (the end of a Retry-After).
    """

    DELAYS_KEY = "newscrawler:host_delays"

    def __init__(self, server: redis.Redis) -> None:
        self.server = server
        self._take_turn = server.register_script(_TAKE_TURN)
        self._hold = server.register_script(_HOLD)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> HostPacer | None:
        """The pacer of the frontier `NEWSCRAWLER_FRONTIER` names; None without one."""
        url = settings.get("NEWSCRAWLER_FRONTIER")
        return cls(redis.Redis.from_url(url)) if url else None

    def set_delay(self, host: str, seconds: float) -> None:
        milliseconds = round((seconds + CLUSTER_PACING_MARGIN) * 1000)
        self.server.hset(self.DELAYS_KEY, host, milliseconds)

    def take_turn(self, host: str) -> float:
        """Claim the host's next turn; the seconds to wait for it (0: now, or not paced)."""
        keys = [self.DELAYS_KEY, self.host_key(host, "next"), self.host_key(host, "held")]
        waited: int = self._take_turn(keys=keys, args=[host])
        return waited / 1000

    def hold(self, host: str, seconds: float) -> None:
        """No worker sends to `host` for `seconds` (a Retry-After)."""
        self._hold(keys=[self.host_key(host, "held")], args=[round(seconds * 1000)])

    def held(self, host: str) -> bool:
        """Whether a Retry-After holds `host` now."""
        return bool(self._hold(keys=[self.host_key(host, "held")], args=[0]))

    @staticmethod
    def host_key(host: str, name: str) -> str:
        return f"newscrawler:host:{host}:{name}"


class ClusterPacedDownloadHandler(BoundedHTTPDownloadHandler):
    """The HTTP handler of a frontier worker: each request waits for its host's cluster turn.

    The turn is taken here, inside the download slot and just before sending, so that a wait
    in the slot (another download of the host, AutoThrottle) cannot make a request leave later
    than its turn and crowd the next worker's.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        pacer = HostPacer.from_settings(crawler.settings)
        if pacer is None:
            raise NotConfigured("NEWSCRAWLER_FRONTIER is not set")
        self.pacer = pacer

    async def download_request(self, request: Request) -> Response:
        host = request.meta.get("download_slot") or urlparse_cached(request).hostname or ""
        while True:
            wait = self.pacer.take_turn(host)
            if wait > 0:
                await asyncio.sleep(wait)
            # A Retry-After that came while waiting outranks the turn taken before it.
            if not self.pacer.held(host):
                return await super().download_request(request)


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
        # In cluster mode the delay is also the whole cluster's (ClusterPacedDownloadHandler).
        self.pacer = HostPacer.from_settings(crawler.settings)

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
        if self.pacer is not None:
            self.pacer.set_delay(key, delay)
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
        # In cluster mode a Retry-After holds every worker off the host, not only this one.
        self.pacer = HostPacer.from_settings(settings)

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
        if self.pacer is not None:
            self.pacer.hold(
                request.meta.get("download_slot") or urlparse_cached(request).hostname or "", wait
            )
        # asyncio.sleep yields to the reactor: other hosts' requests go on meanwhile.
        await asyncio.sleep(wait)
        return retry

    def wait_seconds(self, response: Response, retry_number: int) -> float:
        header = response.headers.get("Retry-After")
        asked = retry_after_seconds(header.decode("latin-1"), time.time()) if header else None
        if asked is None:
            asked = self.backoff * 2 ** (retry_number - 1)
        return min(asked, self.max_wait)
