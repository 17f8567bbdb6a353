"""Re-parse: today's page parsers and normalizers over the WARC captures, into the archive."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from parsel import Selector
from w3lib.encoding import html_to_unicode
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newscrawler.archive.store import Archive
from newscrawler.charset import page_encoding
from newscrawler.items import RawArticle
from newscrawler.normalize.article import normalize_in_edition
from newscrawler.normalize.urls import canonical_url
from newscrawler.pages import archive_layout, relaunch_layout
from newscrawler.pages.detect import PageKind, is_truncated, page_kind
from newscrawler.pages.markup import page_selector

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


@dataclass
class ReparseSummary:
    records: int = 0
    other_pages: int = 0
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0}
    )
    failures: int = 0

    def __str__(self) -> str:
        return (
            f"Read {self.records} response records ({self.other_pages} not article pages): "
            f"{self.outcomes['changed']} articles updated, {self.outcomes['unchanged']} "
            f"unchanged, {self.outcomes['new']} new to the archive; {self.failures} failures."
        )


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def warc_files(warc_dir: Path) -> list[Path]:
    """The folder's WARC files, oldest first (names start with the run's UTC stamp)."""
    return sorted(path for pattern in WARC_PATTERNS for path in warc_dir.glob(pattern))


def read_captures(stream: BinaryIO, file: str) -> Iterator[Capture]:
    """The successful (2xx) HTTP responses of one WARC file, in file order."""
    records = ArchiveIterator(stream)
    for record in records:
        if record.rec_type != "response" or record.http_headers is None:
            continue
        status = int(record.http_headers.get_statuscode() or 0)
        if not 200 <= status < 300:
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


class Reparser:
    """Two passes over the WARC folder: find each article's latest capture, then re-read it.

    Only `(date, file, offset)` per article is held in memory between the passes, so memory
    stays small however many captures there are.
    """

    def __init__(self, archive: Archive, warc_dir: Path) -> None:
        self.archive = archive
        self.warc_dir = warc_dir
        self.summary = ReparseSummary()
        self.run_id: int | None = None

    def run(self) -> ReparseSummary:
        self.run_id = self.archive.start_run(STAGE, {"warc_dir": str(self.warc_dir)}, utc_now())
        latest = self.latest_captures()
        for _, file, offset in latest.values():
            self.save(read_capture(self.warc_dir, file, offset))
        stats = {
            "requests": 0,
            "pages_fetched": 0,
            "article_pages": len(latest),
            "articles_new": self.summary.outcomes["new"],
            "articles_changed": self.summary.outcomes["changed"],
            "articles_unchanged": self.summary.outcomes["unchanged"],
            "failures": self.summary.failures,
        }
        self.archive.finish_run(self.run_id, "finished", stats, utc_now())
        return self.summary

    def latest_captures(self) -> dict[str, tuple[datetime, str, int]]:
        """Canonical URL → its latest capture; a later record wins a tie of WARC-Dates."""
        latest: dict[str, tuple[datetime, str, int]] = {}
        for capture in self.captures():
            self.summary.records += 1
            raw = self.parse(capture)
            if raw is None:
                continue
            key = canonical_url(raw.layout, raw.post_id, raw.section, raw.url)
            if key not in latest or capture.date >= latest[key][0]:
                latest[key] = (capture.date, capture.file, capture.offset)
        return latest

    def captures(self) -> Iterator[Capture]:
        for path in warc_files(self.warc_dir):
            file = str(path.relative_to(self.warc_dir))
            try:
                with path.open("rb") as stream:
                    yield from read_captures(stream, file)
            except ArchiveLoadFailed as error:
                self.fail(file, f"unreadable WARC file {file}: {error}")

    def parse(self, capture: Capture) -> RawArticle | None:
        try:
            raw = parse_capture(capture)
        # A page today's parser cannot read is recorded and skipped, never the end of the run.
        except Exception as error:
            self.fail(capture.url, f"parser error {error!r} ({capture.describe()})")
            return None
        if raw is None:
            self.summary.other_pages += 1
        return raw

    def save(self, capture: Capture) -> None:
        raw = parse_capture(capture)
        assert raw is not None  # the first pass read this very record as an article
        article = normalize_in_edition(raw)
        if not article.complete:
            reason = "; ".join(article.problems) or "incomplete article"
            self.fail(capture.url, f"{reason} ({capture.describe()})")
            return
        status = self.archive.save_article(
            article.to_dict(), article.fetched_urls, archive_time(capture.date)
        )
        self.summary.outcomes[status] += 1

    def fail(self, url: str, reason: str) -> None:
        logger.error("Reparse failed for %s: %s", url, reason)
        self.archive.record_failure(self.run_id, url, STAGE, reason, None, utc_now())
        self.summary.failures += 1


def reparse(archive_path: Path, warc_dir: Path) -> ReparseSummary:
    """Re-parse every article capture in `warc_dir` into the archive at `archive_path`, each
    with its edition's profile (time zone, vocabulary) found from the capture's URL path."""
    with Archive(archive_path) as archive:
        return Reparser(archive, warc_dir).run()
