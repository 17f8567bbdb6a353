"""The places query and table in Datasette: a place by any edition's name, one row per place."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawler.archive import Archive
from tests.archive.conftest import make_article
from tests.support import datasette_query

SAVED_AT = "2026-01-01T00:00:00+00:00"
# post id → dateline place: one Aleppo article per edition's spelling, as the normalizer
# resolves them all to the gazetteer name, and one elsewhere.
DATELINES = {1: "Aleppo", 2: "Damascus/Aleppo", 3: "Homs"}


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("places_query") / "archive.db"
    with Archive(path) as archive:
        for post_id, place in DATELINES.items():
            article = make_article(post_id, dateline_place=place)
            archive.save_article(article, article["fetched_urls"], SAVED_AT)
    return path


@pytest.mark.parametrize("place", ["Aleppo", "حلب", "Alep", "Алеппо", "Halep", "חלב"])
def test_articles_from_place_by_any_editions_name(archive_path: Path, place: str) -> None:
    rows = datasette_query(archive_path, "articles_from_place", place=place)
    assert {row["url"] for row in rows} == {
        "https://archive.sana.sy/en/?p=1",
        "https://archive.sana.sy/en/?p=2",
    }
    assert {round(row["latitude"], 1) for row in rows} == {36.2}


def test_a_name_of_no_place_finds_nothing(archive_path: Path) -> None:
    assert datasette_query(archive_path, "articles_from_place", place="Kherbet Ghazaleh") == []


def test_the_places_table_shows_each_editions_name(archive_path: Path) -> None:
    rows = {row["name"]: row for row in datasette_query(archive_path, "places", _size="max")}
    damascus = rows["Damascus"]
    assert (damascus["name_ar"], damascus["name_fr"], damascus["name_he"]) == (
        "دمشق",
        "Damas",
        "דמשק",
    )
