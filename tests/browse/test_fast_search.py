"""The articles table's search box leads to the fast canned search; filtered searches stay."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from datasette.app import Datasette

from newscrawler.archive import Archive
from newscrawler.browse.plugins.fast_search import fast_search_target
from newscrawler.normalize.staff import load_roster, person_for
from tests.archive.conftest import make_article
from tests.support import METADATA_PATH, ROOT

PLUGINS_DIR = ROOT / "newscrawler" / "browse" / "plugins"


@pytest.mark.parametrize(
    ("path", "query", "target"),
    [
        ("/archive/articles", "_search=wheat", "/archive/search_articles?q=wheat"),
        ("/archive/articles.json", "_search=wheat&_shape=array",
         "/archive/search_articles.json?q=wheat&_shape=array"),
        ("/demo/articles", "_search=olive+oil&_sort_desc=published",
         "/demo/search_articles?q=olive+oil"),
        ("/archive/articles", "_search=%D8%AF%D9%85%D8%B4%D9%82",
         "/archive/search_articles?q=%D8%AF%D9%85%D8%B4%D9%82"),
        ("/archive/articles", "dateline_place=Aleppo&_search=wheat",
         "/archive/search_articles?q=wheat&place=Aleppo"),
        ("/archive/articles", "_search=wheat&dateline_place__exact=Deir+Ezzor",
         "/archive/search_articles?q=wheat&place=Deir+Ezzor"),
        ("/archive/articles.json", "_search=wheat&staff__arraycontains=Hala+Zain&_shape=array",
         "/archive/search_articles.json?q=wheat&person=Hala+Zain&_shape=array"),
        ("/archive/articles", "categories__arraycontains=Politics&_search=wheat"
         "&dateline_place=Hama&staff__arraycontains=Mazen+Eyon",
         "/archive/search_articles?q=wheat&category=Politics&place=Hama&person=Mazen+Eyon"),
        ("/archive/articles", "_search=wheat&published__date=2017-03-12",
         "/archive/search_articles?q=wheat&day=2017-03-12"),
        ("/archive/articles.json", "published__date=2024-02-29&dateline_place=Hama"
         "&_search=wheat&_shape=array",
         "/archive/search_articles.json?q=wheat&day=2024-02-29&place=Hama&_shape=array"),
    ],
)  # fmt: skip
def test_a_plain_table_search_goes_to_the_canned_search(path: str, query: str, target: str) -> None:
    assert fast_search_target(path, query) == (path.split("/")[1], target)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/archive/articles", ""),
        ("/archive/articles", "_search="),
        ("/archive/articles", "_search=wheat&post_id=2"),
        ("/archive/articles", "_search=wheat&dateline_place=Aleppo&post_id=2"),
        ("/archive/articles", "_search=wheat&dateline_place="),
        ("/archive/articles", "_search=wheat&dateline_place=Hama&dateline_place=Aleppo"),
        ("/archive/articles", "_search=wheat&staff__arraycontains=A&staff__arraycontains=B"),
        ("/archive/articles", "_search=wheat&dateline_place__contains=Ale"),
        # Not a day the canned query can take: the table shows what it makes of it.
        ("/archive/articles", "_search=wheat&published__date="),
        ("/archive/articles", "_search=wheat&published__date=2017-3-12"),
        ("/archive/articles", "_search=wheat&published__date=2023-02-29"),
        ("/archive/articles", "_search=wheat&published__date=2017-03-12T10:00"),
        ("/archive/articles", "_search=wheat&published__date=%D9%A2%D9%A0%D9%A1%D9%A7-03-12"),
        (
            "/archive/articles",
            "_search=wheat&published__date=2017-03-12&published__date=2017-03-13",
        ),
        ("/archive/articles", "_search=wheat&published__gte=2017-03-12"),
        ("/archive/articles", "_search=wheat&dateline_place=Aleppo&_table_search=1"),
        ("/archive/articles", "_search_title=wheat"),
        ("/archive/articles", "_search=wheat&_table_search=1"),
        ("/archive/links", "_search=wheat"),
        ("/archive/articles/1", "_search=wheat"),
    ],
)
def test_other_requests_stay_where_they_are(path: str, query: str) -> None:
    assert fast_search_target(path, query) is None


# (post id, words, dateline place, editor tags, categories)
ARTICLES = (
    (1, "wheat harvest", "Hama", ["Manar al-Frieh"], ["Economy"]),
    (2, "olive harvest", "Aleppo", ["Hala Zain"], ["Economy", "Local"]),
    (3, "rain", "Hama", ["Manar al-Freih"], ["Local"]),
    (4, "harvest festival", "Hama/Idleb", ["Hazem Sabbagh", "Hala Zain"], ["Culture"]),
)


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fast_search") / "archive.db"
    with Archive(path) as archive:
        archive.sync_staff(load_roster())
        for post_id, words, place, tags, categories in ARTICLES:
            article = make_article(
                post_id, title=f"The {words} in {place}", body=f"About {words}.",
                published=f"2017-03-1{post_id}T10:00:00+00:00", dateline_place=place,
                editor_tags=tags, editor_tags_raw="/".join(tags),
                staff=[person_for(tag) for tag in tags], categories=categories,
            )  # fmt: skip
            archive.save_article(article, article["fetched_urls"], "2026-01-01T00:00:00+00:00")
    return path


def get(archive_path: Path, url: str, follow: bool) -> httpx.Response:
    metadata: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

    async def fetch() -> httpx.Response:
        datasette = Datasette([str(archive_path)], metadata=metadata, plugins_dir=str(PLUGINS_DIR))
        return await datasette.client.get(url, follow_redirects=follow)

    return asyncio.run(fetch())


def test_the_search_box_answers_with_the_newest_matches(archive_path: Path) -> None:
    moved = get(archive_path, "/archive/articles?_search=harvest", follow=False)
    assert (moved.status_code, moved.headers["location"]) == (
        302, "/archive/search_articles?q=harvest"
    )  # fmt: skip
    rows = get(archive_path, "/archive/articles.json?_search=harvest&_shape=array", follow=True)
    assert post_ids(rows) == [4, 2, 1]


def post_ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [int(row["url"].rsplit("=", 1)[1]) for row in response.json()]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # A place also within an A/B dateline, as the place's facet counts it.
        ("dateline_place=Hama", [4, 1]),
        ("dateline_place=Aleppo", [2]),
        # The staff facet's canonical name finds every spelling the tags used.
        ("staff__arraycontains=Manar+al-Freih", [1]),
        ("staff__arraycontains=Hala+Zain", [4, 2]),
        ("categories__arraycontains=Economy", [2, 1]),
        ("dateline_place=Hama&staff__arraycontains=Hala+Zain", [4]),
        ("dateline_place=Aleppo&categories__arraycontains=Culture", []),
        # The date facet: the UTC day of `published`.
        ("published__date=2017-03-14", [4]),
        ("published__date=2017-03-13", []),
        ("published__date=2017-03-11&staff__arraycontains=Manar+al-Freih", [1]),
    ],
)
def test_a_search_narrowed_by_a_facet_is_the_fast_search_narrowed(
    archive_path: Path, filters: str, expected: list[int]
) -> None:
    url = f"/archive/articles.json?{filters}&_search=harvest&_shape=array"
    moved = get(archive_path, url, follow=False)
    assert moved.status_code == 302
    assert moved.headers["location"].startswith("/archive/search_articles.json?q=harvest&")
    assert post_ids(get(archive_path, url, follow=True)) == expected


def test_the_table_s_own_search_stays_on_request(archive_path: Path) -> None:
    url = "/archive/articles.json?_search=harvest&dateline_place=Hama&_table_search=1&_shape=array"
    response = get(archive_path, url, follow=False)
    assert response.status_code == 200
    # Datasette's filter is the column's whole value: the Hama/Idleb dateline is not Hama.
    assert [row["post_id"] for row in response.json()] == [1]


def test_a_filtered_search_is_the_table_s_own(archive_path: Path) -> None:
    url = "/archive/articles.json?_search=harvest&post_id=2&_shape=array"
    response = get(archive_path, url, follow=False)
    assert response.status_code == 200
    assert [row["post_id"] for row in response.json()] == [2]


def test_a_day_that_is_no_date_stays_with_the_table(archive_path: Path) -> None:
    url = "/archive/articles.json?_search=harvest&published__date=2017-3-14&_shape=array"
    response = get(archive_path, url, follow=False)
    assert response.status_code == 200
    assert response.json() == []  # Datasette's date(published) is never "2017-3-14"
