"""Thin Scrapy adapters: normalize what the spider read, then keep it in the archive."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawler.archive.store import Archive
from newscrawler.backoff import ARTICLE_PAGE_STAGES, GONE_STATUSES, is_permanent, schedule_from
from newscrawler.commands import require_recording
from newscrawler.health import CoverageCounter, HealthPolicy, RunOutcome, health_problems
from newscrawler.items import Article, NotModified, PageFailure, RawArticle
from newscrawler.normalize.article import normalize_in_edition
from newscrawler.normalize.staff import ROSTER

logger = logging.getLogger(__name__)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class NormalizePipeline:
    """RawArticle → Article, read with its edition's profile (the page's URL path says which);
    an article missing its title or body becomes a PageFailure."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawArticle):
            return item
        article = normalize_in_edition(item)
        if article.complete:
            for problem in article.problems:
                logger.warning("Article %s: %s", item.url, problem)
            return article
        reason = "; ".join(article.problems) or "incomplete article"
        logger.error("Article %s is incomplete and was not archived: %s", item.url, reason)
        return PageFailure(url=item.url, stage="normalize", reason=reason, source=item.source)


class ArchivePipeline:
    """Saves articles and failures to the SQLite archive and keeps the `crawl_runs` row."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_PATH")
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE", 50)
        self.failure_raw_max = crawler.settings.getint("ARCHIVE_FAILURE_RAW_MAX", 2 * 1024 * 1024)
        self.archive: Archive | None = None
        self.run_id: int | None = None
        self.coverage = CoverageCounter()
        self.health_policy = HealthPolicy(
            coverage_drop=crawler.settings.getfloat("HEALTH_COVERAGE_DROP", 0.5),
            min_articles=crawler.settings.getint("HEALTH_MIN_ARTICLES", 20),
        )
        self.health_recent_runs = crawler.settings.getint("HEALTH_RECENT_RUNS", 5)
        self.backoff = schedule_from(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.archive = Archive(
            self.path, batch_size=self.batch_size, failure_raw_max=self.failure_raw_max
        )
        self.archive.sync_staff(ROSTER)
        self.run_id = self.archive.start_run(spider.name, run_arguments(spider), utc_now())
        logger.info("Archiving into %s (run %s)", self.path, self.run_id)
        # The incremental middleware looks up the runs before this one to resume a walk.
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("newscrawler/run_id", self.run_id)

    def process_item(self, item: Any) -> Any:
        assert self.archive is not None
        stats = self.crawler.stats
        assert stats is not None
        if isinstance(item, PageFailure):
            if not self.record_removal(item):
                self.record_failure(item)
            raise DropItem(f"{item.stage} failure for {item.url}: {item.reason}", log_level="DEBUG")
        if isinstance(item, NotModified):
            # A 304 is a re-check that found the article unchanged, and is counted as such.
            if self.archive.mark_checked(item.url, item.validators, utc_now()):
                stats.inc_value("newscrawler/articles_unchanged")
                stats.inc_value("newscrawler/not_modified")
                self.restore(item.url)
            raise DropItem(f"not modified: {item.url}", log_level="DEBUG")
        if isinstance(item, Article):
            outcome = self.archive.save_article(item.to_dict(), item.fetched_urls, utc_now())
            stats.inc_value(f"newscrawler/articles_{outcome}")
            self.coverage.add(item)
            self.restore(item.url)
        return item

    def record_failure(self, item: PageFailure) -> None:
        assert self.archive is not None and self.crawler.stats is not None
        now = utc_now()
        archive, url = self.archive, item.url
        archive.record_failure(self.run_id, url, item.stage, item.reason, item.source, now)
        self.crawler.stats.inc_value("newscrawler/failures")
        # The stage that failed has already logged an error naming the URL and the cause.
        if not is_permanent(item):
            return
        before = archive.note_bad_page(url, item.stage, item.reason, now, self.backoff)
        if before and item.stage in ARTICLE_PAGE_STAGES:
            # Still bad, as it was before: nothing changed, so no count against the run's yield.
            self.crawler.stats.inc_value("newscrawler/known_bad_article_pages")

    def record_removal(self, item: PageFailure) -> bool:
        """A 404/410 for an archived article is a takedown, not a failure: True if it was one."""
        if item.stage != "download" or item.status not in GONE_STATUSES:
            return False
        assert self.archive is not None and self.crawler.stats is not None
        url = self.archive.record_removal(item.url, item.status, utc_now())
        if url is None:
            return False
        logger.warning("Article %s is gone (HTTP %s): recorded as removed", url, item.status)
        self.crawler.stats.inc_value("newscrawler/articles_removed")
        return True

    def restore(self, url: str) -> None:
        assert self.archive is not None
        if self.archive.restore(url, utc_now()):
            logger.warning("Article %s is back on the site: its removal is closed", url)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None or self.run_id is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        counts: dict[str, Any] = run_counts(stats.get_stats())
        counts["field_coverage"] = self.coverage.coverage()
        # Why listing walks stopped and which ceilings were hit (spiders/sana.py STOP_REASONS).
        counts["stop_reasons"] = stats.get_value("newscrawler/stop_reasons") or {}
        self.archive.finish_run(self.run_id, reason, counts, utc_now())
        self.judge_health(self.archive, spider.name, reason, counts)
        self.archive.close()
        self.archive = None

    def judge_health(
        self, archive: Archive, spider_name: str, reason: str, counts: dict[str, Any]
    ) -> None:
        assert self.run_id is not None
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        archived = sum(counts[f"articles_{kind}"] for kind in ("new", "changed", "unchanged"))
        # Known-bad pages retried and failing as before are no news (newscrawler/backoff.py).
        known_bad = stats.get("newscrawler/known_bad_article_pages", 0)
        outcome = RunOutcome(
            reason,
            counts["article_pages"] - known_bad,
            archived,
            counts["field_coverage"],
            *site_traffic(stats),
        )
        recent = archive.runs.recent_healthy_coverage(
            spider_name, self.run_id, self.health_recent_runs
        )
        problems = health_problems(outcome, recent, self.health_policy)
        new = counts["articles_new"]
        archive.runs.record_health(
            self.run_id, problems, round(counts["requests"] / new, 2) if new else None
        )
        for problem in problems:
            logger.error("Unhealthy run %s: %s", self.run_id, problem)


def run_arguments(spider: Spider) -> dict[str, Any]:
    return {
        "start_urls": list(getattr(spider, "start_urls", [])),
        "mode": getattr(spider, "mode", None),
        "since": str(getattr(spider, "since", None) or "") or None,
        "follow_check_also": getattr(spider, "follow_check_also", None),
        "editions": [profile.edition for profile in getattr(spider, "editions", [])],
        "discovery": getattr(spider, "discovery", None),
    }


def site_traffic(stats: dict[str, Any]) -> tuple[int, int]:
    """Requests to the site and responses with a page (2xx) or a 304, robots.txt left out."""
    prefix = "downloader/response_status_count/"
    answered = sum(
        count
        for key, count in stats.items()
        if key.startswith(prefix) and (key[len(prefix) :].startswith("2") or key.endswith("/304"))
    )
    robots_requests = stats.get("robotstxt/request_count", 0)
    robots_answered = stats.get("robotstxt/response_status_count/200", 0)
    return (
        stats.get("downloader/request_count", 0) - robots_requests,
        answered - robots_answered,
    )


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    return {
        "requests": stats.get("downloader/request_count", 0),
        "pages_fetched": stats.get("response_received_count", 0),
        "article_pages": stats.get("newscrawler/article_pages", 0),
        "articles_new": stats.get("newscrawler/articles_new", 0),
        "articles_changed": stats.get("newscrawler/articles_changed", 0),
        "articles_unchanged": stats.get("newscrawler/articles_unchanged", 0),
        "failures": stats.get("newscrawler/failures", 0),
    }
