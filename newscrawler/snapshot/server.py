"""The HTTP side of the snapshot: host redirects, faults, conditional requests, the request log."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

from newscrawler.snapshot import routes
from newscrawler.snapshot.common import http_date, parse_time
from newscrawler.snapshot.faults import DECLARED_WRONG_CHARSET, Faults, truncate, without_hops
from newscrawler.snapshot.site import Site

GONE_HTML = (
    "<!DOCTYPE html>\n<html><head><title>{status} Not Found</title></head>"
    "<body><h1>Not Found</h1></body></html>\n"
)
UNAVAILABLE_HTML = (
    "<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>"
    "<body><h1>Service Temporarily Unavailable</h1></body></html>\n"
)


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class RequestLog:
    """JSON Lines, one per request, flushed as written so a test can read it at any time."""

    def __init__(self, path: Path) -> None:
        self._file: IO[str] = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, record: dict[str, object]) -> None:
        line = json.dumps(record, ensure_ascii=False)
        with self._lock:
            if self._file.closed:  # a slow request finishing after shutdown
                return
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            self._file.close()


class SnapshotServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the site and its serving options; `site` is the
    English edition, `editions` the others by code (`ar`, `fr`)."""

    daemon_threads = True

    def __init__(
        self,
        port: int,
        site: Site,
        faults: Faults | None = None,
        request_log: RequestLog | None = None,
        archive_host: str | None = None,
        crawl_delay: float = routes.DEFAULT_CRAWL_DELAY,
        address: str = "127.0.0.1",
        editions: Mapping[str, Site] | None = None,
    ) -> None:
        if not ipaddress.ip_address(address).is_loopback:
            raise ValueError(f"the snapshot listens on loopback addresses only, not {address}")
        super().__init__((address, port), SnapshotHandler)
        self.address = address
        self.crawl_delay = crawl_delay
        self.site = site
        self.editions = dict(editions or {})
        self.faults = faults or Faults()
        self.request_log = request_log
        self.archive_host = archive_host.lower() if archive_host else None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}"


class SnapshotHandler(BaseHTTPRequestHandler):
    server: SnapshotServer
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    # Headers and body go out in two writes; with Nagle's algorithm a kept-alive connection
    # waits for the client's delayed ACK (~40 ms) before the body, which dominated crawl time.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:
        """Silenced: the request log (`--request-log`) is the record of what was asked."""

    def _serve(self, send_body: bool) -> None:
        answer = self._answer()
        # Logged before answering, so a client that has its answer also finds it in the log.
        self._log(answer.status)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if answer.status != 304:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if send_body and answer.status != 304:
            self._send_body(answer.body, self.server.faults.drip(self.path))

    def _send_body(self, body: bytes, drip: float) -> None:
        if not drip:
            self.wfile.write(body)
            return
        try:
            for offset in range(len(body)):
                self.wfile.write(body[offset : offset + 1])
                self.wfile.flush()
                time.sleep(drip)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up waiting

    def _answer(self) -> Answer:
        server, target = self.server, self.path
        host = self.headers.get("Host") or f"127.0.0.1:{server.port}"
        path = target.partition("?")[0]
        if self._foreign_archive_request(host, path):
            location = f"http://{server.archive_host}:{server.port}{target}"
            return Answer(301, {"Location": location, "Content-Type": "text/html"})
        fault_location = server.faults.redirect(target)
        if fault_location is not None:
            return Answer(302, {"Location": fault_location, "Content-Type": "text/html"})
        fault_page = server.faults.page(target)
        if fault_page is not None:
            return Answer(200, *fault_page)
        target = without_hops(target)
        delay = server.faults.delay(target)
        if delay:
            time.sleep(delay)
        unavailable = server.faults.unavailable(target)
        if unavailable is not None:
            headers = {"Content-Type": "text/html; charset=UTF-8"}
            if unavailable.retry_after is not None:
                headers["Retry-After"] = str(unavailable.retry_after)
            return Answer(503, headers, UNAVAILABLE_HTML.encode())
        gone = server.faults.gone(target)
        if gone is not None:
            body = GONE_HTML.format(status=gone).encode()
            return Answer(gone, {"Content-Type": "text/html; charset=UTF-8"}, body)
        page = routes.resolve(
            server.site,
            target,
            f"http://{host}",
            server.faults.drifted(target),
            server.crawl_delay,
            server.editions,
        )
        return self._page_answer(page, target)

    def _foreign_archive_request(self, host: str, path: str) -> bool:
        """An archive-layout address asked of a host other than `--archive-host`."""
        archive_host = self.server.archive_host
        return (
            bool(archive_host)
            and routes.is_archive_address(path)
            and (_hostname(host) != archive_host)
        )

    def _page_answer(self, page: routes.Page, target: str) -> Answer:
        faults = self.server.faults
        body = faults.rewrite(target, page.body).encode("utf-8")
        if faults.broken(target):
            body = truncate(body)
        charset = DECLARED_WRONG_CHARSET if faults.wrong_charset(target) else "UTF-8"
        headers = {"Content-Type": f"{page.content_type}; charset={charset}"}
        if page.modified is None or page.status != 200:
            return Answer(page.status, headers, body)
        headers["Last-Modified"] = http_date(page.modified)
        headers["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        if self._not_modified(headers["ETag"], page.modified):
            return Answer(304, {k: headers[k] for k in ("Last-Modified", "ETag")})
        return Answer(200, headers, body)

    def _not_modified(self, etag: str, modified: str) -> bool:
        """RFC 9110: If-None-Match decides when present; If-Modified-Since only otherwise."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
            return "*" in tags or etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            return False
        return int(parse_time(modified).timestamp()) <= int(since.timestamp())

    def _log(self, status: int) -> None:
        log = self.server.request_log
        if log is None:
            return
        log.write(
            {
                "ts": time.time(),
                "method": self.command,
                "host": self.headers.get("Host"),
                "path": self.path,
                "status": status,
                "if_modified_since": self.headers.get("If-Modified-Since"),
                "if_none_match": self.headers.get("If-None-Match"),
                "user_agent": self.headers.get("User-Agent"),
            }
        )


def _hostname(host_header: str) -> str:
    """`Host` without its port, lower case."""
    name, _, port = host_header.rpartition(":")
    return (name if name and port.isdigit() else host_header).lower()
