"""The `sana` spider: which SANA pages to request, in what order, and when to stop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure as TwistedFailure

from newscrawler.items import NotModified, PageFailure, RawArticle
from newscrawler.pages import archive_layout, feeds, relaunch_layout
from newscrawler.pages.detect import PageKind, is_truncated, page_kind
from newscrawler.pages.listing import Listing

# Live start points: the relaunched site's feed (newest first) and the archive host's home
# listing. The README lists them; `-a start_urls=` replaces them.
LIVE_START_URLS = (
    "https://sana.sy/en/feed/",
    "https://archive.sana.sy/en/?paged=1",
)
# Aliases of the publisher's hosts that may appear in links and redirects.
LIVE_HOSTS = ("sana.sy", "www.sana.sy", "archive.sana.sy", "sana.sy.")

MODES = ("incremental", "full")

ROLE_LISTING = "listing"
ROLE_ARTICLE = "article"
ROLE_FEED = "feed"
# Scrapy fetches higher priorities first.
ARTICLE_PRIORITY = 1


def parse_bool(value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def validators(response: Response) -> dict[str, str]:
    """The response's `ETag` and `Last-Modified`, as sent, for later conditional requests."""
    found = {
        "etag": response.headers.get("ETag"),
        "last_modified": response.headers.get("Last-Modified"),
    }
    return {name: value.decode("latin-1") for name, value in found.items() if value}


class SanaSpider(scrapy.Spider):
    """Walks SANA listings, feeds and articles of both layouts; follows Check Also links.

    Arguments (`-a name=value`): `start_urls` (comma-separated listing, feed or article URLs),
    `mode` (`incremental` or `full`), `since` (`YYYY-MM-DD`), `follow_check_also` (`true`/`false`).
    """

    name = "sana"

    def __init__(
        self,
        start_urls: str | None = None,
        mode: str = "incremental",
        since: str | None = None,
        follow_check_also: str | bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self.since = date.fromisoformat(since) if since else None
        self.follow_check_also = parse_bool(follow_check_also)
        self.start_urls = (
            [url.strip() for url in start_urls.split(",") if url.strip()]
            if start_urls
            else list(LIVE_START_URLS)
        )
        self.allowed_domains = sorted(
            {urlsplit(url).hostname or "" for url in self.start_urls} - {""} | set(LIVE_HOSTS)
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield self.request(url, role=None)

    def request(self, url: str, role: str | None, **meta: Any) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            meta={"role": role, **meta},
            # Articles before listings: otherwise the walk runs ahead through the listings and
            # the scheduler holds a queued request for every article not yet fetched, so memory
            # grows with the crawl (DESIGN §5: keep it flat).
            priority=ARTICLE_PRIORITY if role == ROLE_ARTICLE else 0,
        )

    def recheck_request(
        self, url: str, archived_url: str, etag: str | None, last_modified: str | None
    ) -> scrapy.Request:
        """A conditional request for an archived article: 304 if unchanged, else the page."""
        request = self.request(
            url, ROLE_ARTICLE, recheck_of=archived_url, handle_httpstatus_list=[304]
        )
        if etag:
            request.headers["If-None-Match"] = etag
        if last_modified:
            request.headers["If-Modified-Since"] = last_modified
        return request

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        if response.status == 304:
            yield NotModified(response.meta.get("recheck_of", response.url), validators(response))
            return
        if not isinstance(response, TextResponse):
            yield self.failure(response, "parse", "not a text page")
            return
        kind = page_kind(response.url, response.selector)
        if kind is PageKind.FEED:
            yield from self.follow_feed(response)
        elif kind in (PageKind.ARCHIVE_LISTING, PageKind.RELAUNCH_LISTING):
            yield from self.follow_listing(response, kind)
        elif kind in (PageKind.ARCHIVE_ARTICLE, PageKind.RELAUNCH_ARTICLE):
            yield from self.read_article(response, kind)
        else:
            yield self.failure(response, "parse", "unrecognized page layout")

    def follow_feed(self, response: TextResponse) -> Iterator[scrapy.Request]:
        for url in feeds.parse_feed(response.url, response.text):
            yield self.request(url, ROLE_ARTICLE, listing_url=response.url)

    def follow_listing(self, response: TextResponse, kind: PageKind) -> Iterator[scrapy.Request]:
        parser = archive_layout if kind is PageKind.ARCHIVE_LISTING else relaunch_layout
        listing: Listing = parser.parse_listing(response.url, response.selector)
        self.logger.info(
            "Listing %s: page %s of %s, %d articles",
            response.url,
            listing.current_page,
            listing.total_pages or "?",
            len(listing.article_urls),
        )
        self.count_listing_page(listing)
        dates = listing.article_dates or [None] * len(listing.article_urls)
        for url, listed_date in zip(listing.article_urls, dates, strict=False):
            if self.before_since(listed_date):
                continue
            yield self.request(url, ROLE_ARTICLE, listing_url=response.url)
        if self.listing_ends_before_since(dates):
            return
        for url in self.next_listing_pages(listing):
            yield self.request(url, ROLE_LISTING, listing_url=response.url)

    def count_listing_page(self, listing: Listing) -> None:
        # For the progress log: pages walked, and the largest "Page 1 of N" any listing printed.
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawler/listing_pages")
        if listing.total_pages:
            self.crawler.stats.max_value("newscrawler/listing_total_pages", listing.total_pages)

    def next_listing_pages(self, listing: Listing) -> Iterable[str]:
        # A full walk queues every page it sees (the dupefilter drops repeats), so one slow
        # page does not hold up the rest; incremental runs go page by page so they can stop.
        if self.mode == "full":
            return [*listing.page_urls, *([listing.next_url] if listing.next_url else [])]
        return [listing.next_url] if listing.next_url else []

    def before_since(self, listed_date: str | None) -> bool:
        if self.since is None or not listed_date:
            return False
        try:
            return date.fromisoformat(listed_date[:10]) < self.since
        except ValueError:
            return False

    def listing_ends_before_since(self, dates: list[str | None]) -> bool:
        known = [d for d in dates if d]
        return bool(known) and all(self.before_since(d) for d in known)

    def read_article(self, response: TextResponse, kind: PageKind) -> Iterator[Any]:
        parser = archive_layout if kind is PageKind.ARCHIVE_ARTICLE else relaunch_layout
        raw: RawArticle = parser.parse_article(response.url, response.selector)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawler/article_pages")
        raw.fetched_urls = [*response.meta.get("redirect_urls", []), response.url]
        raw.source = response.body
        raw.capture = response.meta.get("warc")
        raw.validators = validators(response)
        raw.truncated = is_truncated(response.text)
        yield raw
        for link in raw.links:
            if link.kind == "check_also" and not self.follow_check_also:
                continue
            yield self.request(link.url, ROLE_ARTICLE, linked_from=response.url)

    def on_error(self, failure: TwistedFailure) -> Iterator[PageFailure]:
        request = failure.request  # type: ignore[attr-defined]
        response = getattr(failure.value, "response", None)
        reason = (
            f"HTTP {response.status}"
            if response is not None
            else f"{type(failure.value).__name__}: {failure.getErrorMessage()}"
        )
        self.logger.error("Download failed for %s: %s", request.url, reason)
        yield PageFailure(
            url=request.url,
            stage="download",
            reason=reason,
            source=response.body if response is not None else b"",
            status=response.status if response is not None else None,
        )

    def failure(self, response: Response, stage: str, reason: str) -> PageFailure:
        self.logger.error("%s failed for %s: %s", stage.capitalize(), response.url, reason)
        return PageFailure(url=response.url, stage=stage, reason=reason, source=response.body)
