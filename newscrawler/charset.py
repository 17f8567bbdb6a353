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


def declared_encodings(response: HtmlResponse) -> tuple[str | None, str | None]:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    header = http_content_type_encoding(content_type)
    body = html_body_declared_encoding(response.body)
    return (
        resolve_encoding(header) if header else None,
        resolve_encoding(body) if body else None,
    )


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
        header, body = declared_encodings(response)
        if header is None or body is None or header == body:
            return response
        if not decodes_cleanly(response.body, body):
            return response
        logger.warning(
            "Charset mismatch for %s: header says %s, page says %s; reading it as %s",
            response.url,
            header,
            body,
            body,
        )
        self.stats.inc_value("newscrawler/charset_repaired")
        return response.replace(encoding=body)
