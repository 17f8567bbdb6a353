"""Redirect hosts: a host the site itself redirects to becomes an allowed host of the crawl."""

from __future__ import annotations

import logging
from typing import Self
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectHostsMiddleware:
    """Old SANA addresses (`sana.sy/en/?p=N`) redirect to the archive host; mirrors and
    snapshots redirect to hosts of their own. Allowed hosts follow the start URLs (DESIGN §3),
    and a redirect answered by an allowed host extends them, so the offsite filter lets the
    redirected request through instead of dropping the article silently.

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
        location = location_header.decode("latin-1")
        target_host = urlsplit(urljoin(request.url, location)).hostname
        spider = self.crawler.spider
        allowed = getattr(spider, "allowed_domains", None)
        if target_host and allowed is not None and target_host not in allowed:
            source_host = urlsplit(request.url).hostname
            if source_host in allowed:
                logger.info("Following %s's redirect to host %s", source_host, target_host)
                allowed.append(target_host)
        return response
