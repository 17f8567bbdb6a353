"""The shared frontier: scrapy-redis's scheduler and seen-set, made reliable for many workers.

Requests wait in one Redis sorted set (scrapy-redis's `PriorityQueue`). A worker takes one in
the same atomic step that files it under the worker's in-flight set; it leaves that set when
its response has been fully handled (`DoneMarkerMiddleware`, `OutboxPipeline`), when its
download failure is in the outbox, or when it goes back to the queue (a redirect or retry). A
worker that dies (`kill -9`, a lost machine) stops renewing its heartbeat; the first worker to
notice puts its in-flight requests back in the queue.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import uuid
from typing import Any, Self

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.python import to_unicode
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from newscrawler.frontier import KEY_PREFIX
from newscrawler.items import PageFailure
from newscrawler.normalize.urls import canonical_link

logger = logging.getLogger(__name__)

# Sent by the outbox pipeline when a response's results are all in Redis: `frontier_id`.
request_done = object()
# Longest time between heartbeats (shorter if NEWSCRAWLER_FRONTIER_WORKER_TTL is short).
HEARTBEAT_SECONDS = 1.0
# Where a popped request carries its in-flight id.
FRONTIER_ID = "frontier_id"

# Take the first request of the queue and file it in-flight, in one step: a worker killed
# between the two can lose nothing.
_TAKE = """
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first == 0 then return false end
redis.call('ZREM', KEYS[1], first[1])
redis.call('ZADD', KEYS[2], first[2], first[1])
return first[1]
"""


class CanonicalDupeFilter(RFPDupeFilter):
    """scrapy-redis's seen-set, keyed by the archive's identity of a URL (`canonical_link`).

    An article reached as `sana.sy/en/?p=1`, `http://archive.sana.sy/en/?p=1` or on a mirror is
    one entry, as it is one archive row. A redirect continues a request already admitted, so it
    is never dropped (its target often has the same identity), but it is marked seen.
    """

    def request_fingerprint(self, request: Request) -> str:
        identity = {
            "method": to_unicode(request.method),
            "url": canonicalize_url(canonical_link(request.url)),
            "body": (request.body or b"").hex(),
        }
        return hashlib.sha1(json.dumps(identity, sort_keys=True).encode()).hexdigest()

    def request_seen(self, request: Request) -> bool:
        if request.meta.get("redirect_urls"):
            self.server.sadd(self.key, self.request_fingerprint(request))
            return False
        return bool(super().request_seen(request))


class FrontierScheduler(Scheduler):
    """scrapy-redis's `Scheduler` with in-flight tracking, heartbeats and a cluster-wide end.

    Settings: `NEWSCRAWLER_FRONTIER_WORKER_TTL` (seconds without a heartbeat after which a
    worker counts as dead). A worker ends when the queue is empty and no live worker is busy:
    a busy one may still add requests. The last worker to finish a crawl cleanly clears the
    queue and seen-set, so the next run (cron) starts afresh; a crawl that was stopped or
    killed keeps them, and the next run resumes it.
    """

    crawler: Crawler
    worker_ttl: float
    worker: str
    # Requests taken and not yet handled: in-flight id → the queue entry.
    in_flight: dict[str, bytes]
    heartbeat: task.LoopingCall

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler = cls.from_settings(crawler.settings)
        scheduler.stats = crawler.stats
        scheduler.crawler = crawler
        scheduler.worker_ttl = crawler.settings.getfloat("NEWSCRAWLER_FRONTIER_WORKER_TTL")
        scheduler.worker = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        scheduler.in_flight = {}
        scheduler.heartbeat = task.LoopingCall(scheduler.beat)
        crawler.signals.connect(scheduler.finish_request, signal=request_done)
        crawler.signals.connect(scheduler.failure_recorded, signal=signals.item_dropped)
        return scheduler

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.workers_key = f"{KEY_PREFIX}:{spider.name}:workers"
        self.in_flight_key = self.in_flight_key_of(self.worker)
        self._take = self.server.register_script(_TAKE)
        self.server.sadd(self.workers_key, self.worker)
        self.announce("idle")
        logger.info("Frontier worker %s: %d requests queued", self.worker, len(self.queue))
        self.recover_dead_workers()
        # Often: a peer waiting for the end reads whether this worker is still busy.
        self.heartbeat.start(min(self.worker_ttl / 3, HEARTBEAT_SECONDS), now=False)

    def in_flight_key_of(self, worker: str) -> str:
        return f"{KEY_PREFIX}:{self.spider.name}:in_flight:{worker}"

    def announce(self, state: str) -> None:
        key = f"{self.workers_key}:{self.worker}"
        self.server.set(key, state, px=round(self.worker_ttl * 1000))

    def beat(self) -> None:
        # Busy: downloading or handling a response, so it may still add requests.
        engine = self.crawler.engine
        busy = engine is not None and (
            bool(engine.downloader.active)
            or (engine.scraper.slot is not None and not engine.scraper.slot.is_idle())
        )
        self.announce("busy" if busy else "idle")

    def next_request(self) -> Request | None:
        data = self._take(keys=[self.queue.key, self.in_flight_key])
        if not data:
            return None
        request: Request = self.queue._decode_request(data)
        frontier_id = uuid.uuid4().hex
        self.in_flight[frontier_id] = data
        request.meta[FRONTIER_ID] = frontier_id
        self.announce("busy")
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def enqueue_request(self, request: Request) -> bool:
        # A redirect or retry of a request this worker took: the queue holds it again.
        handed_back = request.meta.pop(FRONTIER_ID, None)
        queued = bool(super().enqueue_request(request))
        if handed_back is not None:
            self.finish_request(handed_back)
        return queued

    def finish_request(self, frontier_id: str) -> None:
        data = self.in_flight.pop(frontier_id, None)
        if data is not None:
            self.server.zrem(self.in_flight_key, data)

    def failure_recorded(self, item: Any, response: Any) -> None:
        """A download failure, pushed to the outbox and then dropped: its request is handled.

        An errback's output bypasses spider middlewares, so it gets no `FrontierDone`; the
        failure it yields names the request through Scrapy's `Failure.request`.
        """
        request = getattr(response, "request", None) if isinstance(response, Failure) else None
        frontier_id = request.meta.get(FRONTIER_ID) if request is not None else None
        if isinstance(item, PageFailure) and frontier_id is not None:
            self.finish_request(frontier_id)

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0 or self.peers_busy()

    def peers_busy(self) -> bool:
        """Whether another live worker is busy; dead workers' requests go back to the queue."""
        self.recover_dead_workers()
        if len(self.queue) > 0:
            return True
        for worker in self.peers():
            if self.server.get(f"{self.workers_key}:{worker}") == b"busy":
                return True
        return False

    def peers(self) -> list[str]:
        members = self.server.smembers(self.workers_key)
        return [name for name in (to_unicode(m) for m in members) if name != self.worker]

    def recover_dead_workers(self) -> None:
        for worker in self.peers():
            if self.server.exists(f"{self.workers_key}:{worker}"):
                continue
            in_flight = self.in_flight_key_of(worker)
            pipe = self.server.pipeline(transaction=True)
            pipe.zcard(in_flight)
            pipe.zunionstore(self.queue.key, [self.queue.key, in_flight], aggregate="MIN")
            pipe.delete(in_flight)
            pipe.srem(self.workers_key, worker)
            recovered = pipe.execute()[0]
            if recovered:
                logger.warning(
                    "Frontier worker %s stopped without finishing: its %d requests in flight"
                    " are queued again",
                    worker,
                    recovered,
                )
                if self.stats:
                    self.stats.inc_value("newscrawler/frontier_recovered", recovered)

    def close(self, reason: str) -> None:
        if self.heartbeat.running:
            self.heartbeat.stop()
        self.server.delete(f"{self.workers_key}:{self.worker}")
        if reason != "finished":
            # Stopped early: what it had in flight is queued again by the next worker (resume).
            logger.info("Frontier kept for a resume: %d requests queued", len(self.queue))
            return
        # Finished: every request it took has been handled.
        if self.in_flight:
            urls = [self.queue._decode_request(data).url for data in self.in_flight.values()]
            logger.warning(
                "Frontier worker %s: %d requests ended with no result in the outbox: %s",
                self.worker,
                len(urls),
                ", ".join(urls[:5]),
            )
        self.server.delete(self.in_flight_key)
        self.server.srem(self.workers_key, self.worker)
        if self.crawl_is_over():
            logger.info("Frontier crawl finished: its queue and seen-set are cleared")
            self.flush()

    def crawl_is_over(self) -> bool:
        try:
            self.recover_dead_workers()
            return len(self.queue) == 0 and not self.server.scard(self.workers_key)
        except redis.RedisError:
            return False
