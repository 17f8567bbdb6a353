"""Half rows end to end: pages whose text is partly lost are archived flagged, never silently."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
import yaml

from newscrawler.snapshot.process import running_snapshot
from tests.support import (
    ROW_FIELDS,
    CrawlResult,
    archived_rows,
    expected_articles,
    load_content,
    run_crawl,
)

pytestmark = pytest.mark.crawl

SWALLOWED = ("/en/?p=101150", "/en/economy/2270110/")  # an unclosed <script> after paragraph 1
UNCLOSED = "/en/?p=101300"  # an unclosed <div> after paragraph 1: the entry runs on
HUGE_TITLE = "/en/?p=101200"  # a 100 KB title
SHORT = ("/en/?p=101234", "/en/politics/2270104/")  # one paragraph printed, articleBody whole
CLEAN = ("/en/?p=101305", "/en/society/2270125/")
TITLE_SIZE = 100_000
FAULTS = (
    *(f"script:{path.replace('?', '[?]')}$" for path in SWALLOWED),
    f"unclosed:{UNCLOSED.replace('?', '[?]')}$",
    f"title:{HUGE_TITLE.replace('?', '[?]')}$:{TITLE_SIZE}",
    *(f"short:{path.replace('?', '[?]')}$" for path in SHORT),
)
SWALLOWED_PROBLEM = "text swallowed by an unclosed <script>: the body stops where it opens"
UNCLOSED_PROBLEM = (
    "no end-of-entry marker where the entry ends: it sits inside the entry (unclosed markup);"
    " the body was read up to it"
)
METADATA = Path(__file__).resolve().parent.parent / "exports" / "metadata.yml"


def canonical(path: str) -> str:
    host = "https://archive.sana.sy" if "?p=" in path else "https://sana.sy"
    return host + path


@pytest.fixture(scope="module")
def flagged_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawlResult]:
    args = [part for fault in FAULTS for part in ("--fault", fault)]
    paths = [*SWALLOWED, UNCLOSED, HUGE_TITLE, *SHORT, *CLEAN]
    with running_snapshot(*args) as site:
        yield run_crawl(
            tmp_path_factory.mktemp("flagged") / "archive.db",
            [site + path for path in paths],
            "-a", "mode=full",
            "-a", "follow_check_also=false",
        )  # fmt: skip


def problems_of(result: CrawlResult) -> dict[str, list[str]]:
    rows = archived_rows(result.archive_path)
    return {url: json.loads(row["problems"]) for url, row in rows.items()}


def log_lines(result: CrawlResult, path: str) -> list[str]:
    return [line for line in result.log.splitlines() if path in line and "WARNING" in line]


def test_every_page_is_archived(flagged_crawl: CrawlResult) -> None:
    assert flagged_crawl.returncode == 0, flagged_crawl.log[-3000:]
    expected = {canonical(p) for p in (*SWALLOWED, UNCLOSED, HUGE_TITLE, *SHORT, *CLEAN)}
    assert set(archived_rows(flagged_crawl.archive_path)) == expected


@pytest.mark.parametrize("path", SWALLOWED)
def test_swallowed_text_is_flagged_with_a_log_line(flagged_crawl: CrawlResult, path: str) -> None:
    assert any(SWALLOWED_PROBLEM in line for line in log_lines(flagged_crawl, path))
    assert problems_of(flagged_crawl)[canonical(path)] == [SWALLOWED_PROBLEM]


def test_unclosed_entry_is_flagged_and_read_only_up_to_its_end(flagged_crawl: CrawlResult) -> None:
    assert any(UNCLOSED_PROBLEM in line for line in log_lines(flagged_crawl, UNCLOSED))
    row = archived_rows(flagged_crawl.archive_path)[canonical(UNCLOSED)]
    expected = expected_articles(load_content("archive"))[canonical(UNCLOSED)]
    assert {f: row[f] for f in ROW_FIELDS} == {f: expected[f] for f in ROW_FIELDS}
    assert json.loads(row["problems"]) == [UNCLOSED_PROBLEM]


def test_huge_title_is_flagged_and_stored_cut(flagged_crawl: CrawlResult) -> None:
    row = archived_rows(flagged_crawl.archive_path)[canonical(HUGE_TITLE)]
    assert len(row["title"]) == 300 and len(row["title_raw"]) == 2000
    [problem] = json.loads(row["problems"])
    assert problem.startswith(f"implausible title: {TITLE_SIZE} characters")
    assert any("implausible title" in line for line in log_lines(flagged_crawl, HUGE_TITLE))


@pytest.mark.parametrize("path", SHORT)
def test_short_body_is_flagged_against_its_article_body(
    flagged_crawl: CrawlResult, path: str
) -> None:
    [line] = [line for line in log_lines(flagged_crawl, path) if "body lacks " in line]
    [problem] = problems_of(flagged_crawl)[canonical(path)]
    assert problem.startswith("body lacks ") and problem.endswith(" of the page's articleBody")
    assert line.endswith(problem)


def test_clean_articles_are_not_flagged(flagged_crawl: CrawlResult) -> None:
    problems = problems_of(flagged_crawl)
    assert {path: problems[canonical(path)] for path in CLEAN} == {path: [] for path in CLEAN}


def test_flagged_fields_do_not_count_in_field_coverage(flagged_crawl: CrawlResult) -> None:
    db = sqlite_utils.Database(flagged_crawl.archive_path)
    [run] = db.query("select field_coverage from crawl_runs")
    coverage = json.loads(run["field_coverage"])
    assert coverage["articles"] == 8
    assert coverage["body"] == round(3 / 8, 3)  # two swallowed, one unclosed, two short
    assert coverage["title"] == round(7 / 8, 3)


def test_the_flagged_articles_query_lists_exactly_them(flagged_crawl: CrawlResult) -> None:
    metadata: dict[str, Any] = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    sql = metadata["databases"]["archive"]["queries"]["flagged_articles"]["sql"]
    rows = list(sqlite_utils.Database(flagged_crawl.archive_path).query(sql))
    flagged = {canonical(p) for p in (*SWALLOWED, UNCLOSED, HUGE_TITLE, *SHORT)}
    assert {row["url"] for row in rows} == flagged
    assert all(row["warc_file"] for row in rows)
