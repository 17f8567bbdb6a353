"""search_articles gives the 50 newest matches whichever way it narrows: past 20,000 articles a
place or person is checked on each match, below that its articles are taken first; a day reads
only its stretch of the index and still answers as `date(published)` does."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasette.app import Datasette

from newscrawler.archive import Archive
from newscrawler.archive.bulk import bulk_load_articles
from tests.archive.conftest import make_article
from tests.support import METADATA_PATH, ROOT

PLUGINS_DIR = ROOT / "newscrawler" / "browse" / "plugins"
# More articles than search_articles' 20,000 for Damascus and for the person Rama Habib; each
# month's first day (UTC) holds 2,000 of them.
ARTICLES = 20_400
# Articles whose date a later capture corrected (post id, first date, corrected date): each
# keeps the rowid of its first date, so its rowid lies in another day's stretch.
CORRECTED = (
    (900_001, "2020-01-01T05:00:00+00:00", "2020-03-01T05:00:00+00:00"),  # into a busy day
    (900_002, "2020-03-01T06:00:00+00:00", "2020-05-01T06:00:00+00:00"),  # out of one
)


def rows() -> Iterator[dict[str, Any]]:
    for index in range(ARTICLES):
        place = "Hama" if index % 97 == 0 else "Damascus/Hama" if index % 89 == 0 else "Damascus"
        staff = ["Hala Zain"] if index % 83 == 0 else ["Rama Habib"]
        words = "wheat harvest" if index % 3 == 0 else "olive harvest" if index % 5 else "rain"
        yield {
            "url": f"https://archive.sana.sy/en/?p={index}",
            "post_id": index,
            "title": f"The {words} report {index}",
            "body": f"Farmers spoke about the {words}.",
            "published": f"2020-01-01T00:00:{index % 60:02d}+00:00".replace(
                "2020-01-01", f"2020-{1 + index // 2000:02d}-01"
            ),
            "dateline_place": place,
            "staff": json.dumps(staff),
            "editor_tags": json.dumps(staff),
            "categories": json.dumps(["Local"] if index % 7 == 0 else ["Economy"]),
            "first_seen": "2026-01-01T00:00:00+00:00",
            "last_seen": "2026-01-01T00:00:00+00:00",
            "content_hash": f"{index:016x}",
            "revision": 1,
        }


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search_paths") / "archive.db"
    bulk_load_articles(path, rows())
    with Archive(path) as archive:
        for post_id, first, corrected in CORRECTED:
            for published in (first, corrected):
                article = make_article(
                    post_id, title="The saffron harvest", body="Pickers spoke about saffron.",
                    published=published, dateline_place="Damascus",
                )  # fmt: skip
                archive.save_article(article, article["fetched_urls"], published)
    return path


def searched(archive_path: Path, **params: str) -> list[str]:
    metadata: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

    async def fetch() -> list[str]:
        datasette = Datasette([str(archive_path)], metadata=metadata, plugins_dir=str(PLUGINS_DIR))
        response = await datasette.client.get(
            "/archive/search_articles.json", params={**params, "_shape": "array"}
        )
        assert response.status_code == 200, response.text
        return [row["url"] for row in response.json()]

    return asyncio.run(fetch())


def searched_from_table(archive_path: Path, q: str, day: str) -> list[str]:
    """What the table's search box gives with the date facet clicked."""
    metadata: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

    async def fetch() -> list[str]:
        datasette = Datasette([str(archive_path)], metadata=metadata, plugins_dir=str(PLUGINS_DIR))
        url = f"/archive/articles.json?published__date={day}&_search={q}&_shape=array"
        moved = await datasette.client.get(url)
        assert moved.status_code == 302, moved.text
        response = await datasette.client.get(moved.headers["location"])
        assert response.status_code == 200, response.text
        return [row["url"] for row in response.json()]

    return asyncio.run(fetch())


