"""JSON list columns read as lists of names in Datasette's HTML, each linked to its facet."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import parsel
import pytest
import yaml
from datasette.app import Datasette

from newscrawler.archive import Archive
from newscrawler.browse import PLUGINS_DIR
from newscrawler.browse.plugins.json_lists import list_items
from tests.archive.conftest import make_article
from tests.support import METADATA_PATH


@pytest.mark.parametrize(
    ("value", "items"),
    [
        ('["Manar al-Freih", "Mazen"]', ["Manar al-Freih", "Mazen"]),
        ("[]", []),
        ('["دمشق"]', ["دمشق"]),
        ('[{"src": "a.jpg"}]', None),
        ("[not json", None),
        ('{"a": 1}', None),
        ("Mazen", None),
        (None, None),
        (3, None),
    ],
)
def test_only_lists_of_strings_are_lists(value: Any, items: list[str] | None) -> None:
    assert list_items(value) == items


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("json_lists") / "archive.db"
    tags = ["Manar al-Frieh", "Mazen"]
    with Archive(path) as archive:
        article = make_article(7, editor_tags=tags, staff=["Manar al-Freih", "Mazen"], tags=[])
        archive.save_article(article, article["fetched_urls"], "2026-01-01T00:00:00+00:00")
    return path


def html(archive_path: Path, url: str) -> parsel.Selector:
    metadata: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

    async def fetch() -> str:
        datasette = Datasette([str(archive_path)], metadata=metadata, plugins_dir=str(PLUGINS_DIR))
        response = await datasette.client.get(url)
        assert response.status_code == 200, response.text
        return response.text

    return parsel.Selector(text=asyncio.run(fetch()))


def test_the_articles_table_links_each_person_to_their_articles(archive_path: Path) -> None:
    cell = html(archive_path, "/archive/articles?_col=staff&_col=tags").css("td.col-staff")
    assert cell.css("a.list-item::text").getall() == ["Manar al-Freih", "Mazen"]
    assert cell.css("a.list-item::attr(href)").get() == (
        "/archive/articles?staff__arraycontains=Manar+al-Freih"
    )
    empty = html(archive_path, "/archive/articles?_col=tags").css("td.col-tags")
    assert empty.css("span.list-empty::text").get() == "none"


def test_a_query_shows_the_names_without_facet_links(archive_path: Path) -> None:
    cell = html(archive_path, "/archive/latest_articles").css("td.col-editor_tags")
    assert cell.css("span.list-item::text").getall() == ["Manar al-Frieh", "Mazen"]
    assert cell.css("a.list-item") == []
