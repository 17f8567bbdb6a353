"""End to end: `scrapy crawl sana` over the snapshot's archive layout, checked in SQLite."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest
import sqlite_utils
from datasette.app import Datasette
from parsel import Selector
from w3lib.url import url_query_parameter

from newscrawler.snapshot.sahifa_chrome import ARABIC_MONTHS
from tests.support import (
    CrawlResult,
    archived_rows,
    datasette_query,
    expected_articles,
    parametrize_fields,
    run_crawl,
)

pytestmark = pytest.mark.crawl
SEED_ID = 101234


def category_listings(base_url: str, categories: dict[str, Any]) -> list[str]:
    return [f"{base_url}/en/?cat={category_id}" for category_id in categories]


@pytest.fixture(scope="module")
def first_crawl(
    tmp_path_factory: pytest.TempPathFactory, snapshot_url: str, categories: dict[str, Any]
) -> CrawlResult:
    archive_path = tmp_path_factory.mktemp("crawl") / "archive.db"
    return run_crawl(archive_path, category_listings(snapshot_url, categories), "-a", "mode=full")


def test_crawl_exits_cleanly(first_crawl: CrawlResult) -> None:
    assert first_crawl.returncode == 0, first_crawl.log[-3000:]


def test_every_archive_article_is_archived_exactly_once(
    first_crawl: CrawlResult, archive_content: list[dict[str, Any]]
) -> None:
    db = sqlite_utils.Database(first_crawl.archive_path)
    urls = [row["url"] for row in db.query("select url from articles")]
    assert sorted(urls) == sorted(expected_articles(archive_content))
    post_ids = [row["post_id"] for row in db.query("select post_id from articles")]
    assert len(post_ids) == len(set(post_ids))


def test_check_also_only_articles_are_archived(
    first_crawl: CrawlResult, archive_content: list[dict[str, Any]]
) -> None:
    unlisted = {item["expected"]["url"] for item in archive_content if not item["listed"]}
    assert unlisted, "the snapshot must have articles reachable only through Check Also"
    assert unlisted <= set(archived_rows(first_crawl.archive_path))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "expected_field" in metafunc.fixturenames:
        parametrize_fields(metafunc, "archive", ("expected_row", "expected_field"))


def test_archived_field_equals_expected(
    first_crawl: CrawlResult, expected_row: dict[str, Any], expected_field: str
) -> None:
    row = archived_rows(first_crawl.archive_path)[expected_row["url"]]
    assert row[expected_field] == expected_row[expected_field]


def test_links_equal_expected(
    first_crawl: CrawlResult, archive_content: list[dict[str, Any]]
) -> None:
    db = sqlite_utils.Database(first_crawl.archive_path)
    archived = sorted(
        (row["from_url"], row["kind"], row["to_url"], row["anchor_text"], row["teaser"])
        for row in db["links"].rows
    )
    expected = sorted(
        (row["url"], link["kind"], link["to_url"], link["anchor_text"], link["teaser"])
        for row in expected_articles(archive_content).values()
        for link in row["links"]
    )
    assert archived == expected


def test_no_body_holds_check_also_text(
    first_crawl: CrawlResult, archive_content: list[dict[str, Any]]
) -> None:
    teasers = [
        item["check_also"]["teaser"][:40]
        for item in archive_content
        if item.get("check_also") and item["check_also"].get("teaser")
    ]
    for row in archived_rows(first_crawl.archive_path).values():
        assert "Check Also" not in row["body"]
        for teaser in teasers:
            assert " ".join(teaser.split()) not in row["body"], row["url"]


# Sahifa's parts that link to other articles; only the Check Also box may become an edge.
CHROME_LINKS = (
    "#breaking-news a::attr(href)",
    "#main-nav a.mega-menu-link::attr(href)",
    "section#related_posts a::attr(href)",
    "div.post-navigation a::attr(href)",
    "aside#sidebar a::attr(href)",
    "div.footer-widget a::attr(href)",
)


def served_page(url: str) -> Selector:
    with urlopen(url, timeout=30) as response:
        return Selector(text=response.read().decode("utf-8"))


def post_ids(hrefs: list[str]) -> set[str]:
    """Post ids of article links: archived rows carry canonical hosts, pages the snapshot's."""
    return {pid for pid in (url_query_parameter(href, "p") for href in hrefs) if pid}