def newest_matches(
    archive_path: Path, q: str, place: str, person: str, category: str, day: str = ""
) -> list[str]:
    """The same 50, found the slow and obvious way."""
    connection = sqlite3.connect(archive_path)
    try:
        found = connection.execute(
            """select url from articles
            where rowid in (select rowid from articles_fts where articles_fts match :q)
              and (:day = '' or date(published) = :day)
              and (:place = '' or exists (select 1 from article_places
                where article_url = articles.url and place = :place))
              and (:person = '' or exists (select 1 from article_staff
                join staff on staff.id = article_staff.staff_id
                where article_url = articles.url and staff.name = :person))
              and (:category = '' or exists (select 1 from json_each(articles.categories)
                where value = :category))
            order by rowid desc limit 50""",
            {"q": q, "place": place, "person": person, "category": category, "day": day},
        ).fetchall()
    finally:
        connection.close()
    return [url for (url,) in found]


@pytest.mark.parametrize(
    ("q", "place", "person", "category"),
    [
        ("harvest", "", "", ""),
        ("harvest", "Damascus", "", ""),  # over 20,000 articles: each match checked
        ("harvest", "Hama", "", ""),  # a few hundred, also in Damascus/Hama datelines
        ("rain", "Hama", "", ""),
        ("harvest", "", "Rama Habib", ""),  # over 20,000
        ("wheat", "", "Hala Zain", ""),
        ("wheat", "Damascus", "Hala Zain", ""),  # the person's few articles drive
        ("harvest", "Hama", "Rama Habib", "Local"),
        ("rain", "Damascus", "", "Local"),
        ("olive", "", "", "Local"),
    ],
)
def test_every_way_of_narrowing_gives_the_newest_matches(
    archive_path: Path, q: str, place: str, person: str, category: str
) -> None:
    expected = newest_matches(archive_path, q, place, person, category)
    assert expected, "a case that finds nothing proves nothing"
    got = searched(archive_path, q=q, place=place, person=person, category=category)
    assert got == expected


@pytest.mark.parametrize(
    ("q", "place", "person", "category", "day"),
    [
        ("harvest", "", "", "", "2020-03-01"),  # a busy day: 2,000 articles
        ("harvest", "", "", "", "2020-11-01"),  # the last day, 400
        ("harvest", "Hama", "", "", "2020-03-01"),
        ("wheat", "", "Hala Zain", "", "2020-05-01"),
        ("rain", "Damascus", "", "Local", "2020-01-01"),
        ("harvest", "Damascus", "Rama Habib", "", "2020-07-01"),
    ],
)
def test_a_day_narrows_every_search_to_that_day_s_newest_matches(
    archive_path: Path, q: str, place: str, person: str, category: str, day: str
) -> None:
    expected = newest_matches(archive_path, q, place, person, category, day)
    assert expected, "a case that finds nothing proves nothing"
    got = searched(archive_path, q=q, place=place, person=person, category=category, day=day)
    assert got == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2020-03-01", ["https://archive.sana.sy/en/?p=900001"]),  # its rowid is in January
        ("2020-05-01", ["https://archive.sana.sy/en/?p=900002"]),  # its rowid is in March
        ("2020-01-01", []),  # the first date of the article now dated 1 March
        ("2020-02-15", []),  # a day without articles
    ],
)
def test_a_day_is_the_published_date_even_after_a_correction(
    archive_path: Path, day: str, expected: list[str]
) -> None:
    assert newest_matches(archive_path, "saffron", "", "", "", day) == expected
    assert searched_from_table(archive_path, "saffron", day) == expected
    assert searched(archive_path, q="saffron", place="", person="", category="", day=day) == (
        expected
    )


def test_the_date_facet_leads_the_search_box_to_the_day(archive_path: Path) -> None:
    expected = newest_matches(archive_path, "harvest", "", "", "", "2020-03-01")
    assert len(expected) == 50
    assert searched_from_table(archive_path, "harvest", "2020-03-01") == expected
