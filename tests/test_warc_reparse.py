"""Raw WARC captures of a real crawl, and `python -m newscrawler reparse` with the site gone."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlite_utils
from scrapy import Request
from scrapy.http import HtmlResponse
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawler.reparse import reparse
from newscrawler.snapshot.page_faults import unclosed_script
from newscrawler.snapshot.process import running_snapshot
from newscrawler.warc import SOFTWARE, WarcFiles
from tests.support import (
    ROOT,
    ROW_FIELDS,
    CrawlResult,
    archived_rows,
    expected_articles,
    load_content,
    run_crawl,
)

SAVED_PAGES = ROOT / "tests" / "pages" / "fixtures"
START_PATHS = ("/en/?paged=1", "/en/politics/", "/en/economy/", "/en/society/")
# Everything the normalizers fill; `url` is the key and `updated` is NOT NULL.
BLANKED_COLUMNS = [field for field in ROW_FIELDS if field not in ("url", "updated")]


@dataclass(frozen=True)
class CapturedCrawl:
    crawl: CrawlResult
    warc_dir: Path


@pytest.fixture(scope="module")
def captured(tmp_path_factory: pytest.TempPathFactory) -> CapturedCrawl:
    """A full crawl of both layouts; the snapshot site it crawled is stopped on return."""
    archive_path = tmp_path_factory.mktemp("warc_crawl") / "archive.db"
    with running_snapshot() as base_url:
        crawl = run_crawl(
            archive_path, [base_url + path for path in START_PATHS], "-a", "mode=full"
        )
    return CapturedCrawl(crawl, archive_path.parent / "warc")


def warc_records_of(path: Path) -> Iterator[tuple[int, Any, bytes]]:
    """(offset, record, payload) of each record in one WARC file."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            payload = record.content_stream().read()
            yield records.get_record_offset(), record, payload


def warc_records(warc_dir: Path) -> Iterator[Any]:
    for path in sorted(warc_dir.glob("*.warc.gz")):
        for _, record, _ in warc_records_of(path):
            yield record


def record_at(path: Path, offset: int) -> Any:
    with path.open("rb") as stream:
        stream.seek(offset)
        return next(iter(ArchiveIterator(stream)))


def expected_rows() -> dict[str, dict[str, Any]]:
    return {
        **expected_articles(load_content("archive")),
        **expected_articles(load_content("relaunch")),
    }


def test_crawl_exits_cleanly(captured: CapturedCrawl) -> None:
    assert captured.crawl.returncode == 0, captured.crawl.log[-3000:]


def test_each_warc_file_opens_with_warcinfo_naming_the_software(captured: CapturedCrawl) -> None:
    files = sorted(captured.warc_dir.glob("newscrawler-*-00000.warc.gz"))
    assert len(files) == 1
    _, first, payload = next(warc_records_of(files[0]))
    assert first.rec_type == "warcinfo"
    assert f"software: {SOFTWARE}" in payload.decode()


def test_every_response_has_its_request(captured: CapturedCrawl) -> None:
    requests: dict[str, Any] = {}
    responses: dict[str, Any] = {}
    for record in warc_records(captured.warc_dir):
        if record.rec_type == "request":
            requests[record.rec_headers.get_header("WARC-Concurrent-To")] = record
        elif record.rec_type == "response":
            responses[record.rec_headers.get_header("WARC-Record-ID")] = record
    assert responses and set(requests) == set(responses)
    for record_id, response in responses.items():
        request = requests[record_id]
        uri = response.rec_headers.get_header("WARC-Target-URI")
        assert request.rec_headers.get_header("WARC-Target-URI") == uri
        parts = urlsplit(uri)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        request_line = (request.http_headers.protocol, request.http_headers.statusline)
        assert request_line == ("GET", f"{target} HTTP/1.1")
        assert response.http_headers.protocol == "HTTP/1.1"
        assert response.http_headers.get_statuscode().isdigit()
        assert response.http_headers.get_header("Content-Type")