def test_no_chrome_link_becomes_an_edge(first_crawl: CrawlResult, snapshot_url: str) -> None:
    db = sqlite_utils.Database(first_crawl.archive_path)
    chrome_only = 0
    for row in archived_rows(first_crawl.archive_path).values():
        page = served_page(f"{snapshot_url}/en/?p={row['post_id']}")
        check_also = post_ids(
            page.css("section#check-also-box h2.post-title a::attr(href)").getall()
        )
        chrome = post_ids([href for query in CHROME_LINKS for href in page.css(query).getall()])
        chrome_only += len(chrome - check_also)
        for link in db["links"].rows_where("from_url = ?", [row["url"]]):
            assert link["kind"] == "check_also", link
            assert post_ids([link["to_url"]]) <= check_also, link
    assert chrome_only > 0, "the pages must carry chrome links for this test to mean anything"


def arabic_iso_date(label: str) -> str:
    _, _, rest = label.partition(" , ")
    day, month, year = rest.split()
    return f"{int(year):04d}-{ARABIC_MONTHS.index(month) + 1:02d}-{int(day):02d}"


def test_header_date_is_no_article_date(first_crawl: CrawlResult, snapshot_url: str) -> None:
    label = served_page(f"{snapshot_url}/en/?p={SEED_ID}").css("span.today-date::text").get()
    assert label, "the snapshot must print the header date"
    header_day = arabic_iso_date(label)
    rows = archived_rows(first_crawl.archive_path).values()
    assert all(row["published_local"][:10] != header_day for row in rows)
    assert all((row["modified"] or "")[:10] != header_day for row in rows)


def test_seed_article(first_crawl: CrawlResult) -> None:
    rows = archived_rows(first_crawl.archive_path)
    seed = next(row for row in rows.values() if row["title"].startswith("Lavrov calls"))
    assert seed["title"] == (
        "Lavrov calls for forming united front to fight terrorism in coordination with Syrian"
        " government"
    )
    assert seed["title_raw"].startswith("Updated-")
    assert seed["updated"] is True
    assert (seed["dateline_raw"], seed["dateline_place"], seed["dateline_agency"]) == (
        "Moscow, SANA –",
        "Moscow",
        "SANA",
    )
    assert seed["body"].startswith("Russian Foreign Minister Sergey Lavrov reiterated")
    assert seed["body"].endswith("discussed tomorrow in details.")
    subheading = (
        "Gatilov: Russia assumes its duty in Syria to support the cessation of hostilities"
        " agreement"
    )
    assert f"\n\n{subheading}\n\n" in seed["body"]
    assert seed["subheadings"] == [subheading]
    for absent in ("Manar al-Freih", "Check Also", "Lavrov slams silence", "Berlin, SANA"):
        assert absent not in seed["body"]
    assert seed["editor_tags"] == ["Manar al-Freih", "Mazen", "Hazem Sabbagh"]
    assert seed["editor_tags_raw"] == "Manar al-Freih /Mazen/ Hazem Sabbagh"
    links = list(
        sqlite_utils.Database(first_crawl.archive_path)["links"].rows_where(
            "from_url = ?", [seed["url"]]
        )
    )
    assert [(link["kind"], link["anchor_text"]) for link in links] == [
        (
            "check_also",
            "Lavrov slams silence towards presence of thousands of terrorists in Idleb",
        )
    ]
    assert links[0]["teaser"].startswith("Berlin, SANA-")


