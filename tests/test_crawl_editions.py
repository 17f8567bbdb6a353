"""End to end: `scrapy crawl sana -a edition=ar` (and French, and two editions at once) over the
snapshot site's editions, checked in SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.sites import profiles
from newscrawler.snapshot.process import running_snapshot
from tests.support import (
    ROOT,
    ROW_FIELDS,
    CrawlResult,
    archived_rows,
    expected_articles,
    run_crawl,
)

pytestmark = pytest.mark.crawl
SNAPSHOT = ROOT / "newscrawler" / "snapshot"
# Every field of the snapshot's expected rows but `dateline_agency`: the profiles name the
# agency `SANA` in every edition (`[vocabulary] agency`), the Arabic content files `سانا`.
CHECKED_FIELDS = tuple(field for field in ROW_FIELDS if field != "dateline_agency")


def edition_content(edition: str) -> list[dict[str, Any]]:
    """The snapshot's hand-written articles of an edition, both layouts."""
    folder = SNAPSHOT / f"content_{edition}"
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*/*.json"))
        if path.parent.name in ("archive", "relaunch")
    ]


# Each edition the snapshot serves, crawled from its home listing and its feed.
START_PATHS = {"ar": ("/?paged=1", "/feed/"), "fr": ("/fr/?paged=1", "/fr/feed/")}
EXPECTED = {edition: expected_articles(edition_content(edition)) for edition in START_PATHS}
ARABIC = EXPECTED["ar"]
FIELD_CASES = [
    (edition, url, field)
    for edition, rows in EXPECTED.items()
    for url in rows
    for field in CHECKED_FIELDS
]


class EditionCrawls:
    """One `scrapy crawl sana -a edition=<code>` per edition, run when a test first needs it."""

    def __init__(self, folder: Path, base_url: str) -> None:
        self.folder = folder
        self.base_url = base_url
        self.done: dict[str, CrawlResult] = {}

    def __call__(self, edition: str) -> CrawlResult:
        if edition not in self.done:
            start_urls = [self.base_url + path for path in START_PATHS[edition]]
            archive_path = self.folder / f"{edition}.db"
            self.done[edition] = run_crawl(
                archive_path, start_urls, "-a", f"edition={edition}", "-a", "mode=full"
            )
        return self.done[edition]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, snapshot_url: str) -> EditionCrawls:
    return EditionCrawls(tmp_path_factory.mktemp("crawl_editions"), snapshot_url)


@pytest.mark.parametrize("edition", list(START_PATHS))
def test_edition_crawl_exits_cleanly(crawl: EditionCrawls, edition: str) -> None:
    result = crawl(edition)
    assert result.returncode == 0, result.log[-3000:]


@pytest.mark.parametrize("edition", list(START_PATHS))
def test_every_article_is_archived_once_under_its_editions_canonical_url(
    crawl: EditionCrawls, edition: str
) -> None:
    assert EXPECTED[edition], f"the snapshot must serve {edition} articles"
    db = sqlite_utils.Database(crawl(edition).archive_path)
    urls = [row["url"] for row in db.query("select url from articles")]
    assert sorted(urls) == sorted(EXPECTED[edition])
    prefix = "https://sana.sy/" if edition == "ar" else f"https://sana.sy/{edition}/"
    assert all(url.startswith(prefix) and "/en/" not in url for url in urls)


@pytest.mark.parametrize("edition", list(START_PATHS))
def test_every_row_names_its_edition_and_language(crawl: EditionCrawls, edition: str) -> None:
    db = sqlite_utils.Database(crawl(edition).archive_path)
    pairs = {(row["edition"], row["language"]) for row in db.query("select * from articles")}
    assert pairs == {(edition, edition)}


@pytest.mark.parametrize(
    ("edition", "url", "field"),
    FIELD_CASES,
    ids=[f"{edition}-{EXPECTED[edition][url]['post_id']}-{f}" for edition, url, f in FIELD_CASES],
)
def test_field_as_expected(crawl: EditionCrawls, edition: str, url: str, field: str) -> None:
    row = archived_rows(crawl(edition).archive_path)[url]
    assert row[field] == EXPECTED[edition][url][field]


@pytest.mark.parametrize("edition", list(START_PATHS))
def test_datelines_name_the_agency_as_the_profile_does(crawl: EditionCrawls, edition: str) -> None:
    db = sqlite_utils.Database(crawl(edition).archive_path)
    rows = list(db.query("select dateline_agency from articles where dateline_place is not null"))
    assert rows
    assert {row["dateline_agency"] for row in rows} == {profiles()[edition].vocabulary.agency}


def test_promotion_lines_never_reach_an_arabic_body(crawl: EditionCrawls) -> None:
    db = sqlite_utils.Database(crawl("ar").archive_path)
    for row in db.query("select url, body from articles"):
        assert "telegram.me" not in row["body"], row["url"]
        assert "تابعونا" not in row["body"], row["url"]


def test_the_malformed_arabic_feed_is_read_leniently_and_recorded(
    crawl: EditionCrawls, snapshot_url: str
) -> None:
    feed_url = f"{snapshot_url}/feed/"
    result = crawl("ar")
    db = sqlite_utils.Database(result.archive_path)
    [run] = list(db.query("select stop_reasons from crawl_runs"))
    stops = json.loads(run["stop_reasons"])
    assert stops["feed_recovered"] == {"count": 1, "first_url": feed_url}
    assert "feed_unusable" not in stops
    assert f"Feed {feed_url} is not well-formed XML (Attribute xmlns:media redefined)" in result.log
    assert list(db.query("select * from failures where url = ?", [feed_url])) == []
    # Its relaunched articles are reached through it: no Arabic listing of that layout is walked.
    relaunched = list(db.query("select url from articles where layout = 'relaunch'"))
    assert len(relaunched) == sum(row["layout"] == "relaunch" for row in ARABIC.values()) > 0


def test_an_unreadable_feed_is_a_failure_and_its_editions_listings_are_walked(
    tmp_path: Path,
) -> None:
    with running_snapshot("--fault", "unreadable:^/feed/$") as site:
        result = run_crawl(tmp_path / "archive.db", [f"{site}/feed/"], "-a", "edition=ar")
    assert result.returncode == 0, result.log[-3000:]
    db = sqlite_utils.Database(tmp_path / "archive.db")
    [run] = list(db.query("select stop_reasons from crawl_runs"))
    assert json.loads(run["stop_reasons"])["feed_unusable"]["first_url"] == f"{site}/feed/"
    [failure] = list(db.query("select stage, reason, raw from failures"))
    assert (failure["stage"], failure["raw"][:6]) == ("parse", b"<br />")
    assert failure["reason"].startswith("unreadable feed (")
    assert f"Parse failed for {site}/feed/: unreadable feed (" in result.log
    # The fallback listings (the Arabic news category, the home listing) reach the archive.
    archive_articles = {url for url, row in ARABIC.items() if row["layout"] == "archive"}
    listed = {row["url"] for row in db.query("select url from articles")}
    assert listed and listed <= set(ARABIC)
    assert listed & archive_articles


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory, snapshot_url: str) -> CrawlResult:
    archive_path = tmp_path_factory.mktemp("crawl_en_ar") / "archive.db"
    start_urls = [f"{snapshot_url}/en/?paged=1", f"{snapshot_url}/?paged=1"]
    return run_crawl(archive_path, start_urls, "-a", "editions=en,ar", "-a", "mode=full")


def test_two_editions_are_kept_apart(two_editions: CrawlResult) -> None:
    assert two_editions.returncode == 0, two_editions.log[-3000:]
    db = sqlite_utils.Database(two_editions.archive_path)
    rows = list(db.query("select url, edition, language from articles"))
    by_edition = {edition: [r for r in rows if r["edition"] == edition] for edition in ("en", "ar")}
    assert by_edition["en"] and by_edition["ar"]
    assert len(by_edition["en"]) + len(by_edition["ar"]) == len(rows)
    assert all(r["url"].startswith("https://") and "/en/" in r["url"] for r in by_edition["en"])
    assert all("/en/" not in r["url"] and r["language"] == "ar" for r in by_edition["ar"])
    assert {r["url"] for r in by_edition["ar"]} <= set(ARABIC)


def test_an_unknown_edition_stops_the_crawl_naming_the_known_ones(tmp_path: Path) -> None:
    crawl = run_crawl(tmp_path / "archive.db", ["http://127.0.0.1:9/"], "-a", "edition=xx")
    assert crawl.returncode != 0
    assert "unknown edition 'xx': choose from ar, en, es, fa, fr, he, ru, tr or all" in crawl.log


def test_the_demo_archives_english_and_arabic(tmp_path: Path) -> None:
    archive = tmp_path / "demo" / "demo.db"
    completed = subprocess.run(
        [sys.executable, "-m", "newscrawler", "demo", "--archive", str(archive)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    db = sqlite_utils.Database(archive)
    counts = {
        row["edition"]: row["n"]
        for row in db.query("select edition, count(*) as n from articles group by edition")
    }
    assert set(counts) == {"en", "ar"}
    assert counts["ar"] == len(ARABIC)
