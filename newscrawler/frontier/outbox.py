"""A frontier worker's results: pushed to Redis for the one archive writer, never to SQLite."""

from __future__ import annotations

import base64
import json
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Self

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response

from newscrawler.commands import require_recording
from newscrawler.frontier import OUTBOX_KEY
from newscrawler.frontier.scheduler import FRONTIER_ID, request_done
from newscrawler.health import CoverageCounter
from newscrawler.items import Article, NotModified, PageFailure
from newscrawler.pipelines import run_arguments, run_counts

logger = logging.getLogger(__name__)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FrontierDone:
    """Marker after the last result of a response: its request has been fully handled."""

    frontier_id: str


class DoneMarkerMiddleware:
    """Spider middleware: follows each response's output with its request's `FrontierDone`.

    Outermost, so the marker comes after every result of every other middleware; items are
    handled in order by synchronous pipelines, so when the marker reaches the outbox pipeline
    the response's articles and failures are in Redis, and its new requests in the queue.
    """

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            yield output
        frontier_id = response.meta.get(FRONTIER_ID)
        if frontier_id is not None:
            yield FrontierDone(frontier_id)


def encode_bytes(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def message(kind: str, run: str, **fields: Any) -> str:
    return json.dumps({"type": kind, "run": run, "time": utc_now(), **fields}, ensure_ascii=False)


class OutboxPipeline:
    """In place of `ArchivePipeline` on a frontier worker: articles, failures, 304s and the
    run's counters go to the Redis list `newscrawler:outbox`, in order; the archive writer
    (`python -m newscrawler archive-writer`) turns them into archive rows.
    """

    def __init__(self, crawler: Crawler, server: redis.Redis) -> None:
        self.crawler = crawler
        self.server = server
        # This worker's run; the writer opens one `crawl_runs` row for it.
        self.run = uuid.uuid4().hex
        self.coverage = CoverageCounter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        server = redis.Redis.from_url(crawler.settings.get("NEWSCRAWLER_FRONTIER"))
        pipeline = cls(crawler, server)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.push(message("run_start", self.run, spider=spider.name, args=run_arguments(spider)))
        logger.info("Results go to the archive writer through %s (run %s)", OUTBOX_KEY, self.run)

    def process_item(self, item: Any) -> Any:
        stats = self.crawler.stats
        assert stats is not None
        if isinstance(item, FrontierDone):
            self.crawler.signals.send_catch_log(request_done, frontier_id=item.frontier_id)
            raise DropItem("request handled", log_level="DEBUG")
        if isinstance(item, PageFailure):
            self.push(
                message(
                    "failure",
                    self.run,
                    url=item.url,
                    stage=item.stage,
                    reason=item.reason,
                    status=item.status,
                    source=encode_bytes(item.source),
                )
            )
            stats.inc_value("newscrawler/failures")
            raise DropItem(f"{item.stage} failure for {item.url}: {item.reason}", log_level="DEBUG")
        if isinstance(item, NotModified):
            self.push(message("not_modified", self.run, url=item.url, validators=item.validators))
            raise DropItem(f"not modified: {item.url}", log_level="DEBUG")
        if isinstance(item, Article):
            self.push(message("article", self.run, article=item.to_dict()))
            stats.inc_value("newscrawler/articles_sent")
            self.coverage.add(item)
        return item

    def push(self, entry: str) -> None:
        self.server.rpush(OUTBOX_KEY, entry)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        counts: dict[str, Any] = run_counts(stats.get_stats())
        counts["field_coverage"] = self.coverage.coverage()
        counts["stop_reasons"] = stats.get_value("newscrawler/stop_reasons") or {}
        self.push(message("run_finish", self.run, reason=reason, counts=counts))
