"""End to end: incremental runs, catching updates and politeness, measured in the request log."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.snapshot.generate import FIRST_GENERATED_POST_ID
from newscrawler.snapshot.process import running_snapshot
from tests.support import CrawlResult, free_port, generated_only_content, run_crawl

pytestmark = pytest.mark.crawl

ARTICLE_PAGE = re.compile(r"^/en/\?p=(\d+)$")
NO_RECHECKS = (
    "-s",
    "NEWSCRAWLER_RECHECK_EVERY_RUN_DAYS=0",
    "-s",
    "NEWSCRAWLER_RECHECK_DAILY_DAYS=0",
    "-s",
    "NEWSCRAWLER_RECHECK_WEEKLY_DAYS=0",
)


def requests_in(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def article_ids(records: list[dict[str, Any]]) -> list[int]:
    return [int(m[1]) for r in records if (m := ARTICLE_PAGE.match(r["path"]))]


def last_run(archive_path: Path) -> dict[str, Any]:
    db = sqlite_utils.Database(archive_path)
    return next(iter(db.query("select * from crawl_runs order by id desc limit 1")))


def checked(result: CrawlResult) -> CrawlResult:
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def generated_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content folder with categories and sections but no hand-written articles."""
    return generated_only_content(tmp_path_factory.mktemp("generated-only"))


@dataclass(frozen=True)
class Runs:
    archive_path: Path
    repeat_requests: list[dict[str, Any]]
    repeat: dict[str, Any]
    more_requests: list[dict[str, Any]]
    more: dict[str, Any]


@pytest.fixture(scope="module")
def incremental_runs(tmp_path_factory: pytest.TempPathFactory, generated_only: Path) -> Runs:
    """500 articles archived; the same again (re-checks off); then 520, 20 of them new."""
    folder = tmp_path_factory.mktemp("incremental")
    archive_path = folder / "archive.db"
    port = str(free_port())
    content = ("--content", str(generated_only), "--port", port)
    log, more_log = folder / "requests-500.jsonl", folder / "requests-520.jsonl"
    with running_snapshot(*content, "--generate", "500", "--request-log", str(log)) as url:
        checked(run_crawl(archive_path, [f"{url}/en/?paged=1"]))
        first_run_requests = len(requests_in(log))
        checked(run_crawl(archive_path, [f"{url}/en/?paged=1"], *NO_RECHECKS))
        repeat = last_run(archive_path)
    with running_snapshot(*content, "--generate", "520", "--request-log", str(more_log)) as url:
        checked(run_crawl(archive_path, [f"{url}/en/?paged=1"]))
        more = last_run(archive_path)
    repeat_requests = requests_in(log)[first_run_requests:]
    return Runs(archive_path, repeat_requests, repeat, requests_in(more_log), more)


def test_first_run_archives_every_generated_article(incremental_runs: Runs) -> None:
    db = sqlite_utils.Database(incremental_runs.archive_path)
    first = next(iter(db.query("select * from crawl_runs order by id limit 1")))
    assert first["articles_new"] == 500


def test_unchanged_site_refetches_at_most_one_percent_of_articles(incremental_runs: Runs) -> None:
    records = incremental_runs.repeat_requests
    assert records, "the second run made no request at all"
    assert len(article_ids(records)) <= 5
    assert incremental_runs.repeat["articles_new"] == 0
    assert incremental_runs.repeat["articles_changed"] == 0


def test_new_articles_are_archived_with_few_requests(incremental_runs: Runs) -> None:
    new_ids = set(range(FIRST_GENERATED_POST_ID + 500, FIRST_GENERATED_POST_ID + 520))
    db = sqlite_utils.Database(incremental_runs.archive_path)
    archived = {row["post_id"] for row in db.query("select post_id from articles")}
    assert new_ids <= archived and len(archived) == 520
    assert incremental_runs.more["articles_new"] == 20
    assert incremental_runs.more["articles_changed"] == 0
    records = incremental_runs.more_requests
    assert set(article_ids(records)) == new_ids
    assert len(records) / len(new_ids) <= 1.5


