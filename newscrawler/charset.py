"""Charset repair: trust the page's own `<meta charset>` when the HTTP header contradicts it."""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import StatsCollector
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, resolve_encoding

logger = logging.getLogger(__name__)


def page_encoding(content_type: str, body: bytes) -> str | None:
    """The page's own declared charset when it should win over the header's, else None.

    It wins when the two disagree and the bytes are valid in the page's declaration; the crawl
    (this middleware) and `reparse` (over WARC captures) both decide by this one rule.
    """
    header = http_content_type_encoding(content_type)
    declared = html_body_declared_encoding(body)
    if not header or not declared:
        return None
    header, declared = resolve_encoding(header), resolve_encoding(declared)
    if header is None or declared is None or header == declared:
        return None
    return declared if decodes_cleanly(body, declared) else None


def decodes_cleanly(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


class CharsetRepairMiddleware:
    """A server that labels UTF-8 pages `iso-8859-1` in its header garbles every non-ASCII
    character (`–` becomes `â€“`) without any error. When the header and the page's own
    declaration disagree and the bytes are valid in the page's declaration, the page wins and
    a warning names the URL; otherwise the response passes unchanged and later stages decide.
    """

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        encoding = page_encoding(content_type, response.body)
        if encoding is None:
            return response
        logger.warning(
            "Charset mismatch for %s: header says %r, page says %s; reading it as %s",
            response.url,
            content_type,
            encoding,
            encoding,
        )
        self.stats.inc_value("newscrawler/charset_repaired")
        return response.replace(encoding=encoding)
