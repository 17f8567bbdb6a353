"""Bad input end to end: each fault leaves a failure row, a log line and the raw bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.snapshot.process import running_snapshot
from tests.support import (
    ROW_FIELDS,
    CrawlResult,
    archived_rows,
    datasette_query,
    expected_articles,
    load_content,
    run_crawl,
)

pytestmark = pytest.mark.crawl

UNAVAILABLE = 101300  # answers 503 every time
SLOW = 101301  # answers after the download timeout
MISLABELLED = 101302  # UTF-8 bytes, header says ISO-8859-1
TRUNCATED = 101303  # cut off mid-markup
DRIFTED = 101304  # the theme's class names changed

FAULTS = (
    f"503:p={UNAVAILABLE}$:0",
    f"slow:p={SLOW}$:8",
    f"charset:p={MISLABELLED}$",
    f"broken:p={TRUNCATED}$",
    f"layout:p={DRIFTED}$",
)


@pytest.fixture(scope="module")
def faulty_crawl(
    tmp_path_factory: pytest.TempPathFactory, categories: dict[str, Any]
) -> Iterator[CrawlResult]:
    args = [part for fault in FAULTS for part in ("--fault", fault)]
    with running_snapshot(*args) as site:
        yield run_crawl(
            tmp_path_factory.mktemp("faults") / "archive.db",
            [f"{site}/en/?cat={category}" for category in categories],
            "-a", "mode=full",
            "-s", "DOWNLOAD_TIMEOUT=4",
            "-s", "RETRY_TIMES=1",
        )  # fmt: skip


def failure_for(result: CrawlResult, post_id: int) -> dict[str, Any]:
    db = sqlite_utils.Database(result.archive_path)
    rows = list(db["failures"].rows_where("url like ?", [f"%p={post_id}"]))
    assert len(rows) == 1, rows
    return rows[0]


def canonical(post_id: int) -> str:
    return f"https://archive.sana.sy/en/?p={post_id}"


def test_the_crawl_survives_every_fault(faulty_crawl: CrawlResult) -> None:
    assert faulty_crawl.returncode == 0, faulty_crawl.log[-3000:]
    run = next(sqlite_utils.Database(faulty_crawl.archive_path).query(
        "select finish_reason from crawl_runs"
    ))  # fmt: skip
    assert run["finish_reason"] == "finished"


def test_other_articles_are_archived_whole(faulty_crawl: CrawlResult) -> None:
    faulty = {canonical(p) for p in (UNAVAILABLE, SLOW, TRUNCATED, DRIFTED)}
    expected = expected_articles(load_content("archive"))
    rows = archived_rows(faulty_crawl.archive_path)
    assert set(rows) == set(expected) - faulty
    for url, row in rows.items():
        assert {f: row[f] for f in ROW_FIELDS} == {f: expected[url][f] for f in ROW_FIELDS}


@pytest.mark.parametrize(
    ("post_id", "stage", "reason"),
    [
        (UNAVAILABLE, "download", "HTTP 503"),
        (SLOW, "download", "TimeoutError"),
        (TRUNCATED, "normalize", "page truncated"),
        (DRIFTED, "normalize", "no body"),
    ],
)
def test_fault_is_a_recorded_failure_with_a_log_line(
    faulty_crawl: CrawlResult, post_id: int, stage: str, reason: str
) -> None:
    failure = failure_for(faulty_crawl, post_id)
    assert failure["stage"] == stage
    assert reason in failure["reason"]
    log_lines = [line for line in faulty_crawl.log.splitlines() if f"p={post_id}" in line]
    assert any(reason in line for line in log_lines), log_lines
    assert canonical(post_id) not in archived_rows(faulty_crawl.archive_path)


@pytest.mark.parametrize("post_id", [UNAVAILABLE, TRUNCATED, DRIFTED])
def test_failure_keeps_the_raw_bytes(faulty_crawl: CrawlResult, post_id: int) -> None:
    failure = failure_for(faulty_crawl, post_id)
    assert failure["raw_size"] == len(failure["raw"]) > 0


def test_truncated_page_keeps_what_was_fetched(faulty_crawl: CrawlResult) -> None:
    raw = failure_for(faulty_crawl, TRUNCATED)["raw"].decode("utf-8", errors="replace")
    assert raw.startswith("<!DOCTYPE html>") and "</html>" not in raw


def test_mislabelled_charset_is_read_as_the_page_declares(faulty_crawl: CrawlResult) -> None:
    row = archived_rows(faulty_crawl.archive_path)[canonical(MISLABELLED)]
    expected = expected_articles(load_content("archive"))[canonical(MISLABELLED)]
    assert row["body"] == expected["body"]
    assert "â€" not in row["body"]
    assert any(
        "Charset mismatch" in line and f"p={MISLABELLED}" in line
        for line in faulty_crawl.log.splitlines()
    )


def test_a_site_answering_only_errors_makes_an_unhealthy_run(tmp_path: Path) -> None:
    with running_snapshot("--fault", "503:^/en/:0") as site:
        result = run_crawl(tmp_path / "down.db", [f"{site}/en/?cat=3"], "-s", "RETRY_TIMES=0")
    assert result.returncode == 0, result.log[-3000:]
    run = next(sqlite_utils.Database(result.archive_path).query("select * from crawl_runs"))
    assert run["healthy"] == 0
    assert "none of 1 requests was answered with a page" in run["health_problems"]
    assert "Unhealthy run" in result.log
    [shown] = datasette_query(result.archive_path, "crawl_health")
    assert shown["verdict"] == "unhealthy"
    assert "none of 1 requests was answered with a page" in shown["causes"]
