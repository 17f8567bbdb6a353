"""Re-parse: today's page parsers and normalizers over the WARC captures, into the archive."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from parsel import Selector
from w3lib.encoding import html_to_unicode
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from newscrawler.archive.store import Archive
from newscrawler.charset import page_encoding
from newscrawler.items import Article, RawArticle
from newscrawler.normalize.article import normalize_in_edition
from newscrawler.normalize.urls import canonical_url
from newscrawler.pages import archive_layout, relaunch_layout
from newscrawler.pages.detect import PageKind, is_truncated, page_kind
from newscrawler.pages.markup import page_selector
from newscrawler.reparse_pool import ordered_map

logger = logging.getLogger(__name__)

STAGE = "reparse"
WARC_PATTERNS = ("*.warc.gz", "*.warc")
ARTICLE_PARSERS = {
    PageKind.ARCHIVE_ARTICLE: archive_layout,
    PageKind.RELAUNCH_ARTICLE: relaunch_layout,
}


@dataclass(frozen=True)
class Capture:
    """One WARC response record: where it is, what was fetched, when, and the body as sent."""

    file: str
    offset: int
    record_id: str
    url: str
    date: datetime
    status: int
    content_type: str
    body: bytes

    @property
    def location(self) -> dict[str, Any]:
        return {"file": self.file, "offset": self.offset, "record_id": self.record_id}

    def describe(self) -> str:
        return f"WARC {self.file} offset {self.offset} record {self.record_id}"


@dataclass(frozen=True)
class Location:
    """Where a successful response record starts: a worker reads the record from here itself."""

    file: str
    offset: int
    url: str

    def describe(self) -> str:
        return f"WARC {self.file} offset {self.offset}"


@dataclass(frozen=True)
class Failed:
    """A WARC file or capture that gave no article, and why (becomes a `failures` row)."""

    url: str
    reason: str


@dataclass(frozen=True)
class ArticlePage:
    """The first pass's finding: the capture at `file`/`offset`, of `date`, is article `key`."""

    key: str
    date: datetime
    file: str
    offset: int


@dataclass(frozen=True)
class Reread:
    """The second pass's result: a complete article, as `Archive.save_article` takes it."""

    article: dict[str, Any]
    fetched_urls: list[str]
    archived: str


@dataclass
class ReparseSummary:
    records: int = 0
    other_pages: int = 0
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0}
    )
    failures: int = 0
    article_pages: int = 0
    finish_reason: str = "finished"

    def __str__(self) -> str:
        stopped = "" if self.finish_reason == "finished" else f"Stopped ({self.finish_reason}). "
        return stopped + (
            f"Read {self.records} response records ({self.other_pages} not article pages): "
            f"{self.outcomes['changed']} articles updated, {self.outcomes['unchanged']} "
            f"unchanged, {self.outcomes['new']} new to the archive; {self.failures} failures."
        )


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def warc_files(warc_dir: Path) -> list[Path]:
    """The folder's WARC files, oldest first (names start with the run's UTC stamp)."""
    return sorted(path for pattern in WARC_PATTERNS for path in warc_dir.glob(pattern))


