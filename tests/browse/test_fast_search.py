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
    ],
)  # fmt: skip
def test_a_plain_table_search_goes_to_the_canned_search(path: str, query: str, target: str) -> None:
    assert fast_search_target(path, query) == (path.split("/")[1], target)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/archive/articles", ""),
        ("/archive/articles", "_search="),
        ("/archive/articles", "_search=wheat&dateline_place=Aleppo"),
        ("/archive/articles", "_search_title=wheat"),
        ("/archive/articles", "_search=wheat&_table_search=1"),
        ("/archive/links", "_search=wheat"),
        ("/archive/articles/1", "_search=wheat"),
    ],
)
def test_other_requests_stay_where_they_are(path: str, query: str) -> None:
    assert fast_search_target(path, query) is None


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fast_search") / "archive.db"
    with Archive(path) as archive:
        for post_id, words in ((1, "wheat harvest"), (2, "olive harvest"), (3, "rain")):
            article = make_article(post_id, title=f"The {words} in Hama", body=f"About {words}.")
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
    assert sorted(row["url"].rsplit("=", 1)[1] for row in rows.json()) == ["1", "2"]


def test_a_filtered_search_is_the_table_s_own(archive_path: Path) -> None:
    url = "/archive/articles.json?_search=harvest&post_id=2&_shape=array"
    response = get(archive_path, url, follow=False)
    assert response.status_code == 200
    assert [row["post_id"] for row in response.json()] == [2]
