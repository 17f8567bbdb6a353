"""Both search paths of the articles table find Arabic articles in every spelling."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import yaml
from datasette.app import Datasette

from newscrawler.archive import Archive
from newscrawler.browse.plugins.fast_search import folded_table_search
from tests.archive.conftest import make_article
from tests.support import METADATA_PATH, ROOT

PLUGINS_DIR = ROOT / "newscrawler" / "browse" / "plugins"
# Written for these tests. (post id, title, body, dateline place)
ARTICLES = (
    (1, "أحمد يفتتح معرض الكتاب", "افتتح المعرض صباح اليوم.", "Damascus"),
    (2, "وزير الثقافة يلتقي الطلاب", "قال احمد إن الطلاب سيزورون المعرض.", "Aleppo"),
    (3, "أمطار غزيرة على الساحل", "توقع أَحمد سالم استمرار الأمطار.", "Damascus"),
    (4, "Book fair opens in Damascus", "Ahmad opened the fair this morning.", "Damascus"),
)
SPELLINGS = ("أحمد", "احمد", "أَحمد", "آحمد", "أحـمد")


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("arabic_search") / "archive.db"
    with Archive(path) as archive:
        for post_id, title, body, place in ARTICLES:
            article = make_article(
                post_id, edition="ar" if post_id < 4 else "en", title=title, body=body,
                dateline_place=place, published=f"2025-01-0{post_id}T09:00:00+00:00",
            )  # fmt: skip
            archive.save_article(article, article["fetched_urls"], "2026-01-01T00:00:00+00:00")
    return path


def get(archive_path: Path, path: str, **params: str) -> httpx.Response:
    metadata: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

    async def fetch() -> httpx.Response:
        datasette = Datasette([str(archive_path)], metadata=metadata, plugins_dir=str(PLUGINS_DIR))
        url = f"{path}?{urlencode({**params, '_shape': 'array'})}"
        return await datasette.client.get(url, follow_redirects=True)

    return asyncio.run(fetch())


def post_ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [int(row["url"].rsplit("=", 1)[1]) for row in response.json()]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_search_box_finds_every_spelling(archive_path: Path, spelling: str) -> None:
    assert post_ids(get(archive_path, "/archive/articles.json", _search=spelling)) == [3, 2, 1]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_canned_searches_find_every_spelling(archive_path: Path, spelling: str) -> None:
    newest = get(archive_path, "/archive/search_articles.json", q=spelling)
    assert post_ids(newest) == [3, 2, 1]
    best = get(archive_path, "/archive/search_articles_best.json", q=spelling)
    assert sorted(post_ids(best)) == [1, 2, 3]


def test_a_narrowed_search_finds_every_spelling(archive_path: Path) -> None:
    for spelling in SPELLINGS:
        response = get(
            archive_path, "/archive/articles.json", _search=spelling, dateline_place="Damascus"
        )
        assert post_ids(response) == [3, 1], spelling


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_table_s_own_search_finds_every_spelling(archive_path: Path, spelling: str) -> None:
    response = get(archive_path, "/archive/articles.json", _search=spelling, _table_search="1")
    assert response.status_code == 200, response.text
    assert sorted(row["post_id"] for row in response.json()) == [1, 2, 3]


def test_english_search_is_unchanged(archive_path: Path) -> None:
    assert post_ids(get(archive_path, "/archive/search_articles.json", q="book fair")) == [4]
    assert post_ids(get(archive_path, "/archive/articles.json", _search="Ahmad")) == [4]


def test_the_body_s_snippet_marks_the_match_in_its_search_form(archive_path: Path) -> None:
    rows = get(archive_path, "/archive/search_articles.json", q="أَحمد").json()
    snippets = {int(row["url"].rsplit("=", 1)[1]): row["snippet"] for row in rows}
    assert snippets[2] == "قال [احمد] ان الطلاب سيزورون المعرض."
    assert snippets[3] == "توقع [احمد] سالم استمرار الامطار."


def test_a_table_search_that_stays_is_folded_and_nothing_else() -> None:
    query = urlencode({"_search": "أَحمد", "_search_title": "مدرسة", "_searchmode": "raw"})
    folded = folded_table_search("/archive/articles", query + "&_table_search=1")
    assert folded == urlencode(
        {"_search": "احمد", "_search_title": "مدرسه", "_searchmode": "raw", "_table_search": "1"}
    )
    assert folded_table_search("/archive/articles", "_search=wheat&_table_search=1") is None
    assert folded_table_search("/archive/links", urlencode({"_search": "أحمد"})) is None