def success_status(record: ArcWarcRecord) -> int | None:
    """The HTTP status of a response record if it is a success (2xx), else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    return int(status) if status.isdigit() and 200 <= int(status) < 300 else None


def read_captures(stream: BinaryIO, file: str) -> Iterator[Capture]:
    """The successful (2xx) HTTP responses of one WARC file, in file order."""
    records = ArchiveIterator(stream)
    for record in records:
        status = success_status(record)
        if status is None:
            continue
        headers = record.rec_headers
        # content_stream() undoes the Content-Encoding the server applied; it must be read
        # before get_record_offset(), which skips to the record's end.
        body = record.content_stream().read()
        yield Capture(
            file=file,
            offset=records.get_record_offset(),
            record_id=headers.get_header("WARC-Record-ID"),
            url=headers.get_header("WARC-Target-URI"),
            date=datetime.fromisoformat(headers.get_header("WARC-Date")),
            status=status,
            content_type=record.http_headers.get_header("Content-Type") or "",
            body=body,
        )


def read_capture(warc_dir: Path, file: str, offset: int) -> Capture:
    with (warc_dir / file).open("rb") as stream:
        stream.seek(offset)
        capture = next(read_captures(stream, file))
    # the iterator counts offsets from where it started reading
    return replace(capture, offset=offset)


def response_locations(stream: BinaryIO, file: str) -> Iterator[Location]:
    """Where each successful response of one WARC file starts; bodies are skipped, not read."""
    records = ArchiveIterator(stream)
    for record in records:
        if success_status(record) is not None:
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield Location(file, records.get_record_offset(), url)


def scanned_locations(warc_dir: Path) -> Iterator[Location | Failed]:
    """Every successful response in the folder, in file order; an unreadable file, in its place."""
    for path in warc_files(warc_dir):
        file = str(path.relative_to(warc_dir))
        try:
            with path.open("rb") as stream:
                yield from response_locations(stream, file)
        except ArchiveLoadFailed as error:
            yield Failed(file, f"unreadable WARC file {file}: {error}")


def page_text(content_type: str, body: bytes) -> tuple[str, str]:
    """The body's encoding and text, decoded as the crawl decodes it
    (`newscrawler.charset.page_encoding`)."""
    encoding = page_encoding(content_type, body)
    if encoding is not None:
        content_type = f"text/html; charset={encoding}"
    return html_to_unicode(content_type, body)


def parse_capture(capture: Capture) -> RawArticle | None:
    """The capture's article as the current parser reads it; None for other kinds of page."""
    if "html" not in capture.content_type and "xml" not in capture.content_type:
        return None
    selector_type = "xml" if "xml" in capture.content_type else "html"
    encoding, text = page_text(capture.content_type, capture.body)
    selector = page_selector(
        capture.body, encoding, selector_type, lambda: Selector(text=text, type=selector_type)
    )
    parser = ARTICLE_PARSERS.get(page_kind(capture.url, selector))
    if parser is None:
        return None
    raw = parser.parse_article(capture.url, selector)
    raw.fetched_urls = [capture.url]
    raw.source = capture.body
    raw.capture = capture.location
    raw.truncated = is_truncated(text)
    return raw


def archive_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def capture_article(capture: Capture) -> Article:
    """The capture's article, parsed and normalized with the profile of the edition its URL
    path names (time zone, vocabulary): the one place reparse makes an Article."""
    raw = parse_capture(capture)
    if raw is None:
        raise ValueError("no longer read as an article page")
    return normalize_in_edition(raw)


# What runs in the workers (or in this process for one job): from a capture's location to a
# small picklable result; the parent alone writes the archive.


def identify(warc_dir: Path, location: Location) -> ArticlePage | Failed | None:
    """Which article the capture is (None: another kind of page)."""
    try:
        capture = read_capture(warc_dir, location.file, location.offset)
    # A record that cannot be read, or a page today's parser cannot read, is recorded and
    # skipped, never the end of the run.
    except Exception as error:
        return Failed(location.url, f"unreadable record {error!r} ({location.describe()})")
    try:
        raw = parse_capture(capture)
    except Exception as error:
        return Failed(capture.url, f"parser error {error!r} ({capture.describe()})")
    if raw is None:
        return None
    key = canonical_url(raw.layout, raw.post_id, raw.section, raw.url)
    return ArticlePage(key, capture.date, location.file, location.offset)


def identify_chunk(
    warc_dir: Path, items: list[Location | Failed]
) -> list[ArticlePage | Failed | None]:
    # A file the scan could not read stays in its place, so failures keep their order.
    return [item if isinstance(item, Failed) else identify(warc_dir, item) for item in items]


def reread(warc_dir: Path, key: str, file: str, offset: int) -> Reread | Failed:
    """The article of an article's latest capture, or why it cannot be archived."""
    try:
        capture = read_capture(warc_dir, file, offset)
        article = capture_article(capture)
    except Exception as error:
        return Failed(key, f"re-read failed: {error!r} (WARC {file} offset {offset})")
    if not article.complete:
        reason = "; ".join(article.problems) or "incomplete article"
        return Failed(capture.url, f"{reason} ({capture.describe()})")
    return Reread(article.to_dict(), article.fetched_urls, archive_time(capture.date))


