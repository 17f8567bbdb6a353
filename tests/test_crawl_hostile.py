"""Hostile servers end to end: untrusted redirects, loops, bombs, huge and endless listings."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.snapshot.process import running_snapshot
from tests.support import (
    FAST_LOCAL_SETTINGS,
    ROOT,
    CrawlResult,
    archived_rows,
    datasette_query,
    run_crawl,
)

pytestmark = pytest.mark.crawl

OFF_SITE = 101150  # redirects to a second snapshot on 127.0.0.2
LOOPING = 101200  # A -> B -> A
LONG_CHAIN = 101305  # five redirects, more than REDIRECT_MAX_TIMES=3
BOMB = 101306  # a gzip body inflating to 64 MiB, over DOWNLOAD_MAXSIZE (16 MiB)
BOMB_SIZE = 64 * 1024 * 1024


def canonical(post_id: int) -> str:
    return f"https://archive.sana.sy/en/?p={post_id}"


def requests_in(log_path: Path) -> list[dict[str, Any]]:
    if not log_path.exists():
        return []
    return [json.loads(line) for line in log_path.read_text().splitlines()]


def failures_for(result: CrawlResult, post_id: int) -> list[dict[str, Any]]:
    db = sqlite_utils.Database(result.archive_path)
    return list(db["failures"].rows_where("url like ?", [f"%p={post_id}%"]))


def error_lines(result: CrawlResult, post_id: int) -> list[str]:
    return [
        line
        for line in result.log.splitlines()
        if f"p={post_id}" in line and ("ERROR" in line or "WARNING" in line)
    ]


@pytest.fixture(scope="module")
def off_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A second snapshot on another loopback address: a host the publisher does not own."""
    log_path = tmp_path_factory.mktemp("offsite") / "requests.jsonl"
    with running_snapshot("--bind", "127.0.0.2", "--request-log", str(log_path)) as url:
        yield url, log_path


@pytest.fixture(scope="module")
def hostile_crawl(
    tmp_path_factory: pytest.TempPathFactory, off_site: tuple[str, Path]
) -> CrawlResult:
    """The off-site article is archived first from the publisher, then the hostile crawl."""
    archive_path = tmp_path_factory.mktemp("hostile") / "archive.db"
    follow = ("-a", "follow_check_also=false")
    with running_snapshot() as plain:
        first = run_crawl(archive_path, [f"{plain}/en/?p={OFF_SITE}"], *follow)
    assert first.returncode == 0, first.log[-3000:]
    faults = (
        f"redirect:p={OFF_SITE}$:{off_site[0]}/en/?p={OFF_SITE}",
        f"loop:p={LOOPING}",
        f"hops:p={LONG_CHAIN}:5",
        f"gzip-bomb:p={BOMB}$:{BOMB_SIZE}",
    )
    args = [part for fault in faults for part in ("--fault", fault)]
    with running_snapshot(*args) as site:
        start = [f"{site}/en/?p={post_id}" for post_id in (OFF_SITE, LOOPING, LONG_CHAIN, BOMB)]
        return run_crawl(
            archive_path, start, "-a", "mode=full", *follow, "-s", "REDIRECT_MAX_TIMES=3"
        )


def test_the_hostile_crawl_finishes(hostile_crawl: CrawlResult) -> None:
    assert hostile_crawl.returncode == 0, hostile_crawl.log[-3000:]


def test_an_off_site_redirect_is_never_followed(
    hostile_crawl: CrawlResult, off_site: tuple[str, Path]
) -> None:
    assert requests_in(off_site[1]) == []
    [failure] = failures_for(hostile_crawl, OFF_SITE)
    assert failure["stage"] == "download"
    assert "untrusted host '127.0.0.2'" in failure["reason"]
    assert f"{off_site[0]}/en/?p={OFF_SITE}" in failure["reason"]
    assert any("untrusted host" in line for line in error_lines(hostile_crawl, OFF_SITE))


def test_an_off_site_page_never_overwrites_the_archived_article(
    hostile_crawl: CrawlResult,
) -> None:
    row = archived_rows(hostile_crawl.archive_path)[canonical(OFF_SITE)]
    assert row["revision"] == 1
    db = sqlite_utils.Database(hostile_crawl.archive_path)
    assert db["revisions"].count == 0
    assert not list(db["article_urls"].rows_where("url like ?", ["%127.0.0.2%"]))


@pytest.mark.parametrize(
    ("post_id", "cause"),
    [
        (LOOPING, "redirect loop"),
        (LONG_CHAIN, "max redirections reached"),
        (BOMB, "exceeded DOWNLOAD_MAXSIZE"),
    ],
)
def test_a_lost_article_is_a_recorded_failure_with_a_log_line(
    hostile_crawl: CrawlResult, post_id: int, cause: str
) -> None:
    [failure] = failures_for(hostile_crawl, post_id)
    assert failure["stage"] == "download"
    assert cause in failure["reason"]
    assert any(cause in line for line in error_lines(hostile_crawl, post_id))
    assert canonical(post_id) not in archived_rows(hostile_crawl.archive_path)


def test_a_gzip_bomb_keeps_neither_its_inflated_bytes_nor_a_huge_capture(
    hostile_crawl: CrawlResult,
) -> None:
    [failure] = failures_for(hostile_crawl, BOMB)
    assert (failure["raw_size"] or 0) < 1024 * 1024
    warc_dir = hostile_crawl.archive_path.parent / "warc"
    assert sum(path.stat().st_size for path in warc_dir.glob("*.warc.gz")) < 4 * 1024 * 1024