@pytest.mark.parametrize(
    ("post_id", "start_path"),
    [(101323, "/en/?cat=6"), (2270158, "/en/politics/")],
    ids=["archive", "relaunch"],
)
def test_an_edited_recent_article_is_caught_by_its_recheck(
    tmp_path: Path, post_id: int, start_path: str
) -> None:
    archive_path = tmp_path / "archive.db"
    port = str(free_port())
    # Every article counts as recent, so each gets a conditional re-check in the second run.
    all_recent = ("-s", "NEWSCRAWLER_RECHECK_EVERY_RUN_DAYS=100000")
    listed_only = ("-a", "follow_check_also=false")
    with running_snapshot("--port", port) as url:
        checked(run_crawl(archive_path, [url + start_path], *listed_only))
    log = tmp_path / "requests.jsonl"
    edited = ("--port", port, "--serve-version", f"{post_id}:1", "--request-log", str(log))
    with running_snapshot(*edited) as url:
        checked(run_crawl(archive_path, [url + start_path], *listed_only, *all_recent))
    db = sqlite_utils.Database(archive_path)
    [row] = db.query("select url, revision from articles where post_id = ?", [post_id])
    assert row["revision"] == 2
    assert [r["revision"] for r in db.query("select revision from revisions")] == [1]
    run = last_run(archive_path)
    assert (run["articles_new"], run["articles_changed"]) == (0, 1)
    records = requests_in(log)
    conditional = [r for r in records if r["if_none_match"]]
    assert any(r["status"] == 304 for r in conditional)
    assert run["articles_unchanged"] == sum(r["status"] == 304 for r in conditional) + sum(
        r["status"] == 200 for r in conditional if str(post_id) not in r["path"]
    )


@pytest.fixture(scope="module")
def polite_log(
    tmp_path_factory: pytest.TempPathFactory, generated_only: Path
) -> Iterator[list[dict[str, Any]]]:
    """Three articles, Crawl-delay: 1, AutoThrottle on, and one 503 asking to wait 2 s."""
    folder = tmp_path_factory.mktemp("polite")
    log = folder / "requests.jsonl"
    target = f"p={FIRST_GENERATED_POST_ID + 1}$"
    options = ("--content", str(generated_only), "--generate", "3", "--crawl-delay", "1")
    options += ("--fault", f"503:{target}:1:2", "--request-log", str(log))
    polite = ("NEWSCRAWLER_OBEY_CRAWL_DELAY=True", "AUTOTHROTTLE_ENABLED=True")
    polite += ("AUTOTHROTTLE_START_DELAY=0",)
    with running_snapshot(*options) as url:
        settings = [arg for setting in polite for arg in ("-s", setting)]
        result = checked(run_crawl(folder / "archive.db", [f"{url}/en/?paged=1"], *settings))
    rows = sqlite_utils.Database(result.archive_path)["articles"].count
    assert rows == 3
    yield requests_in(log)


def test_crawl_delay_spaces_every_request_even_under_autothrottle(
    polite_log: list[dict[str, Any]],
) -> None:
    assert polite_log[0]["path"] == "/robots.txt"
    assert len(polite_log) >= 5
    gaps = [b["ts"] - a["ts"] for a, b in itertools.pairwise(polite_log)]
    # Times are taken as each request arrives; a little scheduling noise is allowed for.
    assert min(gaps) >= 0.95


def test_a_503_is_retried_after_its_retry_after(polite_log: list[dict[str, Any]]) -> None:
    path = f"/en/?p={FIRST_GENERATED_POST_ID + 1}"
    attempts = [r for r in polite_log if r["path"] == path]
    assert [r["status"] for r in attempts] == [503, 200]
    assert attempts[1]["ts"] - attempts[0]["ts"] >= 2