def reread_chunk(warc_dir: Path, items: list[tuple[str, str, int]]) -> list[Reread | Failed]:
    return [reread(warc_dir, *item) for item in items]


class Reparser:
    """Two passes over the WARC folder: find each article's latest capture, then re-read it.

    Only `(date, file, offset)` per article is held in memory between the passes, so memory
    stays small however many captures there are. With `jobs` > 1 both passes parse in worker
    processes, which return results in capture order; this process writes them, so the archive
    is the one a single process makes.
    """

    def __init__(self, archive: Archive, warc_dir: Path, jobs: int = 1) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.archive = archive
        self.warc_dir = warc_dir
        self.jobs = jobs
        self.summary = ReparseSummary()
        self.run_id: int | None = None

    def run(self) -> ReparseSummary:
        args = {"warc_dir": str(self.warc_dir), "jobs": self.jobs}
        self.run_id = self.archive.start_run(STAGE, args, utc_now())
        try:
            self.save_latest(self.latest_captures())
        # Every write is whole (a savepoint) and batches commit whole: a stopped run leaves a
        # consistent archive, and the next run redoes what this one did not reach.
        except KeyboardInterrupt:
            self.summary.finish_reason = "shutdown"
        except BrokenProcessPool as error:
            logger.error("Reparse stopped: a worker process died (%s)", error)
            self.summary.finish_reason = "worker died"
        stats = {
            "requests": 0,
            "pages_fetched": 0,
            "article_pages": self.summary.article_pages,
            "articles_new": self.summary.outcomes["new"],
            "articles_changed": self.summary.outcomes["changed"],
            "articles_unchanged": self.summary.outcomes["unchanged"],
            "failures": self.summary.failures,
        }
        self.archive.finish_run(self.run_id, self.summary.finish_reason, stats, utc_now())
        return self.summary

    def latest_captures(self) -> dict[str, tuple[datetime, str, int]]:
        """Canonical URL → its latest capture; a later record wins a tie of WARC-Dates."""
        latest: dict[str, tuple[datetime, str, int]] = {}
        for found in ordered_map(partial(identify_chunk, self.warc_dir), self.scan(), self.jobs):
            if isinstance(found, Failed):
                self.fail(found)
            elif found is None:
                self.summary.other_pages += 1
            elif found.key not in latest or found.date >= latest[found.key][0]:
                # One string per file name, not one per article (pickling copies them).
                latest[found.key] = (found.date, sys.intern(found.file), found.offset)
        return latest

    def scan(self) -> Iterator[Location | Failed]:
        for item in scanned_locations(self.warc_dir):
            if isinstance(item, Location):
                self.summary.records += 1
            yield item

    def save_latest(self, latest: dict[str, tuple[datetime, str, int]]) -> None:
        self.summary.article_pages = len(latest)
        items = ((key, file, offset) for key, (_, file, offset) in latest.items())
        for result in ordered_map(partial(reread_chunk, self.warc_dir), items, self.jobs):
            if isinstance(result, Failed):
                self.fail(result)
                continue
            status = self.archive.save_article(result.article, result.fetched_urls, result.archived)
            self.summary.outcomes[status] += 1

    def fail(self, failure: Failed) -> None:
        logger.error("Reparse failed for %s: %s", failure.url, failure.reason)
        self.archive.record_failure(
            self.run_id, failure.url, STAGE, failure.reason, None, utc_now()
        )
        self.summary.failures += 1


def reparse(archive_path: Path, warc_dir: Path, jobs: int = 1) -> ReparseSummary:
    """Re-parse every article capture in `warc_dir` into the archive at `archive_path`,
    parsing in `jobs` processes; each capture is read with its edition's profile (time zone,
    vocabulary), found from its URL path."""
    with Archive(archive_path) as archive:
        return Reparser(archive, warc_dir, jobs).run()