def stop_reasons(result: CrawlResult) -> dict[str, Any]:
    db = sqlite_utils.Database(result.archive_path)
    [run] = list(db.query("select stop_reasons, finish_reason from crawl_runs"))
    assert run["finish_reason"] == "finished"
    reasons: dict[str, Any] = json.loads(run["stop_reasons"])
    return reasons


def listing_requests(log_path: Path, marker: str) -> list[str]:
    return [r["path"] for r in requests_in(log_path) if marker in r["path"]]


def article_requests(log_path: Path) -> list[str]:
    return [r["path"] for r in requests_in(log_path) if "?p=" in r["path"]]


def test_a_huge_listing_is_capped_and_recorded(tmp_path: Path) -> None:
    log_path = tmp_path / "requests.jsonl"
    args = ("--fault", r"huge:tag=huge:400", "--request-log", str(log_path))
    with running_snapshot(*args) as site:
        result = run_crawl(
            tmp_path / "huge.db",
            [f"{site}/en/?tag=huge"],
            "-s", "NEWSCRAWLER_MAX_LINKS_PER_PAGE=12",
            "-s", "RETRY_TIMES=0",
        )  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    assert len(article_requests(log_path)) == 12
    db = sqlite_utils.Database(result.archive_path)
    [failure] = db["failures"].rows_where("stage = 'parse'")
    assert failure["url"].endswith("/en/?tag=huge")
    assert "400 article links" in failure["reason"]
    assert failure["raw_size"] == len(failure["raw"]) > 0
    assert stop_reasons(result)["links_capped"]["count"] == 1
    assert any("NEWSCRAWLER_MAX_LINKS_PER_PAGE" in line for line in result.log.splitlines())


@pytest.mark.parametrize("mode", ["full", "incremental"])
def test_an_endless_listing_stops_at_its_own_last_page(tmp_path: Path, mode: str) -> None:
    log_path = tmp_path / "requests.jsonl"
    args = ("--fault", r"endless:tag=endless:3", "--request-log", str(log_path))
    with running_snapshot(*args) as site:
        result = run_crawl(
            tmp_path / "endless.db", [f"{site}/en/?tag=endless"], "-a", f"mode={mode}",
            "-s", "RETRY_TIMES=0",
        )  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    pages = listing_requests(log_path, "tag=endless")
    assert sorted(pages) == [
        "/en/?tag=endless",
        "/en/?tag=endless&paged=2",
        "/en/?tag=endless&paged=3",
    ]
    assert stop_reasons(result)["past_last_page"]["first_url"].endswith("paged=3")
    [shown] = datasette_query(result.archive_path, "crawl_health")
    assert shown["walk_stops"] == f"past_last_page ×1 (first: {site}/en/?tag=endless&paged=3)"


def test_an_endless_listing_without_page_count_stops_at_the_ceiling(tmp_path: Path) -> None:
    log_path = tmp_path / "requests.jsonl"
    args = ("--fault", r"endless:tag=forever", "--request-log", str(log_path))
    with running_snapshot(*args) as site:
        result = run_crawl(
            tmp_path / "forever.db", [f"{site}/en/?tag=forever"], "-a", "mode=full",
            "-s", "NEWSCRAWLER_MAX_LISTING_PAGES=4",
            "-s", "RETRY_TIMES=0",
        )  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    assert len(listing_requests(log_path, "tag=forever")) == 4
    assert stop_reasons(result)["listing_page_ceiling"]["count"] == 1
    assert any("NEWSCRAWLER_MAX_LISTING_PAGES" in line for line in result.log.splitlines())


DRIPPED = 101307  # one byte a second: about 120 s per try at the default DOWNLOAD_TIMEOUT
# The stated bound is NEWSCRAWLER_SHUTDOWN_GRACE (5 s) plus about 5 s; waiting 60 s leaves a
# wide margin, and the dripped download alone would hold the crawl for 120 s.
SHUTDOWN_WAIT = 60


def test_sigterm_ends_the_crawl_with_a_slow_download_in_flight(tmp_path: Path) -> None:
    log_path = tmp_path / "requests.jsonl"
    archive_path = tmp_path / "sigterm.db"
    args = ("--fault", f"drip:p={DRIPPED}$:1", "--request-log", str(log_path))
    with running_snapshot(*args) as site:
        crawl = start_crawl(archive_path, [f"{site}/en/?p={DRIPPED}"])
        try:
            wait_for_request(log_path, f"p={DRIPPED}")
            crawl.send_signal(signal.SIGTERM)
            log = crawl.communicate(timeout=SHUTDOWN_WAIT)[1]
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.communicate()
    assert "cancelling the downloads still in flight" in log, log[-3000:]
    db = sqlite_utils.Database(archive_path)
    [run] = list(db.query("select finish_reason, finished from crawl_runs"))
    assert run["finish_reason"] == "shutdown" and run["finished"]
    [failure] = db["failures"].rows_where("url like ?", [f"%p={DRIPPED}"])
    assert "the crawl is shutting down" in failure["reason"]


def start_crawl(archive_path: Path, start_urls: list[str]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "sana"]
    command += ["-a", "start_urls=" + ",".join(start_urls), "-s", f"ARCHIVE_PATH={archive_path}"]
    for setting in FAST_LOCAL_SETTINGS:
        command += ["-s", setting]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_request(log_path: Path, marker: str) -> None:
    """Until the snapshot logs a request for `marker`: the download is then in flight."""
    for _ in range(600):
        if any(marker in r["path"] for r in requests_in(log_path)):
            return
        time.sleep(0.1)
    raise AssertionError(f"no request for {marker} within 60 s")