def test_incomplete_articles_are_recorded_failures(
    first_crawl: CrawlResult, archive_content: list[dict[str, Any]]
) -> None:
    broken = {
        item["post_id"]: item["expected"]["failure"]
        for item in archive_content
        if "failure" in item["expected"]
    }
    assert broken, "the snapshot must serve articles with no title and no body"
    db = sqlite_utils.Database(first_crawl.archive_path)
    failures = list(db.query("select url, stage, reason, raw_size from failures"))
    for post_id, missing in broken.items():
        matching = [f for f in failures if f"p={post_id}" in f["url"]]
        assert len(matching) == 1, failures
        assert matching[0]["stage"] == "normalize"
        assert missing in matching[0]["reason"]
        assert matching[0]["raw_size"] > 0
        assert f"p={post_id}" in first_crawl.log and missing in first_crawl.log


def test_unreadable_dateline_keeps_raw_and_body(
    first_crawl: CrawlResult, archive_content: list[dict[str, Any]]
) -> None:
    rows = archived_rows(first_crawl.archive_path)
    unreadable = [
        rows[item["expected"]["url"]]
        for item in archive_content
        if "failure" not in item["expected"]
        and item["expected"]["dateline_raw"]
        and item["expected"]["dateline_place"] is None
    ]
    assert unreadable, "the snapshot must serve an article with an unreadable dateline"
    for row in unreadable:
        assert row["dateline_place"] is None and row["dateline_agency"] is None
        assert row["body"].startswith(row["dateline_raw"])


def test_crawl_run_is_recorded(first_crawl: CrawlResult) -> None:
    db = sqlite_utils.Database(first_crawl.archive_path)
    runs = list(db["crawl_runs"].rows)
    assert len(runs) >= 1
    run = runs[0]
    assert run["finish_reason"] == "finished"
    assert run["articles_new"] == db["articles"].count
    assert run["failures"] >= 2
    assert run["pages_fetched"] > run["articles_new"]


def content_hashes(db: sqlite_utils.Database) -> dict[str, str]:
    return {
        row["url"]: row["content_hash"]
        for row in db.query("select url, content_hash from articles")
    }


def test_second_crawl_changes_nothing(
    first_crawl: CrawlResult, snapshot_url: str, categories: dict[str, Any]
) -> None:
    db = sqlite_utils.Database(first_crawl.archive_path)
    before = {
        row["url"]: row["content_hash"]
        for row in db.query("select url, content_hash from articles")
    }
    second = run_crawl(
        first_crawl.archive_path, category_listings(snapshot_url, categories), "-a", "mode=full"
    )
    assert second.returncode == 0, second.log[-3000:]
    after = {
        row["url"]: row["content_hash"]
        for row in db.query("select url, content_hash from articles")
    }
    assert after == before
    last_run = next(db.query("select * from crawl_runs order by id desc limit 1"))
    assert (last_run["articles_new"], last_run["articles_changed"]) == (0, 0)
    assert last_run["articles_unchanged"] == len(before)


def datasette_get(path: Path, url: str) -> Any:
    async def fetch() -> Any:
        response = await Datasette([str(path)]).client.get(url)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_datasette_full_text_search_finds_the_seed(first_crawl: CrawlResult) -> None:
    # With the README's Datasette (metadata and plugins): the index reads the search form (m015).
    rows = datasette_query(
        first_crawl.archive_path,
        "articles",
        _search='"united front"',
        _table_search="1",
        _col="title",
    )
    assert [row["title"] for row in rows] == [
        "Lavrov calls for forming united front to fight terrorism in coordination with Syrian"
        " government"
    ]


def test_datasette_facets_dateline_place(first_crawl: CrawlResult) -> None:
    name = first_crawl.archive_path.stem
    data = datasette_get(
        first_crawl.archive_path, f"/{name}/articles.json?_facet=dateline_place&_size=0"
    )
    facet = {
        result["value"]: result["count"]
        for result in data["facet_results"]["dateline_place"]["results"]
    }
    db = sqlite_utils.Database(first_crawl.archive_path)
    moscow = db.execute("select count(*) from articles where dateline_place = 'Moscow'").fetchone()
    assert facet["Moscow"] == moscow[0] >= 1
    assert "Idleb" in facet or "Lattakia" in facet
