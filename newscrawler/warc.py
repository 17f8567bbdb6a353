"""Raw captures: every fetched response, with its request, written to rotating WARC files."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any, Self
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawler.commands import require_recording

logger = logging.getLogger(__name__)

SOFTWARE = "newscrawler/0.1 (Scrapy, warcio)"
FILE_PREFIX = "newscrawler"
FILE_SUFFIX = ".warc.gz"
# Twisted hands over the body already de-chunked; a `Transfer-Encoding: chunked` header kept
# as is would make WARC readers de-chunk it again, so it is kept under this name instead.
DECHUNKED_HEADER = "X-Archive-Orig-Transfer-Encoding"


def default_warc_dir(archive_path: str | Path) -> Path:
    """`WARC_DIR` when unset: a `warc` folder beside the archive file."""
    return Path(archive_path).parent / "warc"


def reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def header_pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy `Headers` (bytes, multi-valued) as WARC/HTTP header pairs, in order."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class WarcFiles:
    """Writes request/response pairs to `<prefix>-<run stamp>-<serial>.warc.gz` files.

    The prefix is `newscrawler`, or a frontier worker's `newscrawler-<host>-<pid>`.

    A new file starts with each run and whenever the current one has reached `max_size`
    bytes; each file opens with a `warcinfo` record. Every record is its own gzip member and
    is flushed at once, so a killed crawl leaves readable files.
    """

    def __init__(
        self, directory: Path, max_size: int, started: datetime, prefix: str = FILE_PREFIX
    ) -> None:
        self.directory = directory
        self.prefix = prefix
        self.max_size = max_size
        self.stamp = started.strftime("%Y%m%dT%H%M%SZ")
        self.serial = -1
        self._file: IO[bytes] | None = None
        self._writer: WARCWriter | None = None
        self._name = ""

    def write(self, request: Request, response: Response) -> dict[str, Any]:
        """Append one fetch; return where its response record is: `file`, `offset`, `record_id`."""
        writer = self._writer_with_room()
        assert self._file is not None
        response_record = self._response_record(writer, response)
        record_id = response_record.rec_headers.get_header("WARC-Record-ID")
        writer.write_record(self._request_record(writer, request, response, record_id))
        offset = self._file.tell()
        writer.write_record(response_record)
        self._file.flush()
        return {"file": self._name, "offset": offset, "record_id": record_id}

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._writer = None

    def _writer_with_room(self) -> WARCWriter:
        if self._file is None or self._file.tell() >= self.max_size:
            self._open_next()
        assert self._writer is not None
        return self._writer

    def _open_next(self) -> None:
        self.close()
        self.serial += 1
        self._name = f"{self.prefix}-{self.stamp}-{self.serial:05d}{FILE_SUFFIX}"
        self.directory.mkdir(parents=True, exist_ok=True)
        self._file = (self.directory / self._name).open("xb")
        self._writer = WARCWriter(self._file, gzip=True)
        info = {"software": SOFTWARE, "format": "WARC File Format 1.0", "robots": "obey"}
        self._writer.write_record(self._writer.create_warcinfo_record(self._name, info))
        logger.info("Writing WARC captures to %s", self.directory / self._name)

    @staticmethod
    def _response_record(builder: RecordBuilder, response: Response) -> Any:
        headers = [
            (DECHUNKED_HEADER if name.lower() == "transfer-encoding" else name, value)
            for name, value in header_pairs(response.headers)
        ]
        protocol = response.protocol or "HTTP/1.1"
        status_line = f"{response.status} {reason_phrase(response.status)}".strip()
        http_headers = StatusAndHeaders(status_line, headers, protocol=protocol)
        warc_headers = {}
        if response.ip_address is not None:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        return builder.create_warc_record(
            response.url,
            "response",
            payload=BytesIO(response.body),
            length=len(response.body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )

    @staticmethod
    def _request_record(
        builder: RecordBuilder, request: Request, response: Response, response_id: str
    ) -> Any:
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = header_pairs(request.headers)
        if not any(name.lower() == "host" for name, _ in headers):
            # The download handler adds Host itself, after the middlewares have run.
            headers.insert(0, ("Host", parts.netloc))
        http_headers = StatusAndHeaders(
            f"{request.method} {target} {response.protocol or 'HTTP/1.1'}",
            headers,
            is_http_request=True,
        )
        return builder.create_warc_record(
            request.url,
            "request",
            payload=BytesIO(request.body),
            length=len(request.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Concurrent-To": response_id},
        )


class WarcCaptureMiddleware:
    """Downloader middleware: writes every response as received (before redirects are followed
    and bodies decompressed) with its request to WARC, and puts the response record's place in
    `response.meta["warc"]` for the spider to carry onto the article.
    """

    def __init__(self, files: WarcFiles) -> None:
        self.files = files

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED", True):
            raise NotConfigured("WARC_ENABLED is off")
        directory = settings.get("WARC_DIR") or default_warc_dir(settings.get("ARCHIVE_PATH"))
        files = WarcFiles(
            Path(directory),
            settings.getint("WARC_MAX_SIZE"),
            datetime.now(UTC),
            # A frontier worker's own: workers sharing one folder never write the same file.
            settings.get("WARC_FILE_PREFIX") or FILE_PREFIX,
        )
        middleware = cls(files)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response) -> Response:
        # The response is tied to its request only later, and its meta is the request's.
        request.meta["warc"] = self.files.write(request, response)
        return response

    def spider_closed(self) -> None:
        self.files.close()