def test_archived_addresses_were_all_captured(captured: CapturedCrawl) -> None:
    db = sqlite_utils.Database(captured.crawl.archive_path)
    fetched = {row["url"] for row in db["article_urls"].rows}
    captured_uris = {
        record.rec_headers.get_header("WARC-Target-URI")
        for record in warc_records(captured.warc_dir)
        if record.rec_type == "response"
    }
    assert fetched and fetched <= captured_uris


def test_article_rows_point_at_their_response_record(captured: CapturedCrawl) -> None:
    db = sqlite_utils.Database(captured.crawl.archive_path)
    rows = list(db.query("select url, warc_file, warc_offset, warc_record_id from articles"))
    assert len(rows) == len(expected_rows())
    for row in rows:
        record = record_at(captured.warc_dir / row["warc_file"], row["warc_offset"])
        fetched = {
            address["url"]
            for address in db["article_urls"].rows_where("article_url = ?", [row["url"]])
        }
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Record-ID") == row["warc_record_id"]
        assert record.rec_headers.get_header("WARC-Target-URI") in fetched


def copy_archive(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    return target


def run_reparse(archive_path: Path, warc_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newscrawler", "reparse", "--archive", str(archive_path)]
    command += ["--warc-dir", str(warc_dir)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_reparse_without_the_site_restores_blanked_rows(
    captured: CapturedCrawl, tmp_path: Path
) -> None:
    archive_path = copy_archive(captured.crawl.archive_path, tmp_path / "blanked.db")
    db = sqlite_utils.Database(archive_path)
    assignments = ", ".join(f"{column} = NULL" for column in BLANKED_COLUMNS)
    db.execute(f"update articles set {assignments}, updated = 0")
    db.conn.commit()
    expected = expected_rows()

    completed = run_reparse(archive_path, captured.warc_dir)

    assert completed.returncode == 0, completed.stderr[-3000:]
    assert f"{len(expected)} articles updated, 0 unchanged, 0 new" in completed.stdout
    rows = archived_rows(archive_path)
    for url, expected_row in expected.items():
        for field in ROW_FIELDS:
            assert rows[url][field] == expected_row[field], (url, field)
    blanked = [json.loads(row["row"]) for row in db["revisions"].rows]
    assert len(blanked) == len(expected)
    assert all(row["title"] is None and row["body"] is None for row in blanked)


def test_reparse_of_unchanged_captures_changes_nothing(
    captured: CapturedCrawl, tmp_path: Path
) -> None:
    archive_path = copy_archive(captured.crawl.archive_path, tmp_path / "again.db")
    completed = run_reparse(archive_path, captured.warc_dir)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert f"0 articles updated, {len(expected_rows())} unchanged" in completed.stdout
    assert sqlite_utils.Database(archive_path)["revisions"].count == 0


def fetched(url: str, body: bytes, status: int = 200) -> tuple[Request, HtmlResponse]:
    request = Request(url)
    headers = {"Content-Type": "text/html; charset=UTF-8"}
    return request, HtmlResponse(url, status=status, headers=headers, body=body, request=request)


def test_warc_files_rotate_by_size(tmp_path: Path) -> None:
    files = WarcFiles(tmp_path, max_size=1, started=datetime(2025, 3, 1, 8, 30, tzinfo=UTC))
    places = [
        files.write(*fetched(f"http://127.0.0.1:1/en/?p={post_id}", b"<html>x</html>"))
        for post_id in (1, 2, 3)
    ]
    files.close()
    names = [f"newscrawler-20250301T083000Z-0000{serial}.warc.gz" for serial in range(3)]
    assert sorted(path.name for path in tmp_path.iterdir()) == names
    assert [place["file"] for place in places] == names
    for post_id, place in enumerate(places, start=1):
        types = [record.rec_type for _, record, _ in warc_records_of(tmp_path / place["file"])]
        assert types == ["warcinfo", "request", "response"]
        record = record_at(tmp_path / place["file"], place["offset"])
        assert record.rec_headers.get_header("WARC-Record-ID") == place["record_id"]
        assert record.rec_headers.get_header("WARC-Target-URI").endswith(f"?p={post_id}")


def test_warc_file_keeps_filling_below_its_size(tmp_path: Path) -> None:
    files = WarcFiles(tmp_path, max_size=10_000_000, started=datetime(2025, 3, 1, tzinfo=UTC))
    for post_id in (1, 2, 3):
        files.write(*fetched(f"http://127.0.0.1:1/en/?p={post_id}", b"<html>x</html>"))
    files.close()
    (only,) = tmp_path.iterdir()
    types = [record.rec_type for _, record, _ in warc_records_of(only)]
    assert types == ["warcinfo"] + ["request", "response"] * 3


def write_response(writer: WARCWriter, url: str, body: bytes, date: str, status: int = 200) -> None:
    http_headers = StatusAndHeaders(
        f"{status} OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def saved_page(name: str) -> tuple[str, bytes]:
    spec = json.loads((SAVED_PAGES / f"{name}.json").read_text(encoding="utf-8"))
    return spec["url"], (SAVED_PAGES / f"{name}.html").read_bytes()


def write_warc(path: Path, captures: list[tuple[str, bytes, str]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body, date in captures:
            write_response(writer, url, body, date)


def test_reparse_records_a_broken_page_and_goes_on(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    seed_url, seed_html = saved_page("seed_archive")
    broken_url = "http://127.0.0.1:1/en/?p=424242"
    write_warc(
        warc_dir / "a.warc.gz",
        [
            (broken_url, b"<html><body><p>half a page", "2025-03-01T08:00:00Z"),
            (seed_url, seed_html, "2025-03-01T08:00:01Z"),
        ],
    )

    summary = reparse(tmp_path / "archive.db", warc_dir)

    assert (summary.records, summary.failures, summary.outcomes["new"]) == (2, 1, 1)
    db = sqlite_utils.Database(tmp_path / "archive.db")
    (failure,) = db["failures"].rows
    assert (failure["url"], failure["stage"], failure["raw"]) == (broken_url, "reparse", None)
    assert "a.warc.gz offset 0" in failure["reason"]
    (article,) = db["articles"].rows
    assert article["title"].startswith("Lavrov calls")
    assert (article["warc_file"], article["last_seen"]) == (
        "a.warc.gz",
        "2025-03-01T08:00:01+00:00",
    )


def test_reparse_takes_the_latest_capture_by_warc_date(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    url, html = saved_page("seed_archive")
    edited = html.replace(b"Lavrov calls", b"Lavrov urges")
    # The newer capture sits in the file read first: the date decides, not the file order.
    write_warc(warc_dir / "a.warc.gz", [(url, edited, "2025-06-01T00:00:00Z")])
    write_warc(warc_dir / "b.warc.gz", [(url, html, "2025-01-01T00:00:00Z")])

    summary = reparse(tmp_path / "archive.db", warc_dir)

    assert (summary.records, summary.outcomes["new"]) == (2, 1)
    (article,) = sqlite_utils.Database(tmp_path / "archive.db")["articles"].rows
    assert article["title"].startswith("Lavrov urges")
    assert article["warc_file"] == "a.warc.gz"


def test_reparse_flags_a_capture_whose_text_was_swallowed(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    url, html = saved_page("seed_archive")
    swallowed = unclosed_script(html.decode("utf-8")).encode("utf-8")
    clean_url = url.replace("p=", "p=9")
    clean = html.replace(b"postid-", b"postid-9")
    write_warc(
        warc_dir / "a.warc.gz",
        [(url, swallowed, "2025-03-01T08:00:00Z"), (clean_url, clean, "2025-03-01T08:00:01Z")],
    )

    reparse(tmp_path / "archive.db", warc_dir)

    rows = sqlite_utils.Database(tmp_path / "archive.db")["articles"].rows
    problems = sorted(json.loads(row["problems"]) for row in rows)
    assert problems == [
        [],
        ["text swallowed by an unclosed <script>: the body stops where it opens"],
    ]
