"""Incremental stopping: drop listing links the archive already has, stop at a known page."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawler.archive.lookup import ArchiveLookup
from newscrawler.commands import require_recording
from newscrawler.normalize.urls import canonical_link

logger = logging.getLogger(__name__)


class IncrementalMiddleware:
    """In `incremental` mode, a listing page whose articles are all archived ends its walk.

    The archive, not memory, is the source of truth for what is already archived. A page
    stops the walk only if every article on it was archived before this run began: articles
    this run archived first through Check Also links say nothing about the pages below. A run
    that was killed or stopped leaves a gap below the pages it archived; while the spider's
    last run did not finish cleanly, the moment is when that unfinished run began (README
    "Resuming"). Archived articles
    reached from an article page (Check Also, inline links) are dropped too: updates to them
    are caught by the re-check schedule (newscrawler/recheck.py), not by every mention.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive_path = crawler.settings.get("ARCHIVE_PATH")
        self.archive: ArchiveLookup | None = None
        # Start of the oldest unfinished run since the last clean one; looked up once.
        self.resume_since: str | None = None
        self.resume_checked = False
        # Start of this run; looked up once.
        self.run_started: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self) -> None:
        # Read-only, beside the pipeline's connection: it never waits for the pipeline's batch.
        # The pipeline has created the archive (it opens before this signal).
        self.archive = ArchiveLookup(self.archive_path)

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        outputs = [output async for output in result]
        if getattr(self.crawler.spider, "mode", "full") != "incremental":
            for output in outputs:
                yield output
            return
        article_requests = [
            r
            for r in outputs
            if isinstance(r, Request)
            and r.meta.get("role") == "article"
            and r.meta.get("listing_url") == response.url
        ]
        known = self.known(article_requests)
        if known and self.resuming():
            known = self.without_unfollowed_links(known)
        listing_exhausted = bool(article_requests) and len(known) == len(article_requests)
        if listing_exhausted and self.archived_since_cutoff(known):
            listing_exhausted = False
            logger.info(
                "Going on past %s: articles on it were archived by this run%s",
                response.url,
                " or an unfinished one" if self.resuming() else "",
            )
        if listing_exhausted:
            logger.info("Incremental stop at %s: every article on it is archived", response.url)
        known += self.known(
            [
                r
                for r in outputs
                if isinstance(r, Request)
                and r.meta.get("role") == "article"
                and r.meta.get("linked_from")
            ]
        )
        for output in outputs:
            if not isinstance(output, Request):
                yield output
            elif output in known or (listing_exhausted and output.meta.get("role") == "listing"):
                continue
            else:
                yield output

    def known(self, requests: list[Request]) -> list[Request]:
        if not requests:
            return []
        assert self.archive is not None  # opened with the spider
        canonical = {canonical_link(r.url): r for r in requests}
        archived = self.archive.has_articles(canonical)
        return [request for url, request in canonical.items() if url in archived]

    def resuming(self) -> bool:
        """Whether the spider's last run did not finish cleanly (looked up once per run)."""
        assert self.archive is not None
        if not self.resume_checked:
            spider = self.crawler.spider
            assert spider is not None and self.crawler.stats is not None
            run_id = self.crawler.stats.get_value("newscrawler/run_id")
            self.resume_since = self.archive.runs.resume_since(spider.name, run_id)
            self.resume_checked = True
            if self.resume_since:
                logger.info("The walk of a run started at %s did not finish", self.resume_since)
        return self.resume_since is not None

    def without_unfollowed_links(self, known: list[Request]) -> list[Request]:
        # A killed run may have archived an article but not the Check Also / inline article it
        # links to; fetching it again lets the spider follow that link this time.
        assert self.archive is not None
        canonical = {canonical_link(request.url): request for request in known}
        unfollowed = self.archive.runs.with_unarchived_links(canonical)
        return [request for url, request in canonical.items() if url not in unfollowed]

    def archived_since_cutoff(self, known: list[Request]) -> bool:
        """Whether this run (or an unfinished one) archived any of `known`: below may be a gap."""
        assert self.archive is not None
        cutoff = self.resume_since if self.resuming() else None
        cutoff = cutoff or self.this_run_started()
        urls = {canonical_link(request.url) for request in known}
        return not urls <= self.archive.runs.archived_before(urls, cutoff)

    def this_run_started(self) -> str:
        """`crawl_runs.started` of this run, which the pipeline opened (looked up once)."""
        assert self.archive is not None and self.crawler.stats is not None
        if self.run_started is None:
            run_id = self.crawler.stats.get_value("newscrawler/run_id")
            self.run_started = self.archive.run_started(run_id) or ""
        return self.run_started
