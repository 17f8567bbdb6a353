"""The `sana` spider: which SANA pages to request, in what order, and when to stop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from datetime import date
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from twisted.python.failure import Failure as TwistedFailure

from newscrawler.items import NotModified, PageFailure, RawArticle
from newscrawler.pages import archive_layout, feeds, relaunch_layout
from newscrawler.pages import sitemaps as sitemap_pages
from newscrawler.pages.detect import PageKind, is_truncated, page_kind, without_next_post
from newscrawler.pages.feeds import FEED_UNUSABLE, FEED_WELL_FORMED, Feed
from newscrawler.pages.listing import Listing
from newscrawler.pages.markup import page_selector
from newscrawler.redirects import url_is_trusted
from newscrawler.sites import Profile, profile_for_url, profiles, select_editions

DEFAULT_EDITION = "en"
# The default edition's live start points (its profile's `start_urls`: the relaunched site's
# feed, newest first, and the archive host's home listing) and the aliases of the publisher's
# hosts that may appear in links and redirects. Other editions' are in their profiles.
LIVE_START_URLS = profiles()[DEFAULT_EDITION].start_urls
LIVE_HOSTS = profiles()[DEFAULT_EDITION].hosts

MODES = ("incremental", "full")
# Where new articles are found: listings and feeds (as always), sitemaps, or both.
DISCOVERIES = ("listings", "sitemaps", "both")

ROLE_LISTING = "listing"
ROLE_ARTICLE = "article"
ROLE_FEED = "feed"
ROLE_ROBOTS = "robots"
ROLE_SITEMAP = "sitemap"
# Scrapy fetches higher priorities first.
ARTICLE_PRIORITY = 1

# Why a listing walk ended before its next page (or a ceiling was hit), as kept in
# `crawl_runs.stop_reasons`.
STOP_REASONS = {
    "past_last_page": "its 'Page N of M' says it is the last page",
    "nothing_new": "every article on it was listed earlier in this run",
    "empty_page": "it lists no articles",
    "listing_page_ceiling": "the run reached NEWSCRAWLER_MAX_LISTING_PAGES listing pages",
    "links_capped": "more article links than NEWSCRAWLER_MAX_LINKS_PER_PAGE",
    "feed_recovered": "its feed is not well-formed XML and was read leniently",
    "feed_unusable": "its feed could not be read at all: the edition's listings are walked",
}


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
    """The response's `ETag` and `Last-Modified`, as sent, for later conditional requests, and
    the sitemap `<lastmod>` that led to it (`sitemap_lastmod`), to tell when it moves."""
    found = {
        "etag": response.headers.get("ETag"),
        "last_modified": response.headers.get("Last-Modified"),
    }
    values = {name: value.decode("latin-1") for name, value in found.items() if value}
    if lastmod := response.meta.get("sitemap_lastmod"):
        values["sitemap_lastmod"] = lastmod
    return values


class SanaSpider(scrapy.Spider):
    """Walks SANA listings, feeds and articles of both layouts; follows Check Also links.

    Arguments (`-a name=value`): `edition` or `editions` (`ar`, `en,ar`, `all`: whose live
    start points and hosts; English by default), `start_urls` (comma-separated listing, feed or
    article URLs, of any edition: each page's edition is its URL path's), `mode` (`incremental`
    or `full`), `since` (`YYYY-MM-DD`), `follow_check_also` (`true`/`false`), `discovery`
    (`listings`, `sitemaps` or `both`: the start hosts' robots.txt sitemaps).
    """

    name = "sana"

    def __init__(
        self,
        start_urls: str | None = None,
        mode: str = "incremental",
        since: str | None = None,
        follow_check_also: str | bool = True,
        edition: str | None = None,
        editions: str | None = None,
        discovery: str = "listings",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if edition and editions:
            raise ValueError("give either edition or editions, not both")
        self.editions: list[Profile] = select_editions(editions or edition or DEFAULT_EDITION)
        if discovery not in DISCOVERIES:
            choices = ", ".join(DISCOVERIES)
            raise ValueError(f"discovery must be one of {choices}, not {discovery!r}")
        self.discovery = discovery
        self.mode = mode
        self.since = date.fromisoformat(since) if since else None
        self.follow_check_also = parse_bool(follow_check_also)
        self.start_urls = (
            [url.strip() for url in start_urls.split(",") if url.strip()]
            if start_urls
            else list(dict.fromkeys(url for p in self.editions for url in p.start_urls))
        )
        live_hosts = {host for profile in self.editions for host in profile.hosts}
        self.allowed_domains = sorted(
            {urlsplit(url).hostname or "" for url in self.start_urls} - {""} | live_hosts
        )
        # Article links listed on this run's listing and feed pages, for `adds_nothing_new`;
        # at most NEWSCRAWLER_MAX_LISTING_PAGES × NEWSCRAWLER_MAX_LINKS_PER_PAGE of them.
        self.listed: set[str] = set()
        self.max_links_per_page = 0
        self.max_listing_pages = 0
        self.max_sitemap_urls = 0
        self.max_sitemap_size = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        # Mirrors trusted like the publisher's own hosts (DESIGN §3: "Allowed hosts follow").
        extra = [host.strip().lower() for host in settings.getlist("NEWSCRAWLER_TRUSTED_HOSTS")]
        spider.allowed_domains = sorted(set(spider.allowed_domains) | set(filter(None, extra)))
        spider.max_links_per_page = settings.getint("NEWSCRAWLER_MAX_LINKS_PER_PAGE")
        spider.max_listing_pages = settings.getint("NEWSCRAWLER_MAX_LISTING_PAGES")
        spider.max_sitemap_urls = settings.getint("NEWSCRAWLER_MAX_SITEMAP_URLS")
        spider.max_sitemap_size = settings.getint("DOWNLOAD_MAXSIZE")
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            is_sitemap = sitemap_pages.is_sitemap_url(url)
            if self.discovery == "listings" or (self.discovery == "both" and not is_sitemap):
                yield self.request(url, role=None)
        for request in self.sitemap_start_requests():
            yield request

    def request(self, url: str, role: str | None, **meta: Any) -> scrapy.Request:
        # Foxiz's `?rbsnp=1` / `rbsnp/` addresses repeat a post in a bare fragment: ask for
        # the post itself, so the fragment is never fetched and never becomes a second row.
        return scrapy.Request(
            without_next_post(url),
            callback=self.parse,
            errback=self.on_error,
            meta={"role": role, **meta},
            # Articles before listings: otherwise the walk runs ahead through the listings and
            # the scheduler holds a queued request for every article not yet fetched, so memory
            # grows with the crawl (DESIGN §5: keep it flat).
            priority=ARTICLE_PRIORITY if role == ROLE_ARTICLE else 0,
        )

    def recheck_request(
        self,
        url: str,
        archived_url: str,
        etag: str | None,
        last_modified: str | None,
        **meta: Any,
    ) -> scrapy.Request:
        """A conditional request for an archived article: 304 if unchanged, else the page."""
        request = self.request(
            url, ROLE_ARTICLE, recheck_of=archived_url, handle_httpstatus_list=[304], **meta
        )
        if etag:
            request.headers["If-None-Match"] = etag
        if last_modified:
            request.headers["If-Modified-Since"] = last_modified
        return request

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        # A response built without a request (a saved page) is no robots.txt or sitemap.
        role = response.request.meta.get("role") if response.request is not None else None
        if role == ROLE_ROBOTS:
            yield from self.follow_robots(response)
            return
        if role == ROLE_SITEMAP:
            yield from self.follow_sitemap(response)
            return
        if response.status == 304:
            yield NotModified(response.meta.get("recheck_of", response.url), validators(response))
            return
        if not isinstance(response, TextResponse):
            yield self.failure(response, "parse", "not a text page")
            return
        selector = response_selector(response)
        kind = page_kind(response.url, selector)
        if kind is PageKind.FEED:
            yield from self.follow_feed(response)
        elif kind in (PageKind.ARCHIVE_LISTING, PageKind.RELAUNCH_LISTING):
            yield from self.follow_listing(response, kind, selector)
        elif kind in (PageKind.ARCHIVE_ARTICLE, PageKind.RELAUNCH_ARTICLE):
            yield from self.read_article(response, kind, selector)
        elif kind is PageKind.RELAUNCH_NEXT_POST:
            yield from self.follow_next_post(response, selector)
        else:
            yield self.failure(response, "parse", "unrecognized page layout")

    def follow_feed(self, response: TextResponse) -> Iterator[Any]:
        # The bytes as sent: the XML declaration names their encoding.
        feed = feeds.read_feed(response.url, response.body)
        if feed.reading != FEED_WELL_FORMED:
            yield from self.report_broken_feed(response, feed)
        urls = yield from self.capped_links(response, feed.urls)
        for url in urls:
            yield from self.follow_article(url, listing_url=response.url)

    def report_broken_feed(self, response: TextResponse, feed: Feed) -> Iterator[Any]:
        """A feed read leniently is noted; one unreadable is a failure (with its bytes), and
        the walk goes on from the edition's listings (its profile's `feed_fallback`)."""
        if feed.reading != FEED_UNUSABLE:
            self.note_stop("feed_recovered", response.url)
            self.logger.warning(
                "Feed %s is not well-formed XML (%s): read leniently, %d articles",
                response.url,
                feed.problem,
                len(feed.urls),
            )
            return
        self.note_stop("feed_unusable", response.url)
        paths = profile_for_url(response.url).feed_fallback
        fallback = [urljoin(response.url, path) for path in paths]
        yield self.failure(
            response,
            "parse",
            f"unreadable feed ({feed.problem}): walking {', '.join(fallback)} instead",
        )
        for url in fallback:
            yield self.request(url, ROLE_LISTING, listing_url=response.url)

    def sitemap_start_requests(self) -> Iterator[scrapy.Request]:
        """With sitemap discovery: each start host's robots.txt, and start URLs that are
        sitemaps themselves."""
        if self.discovery == "listings":
            return
        hosts = [url for url in self.start_urls if not sitemap_pages.is_sitemap_url(url)]
        robots = dict.fromkeys(sitemap_pages.robots_url(url) for url in hosts)
        for url in robots:
            yield self.request(url, ROLE_ROBOTS)
        for url in self.start_urls:
            if sitemap_pages.is_sitemap_url(url):
                yield self.request(url, ROLE_SITEMAP)

    def follow_robots(self, response: Response) -> Iterator[Any]:
        urls = sitemap_pages.sitemaps_in_robots(response.url, response.body)
        self.logger.info("robots.txt %s names %d sitemaps", response.url, len(urls))
        for url in urls:
            yield from self.follow_trusted(url, ROLE_SITEMAP)

    def follow_sitemap(self, response: Response) -> Iterator[Any]:
        """A sitemap index's sitemaps, or a sitemap's articles, each with its `<lastmod>`.

        An index listed in an index is refused (the protocol has none), so a hostile chain of
        indexes ends at the second; a damaged sitemap is recorded and what it lists followed.
        """
        is_xml = isinstance(response, XmlResponse)
        try:
            page = sitemap_pages.read_sitemap(
                response.url, response.body, is_xml, self.max_sitemap_size
            )
        except sitemap_pages.BadSitemap as error:
            yield self.failure(response, "parse", f"sitemap {error}")
            return
        if page.damaged:
            yield self.failure(response, "parse", "sitemap is broken XML: followed what it lists")
        if page.is_index and response.meta.get("from_index"):
            yield self.failure(response, "parse", "sitemap index inside a sitemap index")
            return
        entries = page.entries
        cap = self.max_sitemap_urls
        if cap and len(entries) > cap:
            reason = f"{len(entries)} entries, more than NEWSCRAWLER_MAX_SITEMAP_URLS={cap}"
            yield self.failure(response, "parse", f"sitemap has {reason}: the first {cap} followed")
            entries = entries[:cap]
        self.logger.info(
            "Sitemap %s: %d %s", response.url, len(entries), "sitemaps" if page.is_index else "URLs"
        )
        for entry in entries:
            if page.is_index:
                yield from self.follow_trusted(entry.loc, ROLE_SITEMAP, from_index=True)
            elif not self.before_since(entry.lastmod or entry.published):
                yield from self.follow_article(
                    entry.loc, listing_url=response.url, sitemap_lastmod=entry.lastmod
                )

    def follow_listing(
        self, response: TextResponse, kind: PageKind, selector: Selector
    ) -> Iterator[Any]:
        parser = archive_layout if kind is PageKind.ARCHIVE_LISTING else relaunch_layout
        listing: Listing = parser.parse_listing(response.url, selector)
        self.logger.info(
            "Listing %s: page %s of %s, %d articles",
            response.url,
            listing.current_page,
            listing.total_pages or "?",
            len(listing.article_urls),
        )
        self.count_listing_page(listing)
        urls = yield from self.capped_links(response, listing.article_urls)
        dates = (listing.article_dates or [None] * len(listing.article_urls))[: len(urls)]
        nothing_new = self.adds_nothing_new(urls)
        for url, listed_date in zip(urls, dates, strict=False):
            if self.before_since(listed_date):
                continue
            yield from self.follow_article(url, listing_url=response.url)
        if self.listing_ends_before_since(dates) or self.walk_ends(response, listing, nothing_new):
            return
        for url in self.next_listing_pages(listing):
            yield self.request(url, ROLE_LISTING, listing_url=response.url)

    def follow_next_post(self, response: TextResponse, selector: Selector) -> Iterator[Any]:
        """A next-post fragment reached anyway (a redirect, say): not archived; its post is."""
        page = relaunch_layout.parse_next_post(response.url, selector)
        if page.canonical_url is None:
            yield self.failure(response, "parse", "next-post fragment names no article")
            return
        self.logger.info(
            "Next-post fragment %s is not archived; requesting its article %s",
            response.url,
            page.canonical_url,
        )
        yield self.request(page.canonical_url, ROLE_ARTICLE, linked_from=response.url)

    def capped_links(
        self, response: TextResponse, urls: list[str]
    ) -> Generator[PageFailure, None, list[str]]:
        """The first NEWSCRAWLER_MAX_LINKS_PER_PAGE of `urls`; past the cap, a recorded failure.

        Bounds the requests (and memory) one hostile or broken listing or feed page can cause.
        """
        cap = self.max_links_per_page
        if not cap or len(urls) <= cap:
            return urls
        reason = (
            f"{len(urls)} article links, more than NEWSCRAWLER_MAX_LINKS_PER_PAGE={cap}: "
            f"only the first {cap} followed"
        )
        self.note_stop("links_capped", response.url)
        self.logger.warning("Listing %s: %s", response.url, reason)
        yield PageFailure(url=response.url, stage="parse", reason=reason, source=response.body)
        return urls[:cap]

    def adds_nothing_new(self, urls: list[str]) -> bool:
        """Whether every one of `urls` was listed on an earlier listing page of this run.

        Articles reached otherwise (Check Also) do not count: the walk must still list them.
        """
        nothing_new = self.listed.issuperset(urls)
        self.listed.update(urls)
        return nothing_new

    def walk_ends(self, response: TextResponse, listing: Listing, nothing_new: bool) -> bool:
        """Whether the walk stops before this listing page's next pages; notes why."""
        reason = self.walk_end_reason(listing, nothing_new)
        if reason is None:
            return False
        self.note_stop(reason, response.url)
        log = self.logger.warning if reason == "listing_page_ceiling" else self.logger.info
        log("Listing walk ends at %s: %s", response.url, STOP_REASONS[reason])
        return True

    def walk_end_reason(self, listing: Listing, nothing_new: bool) -> str | None:
        if listing.total_pages and listing.next_url and listing.current_page >= listing.total_pages:
            return "past_last_page"
        if nothing_new:
            return "nothing_new" if listing.article_urls else "empty_page"
        if self.max_listing_pages and self.listing_pages() >= self.max_listing_pages:
            return "listing_page_ceiling"
        return None

    def listing_pages(self) -> int:
        assert self.crawler.stats is not None
        return int(self.crawler.stats.get_value("newscrawler/listing_pages", 0))

    def note_stop(self, reason: str, url: str) -> None:
        """Count a walk's stop or a ceiling hit for `crawl_runs.stop_reasons`."""
        assert self.crawler.stats is not None
        stops = self.crawler.stats.get_value("newscrawler/stop_reasons") or {}
        entry = stops.setdefault(reason, {"count": 0, "first_url": url})
        entry["count"] += 1
        self.crawler.stats.set_value("newscrawler/stop_reasons", stops)

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

    def read_article(
        self, response: TextResponse, kind: PageKind, selector: Selector
    ) -> Iterator[Any]:
        if not url_is_trusted(response.url, self.allowed_domains):
            # Its post id would claim (and overwrite) the publisher's article of that id.
            yield self.failure(response, "download", "served by a host that is not trusted")
            return
        parser = archive_layout if kind is PageKind.ARCHIVE_ARTICLE else relaunch_layout
        raw: RawArticle = parser.parse_article(response.url, selector)
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
            yield from self.follow_article(link.url, linked_from=response.url)

    def follow_article(self, url: str, **meta: Any) -> Iterator[scrapy.Request | PageFailure]:
        yield from self.follow_trusted(url, ROLE_ARTICLE, **meta)

    def follow_trusted(
        self, url: str, role: str, **meta: Any
    ) -> Iterator[scrapy.Request | PageFailure]:
        """A request on a trusted host; elsewhere, a recorded failure instead.

        Scrapy's offsite filter would drop such a request without a trace.
        """
        if url_is_trusted(url, self.allowed_domains):
            yield self.request(url, role, **meta)
            return
        reason = f"not followed: host {urlsplit(url).hostname!r} is not one of the publisher's"
        self.logger.warning("%s link %s %s", role.capitalize(), url, reason)
        yield PageFailure(url=url, stage="download", reason=reason, source=b"")

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


def response_selector(response: TextResponse) -> Selector:
    """The page's tree as the parsers read it (`page_selector`); Scrapy's own when not UTF-8."""
    return page_selector(
        response.body, response.encoding, _selector_type(response), lambda: response.selector
    )


def _selector_type(response: TextResponse) -> str | None:
    """The tree Scrapy's `response.selector` builds: XML, HTML, or parsel's guess."""
    if isinstance(response, XmlResponse):
        return "xml"
    return "html" if isinstance(response, HtmlResponse) else None
