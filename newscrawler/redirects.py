"""Trusted redirects: a redirect is followed only to the publisher's hosts, and never in a loop."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Self
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import canonicalize_url

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class UntrustedRedirect(IgnoreRequest):
    """A redirect to a host that is not one of the publisher's: not followed."""


class RedirectLoop(IgnoreRequest):
    """A redirect back to an address already in the request's redirect chain."""


def host_is_trusted(host: str | None, trusted: Iterable[str]) -> bool:
    """Whether `host` is one of `trusted` or a subdomain of one (as Scrapy's offsite filter)."""
    if not host:
        return False
    name = host.lower()
    return any(name == domain or name.endswith("." + domain) for domain in trusted if domain)


def url_is_trusted(url: str, trusted: Iterable[str]) -> bool:
    return host_is_trusted(urlsplit(url).hostname, trusted)


class TrustedRedirectMiddleware:
    """Stops a redirect before Scrapy's RedirectMiddleware follows it when its target is on a
    host the spider does not trust (`allowed_domains`: the publisher's live hosts, the start
    URLs' hosts, NEWSCRAWLER_TRUSTED_HOSTS), or is an address the chain has already visited.

    Either raises an `IgnoreRequest` subclass naming the target, so the request's errback
    records a `download` failure; the offsite filter and the dupefilter would drop the
    redirected request silently instead. Old SANA addresses (`sana.sy/en/?p=N`) redirecting
    to `archive.sana.sy` stay within the trusted hosts.

    Runs before Scrapy's RedirectMiddleware (a higher order number sees the response first).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location_header = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location_header:
            return response
        target = urljoin(request.url, location_header.decode("latin-1"))
        trusted = getattr(self.crawler.spider, "allowed_domains", None) or []
        if not url_is_trusted(target, trusted):
            raise UntrustedRedirect(
                f"HTTP {response.status} redirect to untrusted host "
                f"{urlsplit(target).hostname!r}: {target}"
            )
        if self.visited(request, target):
            raise RedirectLoop(f"HTTP {response.status} redirect loop back to {target}")
        return response

    @staticmethod
    def visited(request: Request, target: str) -> bool:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        return canonicalize_url(target) in {canonicalize_url(url) for url in chain}
