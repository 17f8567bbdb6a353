"""The archive as people meet it: Datasette with exports/metadata.yml over a real crawl, the
canned queries checked against the snapshot content's expected rows, the front door (reading
view, list columns, links kept inside the archive), and the exports."""

from __future__ import annotations

import asyncio
import csv
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from subprocess import DEVNULL
from typing import Any
from urllib.parse import quote, urlsplit
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import pytest
import yaml
from datasette.app import Datasette
from datasette.utils import tilde_encode
from parsel import Selector

from newscrawler import browse
from newscrawler.normalize.staff import person_for
from newscrawler.snapshot.process import running_snapshot
from tests.support import ROOT, CrawlResult, expected_articles, load_content, run_crawl

pytestmark = pytest.mark.crawl

METADATA_PATH = browse.METADATA_PATH
PLACES_CSV = ROOT / "newscrawler" / "archive" / "data" / "places.csv"
SECTIONS = ("politics", "economy", "society")
ATOM = "{http://www.w3.org/2005/Atom}"
REVISED_POST_ID = 101323
REVISED_URL = f"https://archive.sana.sy/en/?p={REVISED_POST_ID}"
# Read in the reading view: an Updated story with a sub-heading, a Check Also link out to an
# archived article and one in from another; a tag spelled another way; a two-place dateline.
READ_URL = "https://archive.sana.sy/en/?p=101234"
VARIANT_URL = "https://archive.sana.sy/en/?p=101305"
TWO_PLACES_URL = "https://archive.sana.sy/en/?p=101311"
CHECK_ALSO_URL = "https://archive.sana.sy/en/?p=101200"  # READ_URL's Check Also
# The charts of /-/dashboards/<database>, each drawn from the canned query of its name.
CHARTS = (
    "articles_per_day",
    "articles_per_week",
    "articles_by_place",
    "person_output",
    "run_health",
)
# FTS5 shadow tables are SQLite's internals of articles_fts, not something people browse.
FTS_SHADOW = re.compile(r"^articles_fts_(data|idx|docsize|config)$")


@pytest.fixture(scope="module")
def metadata() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def crawled(
    tmp_path_factory: pytest.TempPathFactory, snapshot_url: str, categories: dict[str, Any]
) -> CrawlResult:
    """Both layouts crawled with `-O` feed export, then one article re-crawled after an edit."""
    folder = tmp_path_factory.mktemp("front_door")
    archive_path = folder / "archive.db"
    start_urls = [f"{snapshot_url}/en/?cat={category}" for category in categories]
    start_urls += [f"{snapshot_url}/en/{section}/" for section in SECTIONS]
    first = run_crawl(archive_path, start_urls, "-a", "mode=full", "-O", str(folder / "sana.jsonl"))
    assert first.returncode == 0, first.log[-3000:]
    with running_snapshot("--serve-version", f"{REVISED_POST_ID}:1") as edited_site:
        second = run_crawl(
            archive_path, [f"{edited_site}/en/?p={REVISED_POST_ID}"], "-a", "mode=full"
        )
    assert second.returncode == 0, second.log[-3000:]
    return second


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, Any]]:
    return expected_articles(load_content("archive") + load_content("relaunch"))


def query(archive: Path, metadata: dict[str, Any], path: str, **params: str) -> list[Any]:
    """GET a Datasette JSON path (database `archive`) as an array of row objects."""

    async def get() -> list[Any]:
        # The plugins give the canned searches their search_form() (browse/plugins).
        datasette = Datasette(
            [str(archive)], metadata=metadata, plugins_dir=str(browse.PLUGINS_DIR)
        )
        response = await datasette.client.get(
            f"/archive/{path}.json", params={**params, "_shape": "array"}
        )
        assert response.status_code == 200, response.text
        rows: list[Any] = response.json()
        return rows

    return asyncio.run(get())


def test_crawls_succeeded(crawled: CrawlResult, expected: dict[str, dict[str, Any]]) -> None:
    connection = sqlite3.connect(crawled.archive_path)
    try:
        urls = {row[0] for row in connection.execute("select url from articles")}
    finally:
        connection.close()
    assert urls == set(expected)


def test_latest_articles(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    rows = query(crawled.archive_path, metadata, "latest_articles")
    newest = sorted(expected.values(), key=lambda row: row["published"], reverse=True)[:50]
    assert [row["url"] for row in rows] == [row["url"] for row in newest]
    assert json.loads(rows[0]["editor_tags"]) == newest[0]["editor_tags"]


def test_search_articles_finds_the_phrase(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    rows = query(crawled.archive_path, metadata, "search_articles", q="olive oil")
    phrase = re.compile(r"\bolive\s+oil\b", re.IGNORECASE)
    wanted = {
        url
        for url, row in expected.items()
        if phrase.search(row["title"]) or phrase.search(row["body"])
    }
    assert wanted, "the snapshot content mentions olive oil"
    assert {row["url"] for row in rows} == wanted


def test_search_treats_quotes_and_dashes_as_text(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    rows = query(crawled.archive_path, metadata, "search_articles", q='al-"Hamidiyeh')
    wanted = {url for url, row in expected.items() if "al-hamidiyeh" in row["body"].lower()}
    assert wanted
    assert {row["url"] for row in rows} == wanted


def test_search_articles_lists_the_50_newest_matches_first(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    rows = query(crawled.archive_path, metadata, "search_articles", q="the")
    word = re.compile(r"\bthe\b", re.IGNORECASE)
    matching = [row for row in expected.values() if word.search(row["title"] + " " + row["body"])]
    assert len(matching) > 50, "the snapshot content has more matches than one page"
    newest = sorted((row["published"] for row in matching), reverse=True)[:50]
    assert [row["published"] for row in rows] == newest
    assert {row["url"] for row in rows} <= {row["url"] for row in matching}


def test_best_matches_search_finds_what_the_newest_first_search_finds(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    newest = query(crawled.archive_path, metadata, "search_articles", q="Syria")
    best = query(crawled.archive_path, metadata, "search_articles_best", q="Syria")
    assert 0 < len(newest) < 50
    assert {row["url"] for row in best} == {row["url"] for row in newest}
    assert any("[Syria]" in row["snippet"] for row in newest)


def urls_naming(expected: dict[str, dict[str, Any]], spellings: set[str]) -> set[str]:
    folded = {spelling.casefold() for spelling in spellings}
    return {
        url
        for url, row in expected.items()
        if any(tag.casefold() in folded for tag in row["editor_tags"])
    }


@pytest.mark.parametrize(
    ("typed", "spellings"),
    [
        ("Manar al-Frieh", {"Manar al-Freih", "Manar al-Frieh"}),
        ("manar al-freih", {"Manar al-Freih", "Manar al-Frieh"}),
        ("Bushra Qriema", {"Bushra Qreima", "Bushra Qriema"}),
    ],
)
def test_articles_by_person_finds_every_spelling(
    crawled: CrawlResult,
    metadata: dict[str, Any],
    expected: dict[str, dict[str, Any]],
    typed: str,
    spellings: set[str],
) -> None:
    rows = query(crawled.archive_path, metadata, "articles_by_person", person=typed)
    wanted = urls_naming(expected, spellings)
    written = {row["name_as_written"] for row in rows}
    assert len(written) == 2, "the snapshot spells this person two ways"
    assert {row["url"] for row in rows} == wanted
    assert len(rows) == len(wanted)


def test_staff_lists_each_person_once(crawled: CrawlResult, metadata: dict[str, Any]) -> None:
    rows = query(crawled.archive_path, metadata, "staff", name__startswith="Manar")
    assert sorted(row["name"] for row in rows) == ["Manar", "Manar al-Freih"]


def gazetteer() -> dict[str, dict[str, str]]:
    with PLACES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("place", ["Idleb", "Deir Ezzor", "Damascus", "Baghdad"])
def test_articles_from_place_with_coordinates(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]], place: str
) -> None:
    rows = query(crawled.archive_path, metadata, "articles_from_place", place=place)
    wanted = {
        url for url, row in expected.items() if place in (row["dateline_place"] or "").split("/")
    }
    assert {row["url"] for row in rows} == wanted
    known = gazetteer()[place]
    for row in rows:
        assert (row["latitude"], row["longitude"]) == (
            float(known["latitude"]),
            float(known["longitude"]),
        )


def test_multi_place_dateline_is_on_the_map_once_per_place(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    rows = query(crawled.archive_path, metadata, "articles_with_places", _size="max")
    multi = {url: row for url, row in expected.items() if "/" in (row["dateline_place"] or "")}
    assert multi, "the snapshot has multi-place datelines"
    for url, row in multi.items():
        assert [r["place"] for r in rows if r["url"] == url] == row["dateline_place"].split("/")
    assert all(r["latitude"] is not None and r["longitude"] is not None for r in rows)


def test_article_revisions_side_by_side(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    rows = query(crawled.archive_path, metadata, "article_revisions", url=REVISED_URL)
    assert [(row["revision"], row["state"]) for row in rows] == [(1, "earlier"), (2, "current")]
    base = expected[REVISED_URL]
    assert rows[0]["body"] == base["body"]
    assert json.loads(rows[0]["editor_tags"]) == base["editor_tags"]
    assert rows[1]["body"] != base["body"]
    assert "12,000 job opportunities" in rows[1]["body"]


def test_check_also_links_in_and_out(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    def check_also(row: dict[str, Any]) -> set[str]:
        return {link["to_url"] for link in row["links"] if link["kind"] == "check_also"}

    for url in expected:
        rows = query(crawled.archive_path, metadata, "check_also_links", url=url)
        out = {row["other_url"] for row in rows if row["direction"] == "out"}
        into = {row["other_url"] for row in rows if row["direction"] == "in"}
        assert out == check_also(expected[url]), url
        assert into == {other for other, row in expected.items() if url in check_also(row)}, url


def test_crawl_health_and_failures(crawled: CrawlResult, metadata: dict[str, Any]) -> None:
    failing = [
        item for item in load_content("archive") + load_content("relaunch")
        if "failure" in item["expected"]
    ]  # fmt: skip
    runs = query(crawled.archive_path, metadata, "crawl_health")
    assert [run["id"] for run in runs] == [2, 1]
    assert [(run["verdict"], run["causes"]) for run in runs] == [("healthy", None)] * 2
    assert runs[1]["failures"] == len(failing)
    assert runs[1]["failures_by_stage"] == f"normalize: {len(failing)}"
    assert runs[0]["articles_changed"] == 1
    failures = query(crawled.archive_path, metadata, "recent_failures")
    failed_ids = {int(row["url"].rsplit("=", 1)[1]) for row in failures}
    assert failed_ids == {item["post_id"] for item in failing}


def counted(values: Iterable[str]) -> list[tuple[str, int]]:
    return sorted(Counter(values).items())


def monday_of(published: str) -> str:
    day = date.fromisoformat(published[:10])
    return (day - timedelta(days=day.weekday())).isoformat()


@pytest.mark.parametrize("category", ["", "Politics", "Economy"])
def test_articles_per_day_and_per_week_count_the_category(
    crawled: CrawlResult,
    metadata: dict[str, Any],
    expected: dict[str, dict[str, Any]],
    category: str,
) -> None:
    published = [
        row["published"]
        for row in expected.values()
        if not category or category in row["categories"]
    ]
    assert published, "the snapshot has articles of this category"
    params = {"category": category} if category else {}
    per_day = query(crawled.archive_path, metadata, "articles_per_day", **params)
    assert [(row["day"], row["articles"]) for row in per_day] == counted(
        stamp[:10] for stamp in published
    )
    per_week = query(crawled.archive_path, metadata, "articles_per_week", **params)
    assert [(row["week"], row["articles"]) for row in per_week] == counted(
        map(monday_of, published)
    )


def test_articles_by_place_counts_each_dateline_place(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    rows = query(crawled.archive_path, metadata, "articles_by_place")
    places = Counter(
        place for row in expected.values() for place in (row["dateline_place"] or "").split("/")
    )
    del places[""]
    assert {row["place"]: row["articles"] for row in rows} == places
    assert [row["articles"] for row in rows] == sorted(places.values(), reverse=True)
    assert {row["place"]: row["kind"] for row in rows}["Damascus"] == "governorate"


@pytest.mark.parametrize("typed", ["Manar al-Frieh", "manar al-freih"])
def test_person_output_counts_every_spelling_per_month(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]], typed: str
) -> None:
    rows = query(crawled.archive_path, metadata, "person_output", person=typed)
    urls = urls_naming(expected, {"Manar al-Freih", "Manar al-Frieh"})
    assert [(row["month"], row["articles"]) for row in rows] == counted(
        expected[url]["published"][:7] for url in urls
    )
    assert query(crawled.archive_path, metadata, "person_output", person="Nobody Known") == []


def test_run_health_charts_each_run_oldest_first(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    runs = query(crawled.archive_path, metadata, "run_health")
    assert [run["run"] for run in runs] == [1, 2]
    assert [(run["articles_new"], run["articles_changed"]) for run in runs] == [
        (len(expected), 0),
        (0, 1),
    ]
    assert [run["healthy"] for run in runs] == [1, 1]
    assert runs[0]["requests"] > runs[1]["requests"] > 0


def test_dashboard_charts_run_their_canned_query(metadata: dict[str, Any]) -> None:
    queries = metadata["databases"]["archive"]["queries"]
    for slug, dashboard in metadata["plugins"]["datasette-dashboards"].items():
        assert set(dashboard["charts"]) == set(CHARTS), slug
        for name, chart in dashboard["charts"].items():
            assert (chart["db"], chart["query"]) == (slug, queries[name]["sql"]), name
        assert dashboard["filters"]["category"]["db"] == slug


@pytest.mark.parametrize("database", ["archive", "demo"])
def test_each_database_has_its_dashboard_of_its_own_numbers(
    crawled: CrawlResult, metadata: dict[str, Any], tmp_path: Path, database: str
) -> None:
    served = tmp_path / f"{database}.db"
    served.write_bytes(crawled.archive_path.read_bytes())
    dashboard = metadata["plugins"]["datasette-dashboards"][database]

    async def get() -> tuple[str, list[Any]]:
        datasette = Datasette([str(served)], metadata=metadata)
        view = await datasette.client.get(f"/-/dashboards/{database}")
        assert view.status_code == 200, view.text
        # What the page's script fetches for a chart: its SQL against this database.
        chart = dashboard["charts"]["articles_by_place"]
        data = await datasette.client.get(
            f"/{chart['db']}.json", params={"sql": chart["query"], "_shape": "array"}
        )
        assert data.status_code == 200, data.text
        rows: list[Any] = data.json()
        return view.text, rows

    html, rows = asyncio.run(get())
    view = Selector(html)
    assert [node.attrib["id"] for node in view.css("[id^=chart-]:not([id^=chart-tooltip])")] == [
        f"chart-{chart}" for chart in CHARTS
    ]
    assert "Politics" in texts(view.css("select#category option"))
    assert rows == query(crawled.archive_path, metadata, "articles_by_place", _size="max")


def test_articles_table_has_the_configured_facets(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    async def get() -> dict[str, Any]:
        datasette = Datasette([str(crawled.archive_path)], metadata=metadata)
        response = await datasette.client.get("/archive/articles.json?_size=0")
        data: dict[str, Any] = response.json()
        return data

    facets = asyncio.run(get())["facet_results"]
    assert set(facets) == {"dateline_place", "staff", "categories", "published"}
    by_person = {item["value"]: item["count"] for item in facets["staff"]["results"]}
    people_of = {
        url: {person_for(tag) for tag in row["editor_tags"]} for url, row in expected.items()
    }
    for person in ("Manar al-Freih", max(by_person, key=lambda person: by_person[person])):
        assert by_person[person] == sum(person in people for people in people_of.values())
    # One person spelt two ways in the tags is one facet value, under the canonical name.
    assert {"Manar al-Frieh", "Manar Al-Frieh"}.isdisjoint(by_person)
    spelt = {tag for row in expected.values() for tag in row["editor_tags"]}
    assert "Manar al-Frieh" in spelt


def test_every_table_and_column_is_described(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    described = metadata["databases"]["archive"]["tables"]
    connection = sqlite3.connect(crawled.archive_path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "select name from sqlite_master where type in ('table', 'view')"
            )
            if not FTS_SHADOW.match(row[0])
        ]
        missing = []
        for name in names:
            table = described.get(name, {})
            if not table.get("description"):
                missing.append(name)
            for column in connection.execute(f"select name from pragma_table_info('{name}')"):
                if not table.get("columns", {}).get(column[0]):
                    missing.append(f"{name}.{column[0]}")
    finally:
        connection.close()
    assert missing == [], "describe these in exports/metadata.yml"
    assert metadata["databases"]["demo"] == metadata["databases"]["archive"]


# The crawl behind these tests takes nothing down: the removals queries answer with no rows (a
# feed with its one entry saying nothing matches).
MAY_BE_EMPTY = frozenset({"removals_recent", "feed_removals"})
# Their parameters may be left empty, meaning all (recent_changes: the last 30 days).
ALL_OPTIONAL = frozenset(
    {"recent_changes", "feed_new_articles", "feed_changed_articles", "feed_removals"}
)
NOTHING_MATCHES = re.compile(r"^urn:newscrawler:feed_\w+:none$")
# Queries whose place, person and category only narrow them (empty = all): given q alone here,
# since Damascus, Hala Zain and the word Damascus need not meet in one article.
NARROWING_OPTIONAL = frozenset({"search_articles"})
CANNED_PARAMS = {"q": "Damascus", "place": "Damascus", "person": "Hala Zain", "url": REVISED_URL}


def canned_params(name: str, sql: str) -> dict[str, str]:
    """The parameters the tests give canned query `name`: the ones its SQL needs."""
    if name in ALL_OPTIONAL:
        return {}
    needed = {key: value for key, value in CANNED_PARAMS.items() if f":{key}" in sql}
    if name in NARROWING_OPTIONAL:
        return {key: value for key, value in needed.items() if key == "q"}
    return needed


def test_canned_queries_all_answer(crawled: CrawlResult, metadata: dict[str, Any]) -> None:
    for name, canned in metadata["databases"]["archive"]["queries"].items():
        needed = canned_params(name, canned["sql"])
        rows = query(crawled.archive_path, metadata, name, **needed)  # answers 200 or fails
        found = [row for row in rows if not NOTHING_MATCHES.match(str(row.get("atom_id")))]
        assert found or name in MAY_BE_EMPTY, name


def test_what_changed_in_the_crawl(crawled: CrawlResult, metadata: dict[str, Any]) -> None:
    """The re-crawl's edit is a recent change and an entry of the changed-articles feed."""
    changes = query(crawled.archive_path, metadata, "recent_changes")
    edits = [row for row in changes if row["url"] == REVISED_URL]
    assert ("body_edited", 1, 2) in {
        (row["kind"], row["old_revision"], row["new_revision"]) for row in edits
    }
    assert {row["url"] for row in changes} == {REVISED_URL}

    async def atom(name: str) -> ET.Element:
        datasette = Datasette([str(crawled.archive_path)], metadata=metadata)
        response = await datasette.client.get(f"/archive/{name}.atom")
        assert response.status_code == 200, response.text
        return ET.fromstring(response.content)

    changed = asyncio.run(atom("feed_changed_articles")).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}id") for entry in changed] == [f"{REVISED_URL}#revision-2"]
    new = asyncio.run(atom("feed_new_articles")).findall(f"{ATOM}entry")
    latest = query(crawled.archive_path, metadata, "latest_articles")
    assert [entry.findtext(f"{ATOM}id") for entry in new] == [row["url"] for row in latest]


def test_feed_export_writes_normalized_items(
    crawled: CrawlResult, expected: dict[str, dict[str, Any]]
) -> None:
    lines = (crawled.archive_path.parent / "sana.jsonl").read_text(encoding="utf-8").splitlines()
    items = {item["url"]: item for item in map(json.loads, lines)}
    assert set(items) == set(expected)
    for url, row in expected.items():
        assert items[url]["title"] == row["title"]
        assert items[url]["editor_tags"] == row["editor_tags"]
        assert items[url]["dateline_place"] == row["dateline_place"]
    seed = items["https://archive.sana.sy/en/?p=101234"]
    assert seed["staff"] == ["Manar al-Freih", "Mazen", "Hazem Sabbagh"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_command(
    crawled: CrawlResult, expected: dict[str, dict[str, Any]], tmp_path: Path, fmt: str
) -> None:
    output = tmp_path / f"articles.{fmt}"
    command = [sys.executable, "-m", "newscrawler", "export", "--format", fmt]
    command += ["--archive", str(crawled.archive_path), "--output", str(output)]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert f"Wrote {len(expected)} articles" in completed.stdout
    with output.open(encoding="utf-8", newline="") as handle:
        if fmt == "jsonl":
            rows = [json.loads(line) for line in handle]
        else:
            rows = list(csv.DictReader(handle))
            for row in rows:
                row["editor_tags"] = json.loads(row["editor_tags"])
    by_url = {row["url"]: row for row in rows}
    assert set(by_url) == set(expected)
    for url, row in expected.items():
        assert by_url[url]["editor_tags"] == row["editor_tags"]
        if url != REVISED_URL:  # re-crawled after an edit: the archive holds the new body
            assert by_url[url]["body"] == row["body"]


def front_door(archive: Path, metadata: dict[str, Any]) -> Datasette:
    """Datasette as `python -m newscrawler browse` starts it: plugin, templates, static files."""
    return Datasette(
        [str(archive)],
        metadata=metadata,
        plugins_dir=str(browse.PLUGINS_DIR),
        template_dir=str(browse.TEMPLATES_DIR),
        static_mounts=[(browse.STATIC_MOUNT, str(browse.STATIC_DIR))],
        settings={"suggest_facets": False},
    )


def page(archive: Path, metadata: dict[str, Any], path: str, **params: str) -> Selector:
    """GET an HTML page of the front door, which must answer 200."""

    async def get() -> str:
        response = await front_door(archive, metadata).client.get(path, params=params or None)
        assert response.status_code == 200, response.text[-2000:]
        return str(response.text)

    return Selector(text=asyncio.run(get()))


def reading_path(url: str) -> str:
    return f"/archive/articles/{tilde_encode(url)}"


def texts(selection: Iterable[Selector]) -> list[str]:
    return [" ".join(node.xpath("string()").get("").split()) for node in selection]


def test_reading_view_shows_the_article(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    row = expected[READ_URL]
    view = page(crawled.archive_path, metadata, reading_path(READ_URL)).css("article.reading")
    assert texts(view.css("h1.reading-title")) == [f"{row['title']} Updated"]
    places = view.css("a.place")
    assert texts(places) == ["Moscow"]
    assert places.attrib["href"] == "/archive/articles_from_place?place=Moscow"
    people = view.css("a.person")
    assert texts(people) == row["editor_tags"]
    assert [link.attrib["href"] for link in people] == [
        f"/archive/articles_by_person?person={quote(name)}" for name in row["editor_tags"]
    ]
    published = datetime.fromisoformat(row["published"])
    local = published.astimezone(ZoneInfo("Asia/Damascus"))
    assert texts(view.css("time")) == [
        f"{local:%d %b %Y, %H:%M} Damascus · {published.astimezone(UTC):%d %b %Y, %H:%M} UTC"
    ]
    body = view.css(".reading-body > p, .reading-body > h3")
    paragraphs = [part.strip() for part in row["body"].split("\n\n") if part.strip()]
    assert texts(body) == [" ".join(part.split()) for part in paragraphs]
    headings = texts(view.css(".reading-body > h3"))
    assert headings == [" ".join(heading.split()) for heading in row["subheadings"]]
    assert all(node.attrib["dir"] == "auto" for node in body)
    categories = view.css("a.category")
    assert texts(categories) == row["categories"]
    assert categories[0].attrib["href"] == "/archive/articles?categories__arraycontains=Politics"
    assert "This row as JSON" in texts(view.css("a"))


def test_reading_view_names_a_person_by_their_canonical_name(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    view = page(crawled.archive_path, metadata, reading_path(VARIANT_URL))
    person = view.css("a.person")[0]
    assert texts([person]) == ["Manar al-Freih"]
    assert person.attrib["title"] == "written Manar al-Frieh"


def test_reading_view_links_each_dateline_place(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    view = page(crawled.archive_path, metadata, reading_path(TWO_PLACES_URL))
    assert [link.attrib["href"] for link in view.css("a.place")] == [
        "/archive/articles_from_place?place=Hama",
        "/archive/articles_from_place?place=Idleb",
    ]


def test_reading_view_follows_links_in_and_out_inside_the_archive(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    view = page(crawled.archive_path, metadata, reading_path(READ_URL))
    [out] = [link["to_url"] for link in expected[READ_URL]["links"]]
    into = sorted(
        url
        for url, row in expected.items()
        if any(link["to_url"] == READ_URL for link in row["links"])
    )
    assert into, "the snapshot content links to the article read here"
    out_links = view.css("ul.edges-out a.archived")
    assert [link.attrib["href"] for link in out_links] == [reading_path(out)]
    assert texts(out_links) == [expected[out]["title"]]
    assert [link.attrib["href"] for link in view.css("ul.edges-in a.archived")] == [
        reading_path(url) for url in into
    ]
    followed = page(crawled.archive_path, metadata, out_links[0].attrib["href"])
    assert texts(followed.css("h1.reading-title"))[0].startswith(expected[out]["title"])


def test_reading_view_lists_addresses_capture_revisions_and_status(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    view = page(crawled.archive_path, metadata, reading_path(REVISED_URL))
    revisions = view.css("ol.revisions > li")
    assert [item.attrib["value"] for item in revisions] == ["1", "2"]
    assert "(current)" in texts(revisions)[1]
    assert "(current)" not in texts(revisions)[0]
    # Fetched from the first crawl's snapshot site, then from the edited one on another port.
    addresses = texts(view.css("dl.reading-capture dd:nth-of-type(1) li code"))
    assert len(set(addresses)) == 2
    assert all(address.endswith(f"/en/?p={REVISED_POST_ID}") for address in addresses)
    capture = texts(view.css("dl.reading-capture dd:nth-of-type(2)"))[0]
    assert re.search(r"\.warc\.gz at offset \d+, record <urn:uuid:", capture), capture
    assert texts(view.css("dd.removal-status"))[0].startswith("Online")
    revisions_link = f"/archive/article_revisions?url={quote(REVISED_URL, safe='/')}"
    assert revisions_link in [link.attrib["href"] for link in view.css("a")]


def test_reading_view_shows_what_changed_word_by_word(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    view = page(crawled.archive_path, metadata, reading_path(REVISED_URL))
    [change] = view.css("details.revision-change")
    assert "from revision 1 to 2" in texts(change.css("summary"))[0]
    assert not change.css(".diff-title"), "the edit left the title as it was"
    [body] = change.css(".diff-body")
    assert texts(body.css("del")) == ["10,000"]
    assert texts(body.css("ins")) == ["12,000", "and gives priority to projects in rural areas"]
    # Without its insertions the diff is the first revision's text (spacing aside).
    earlier = "".join(body.xpath("./text() | ./del/text()").getall())
    assert re.sub(r"\s", "", earlier) == re.sub(r"\s", "", expected[REVISED_URL]["body"])


def cell_links(view: Selector, column: str) -> list[str]:
    return [link.attrib["href"] for link in view.css(f"td.col-{column} a")]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/archive/latest_articles", {}),
        ("/archive/search_articles", {"q": "Syria"}),
        ("/archive/check_also_links", {"url": READ_URL}),
    ],
)
def test_lists_and_search_results_link_to_reading_views(
    crawled: CrawlResult,
    metadata: dict[str, Any],
    expected: dict[str, dict[str, Any]],
    path: str,
    params: dict[str, str],
) -> None:
    view = page(crawled.archive_path, metadata, path, **params)
    column = "other_url" if "other_url" in texts(view.css("th")) else "url"
    urls = texts(view.css(f"td.col-{column}"))
    assert urls and set(urls) <= set(expected)
    assert cell_links(view, column) == [reading_path(url) for url in urls]
    if column == "url":
        assert cell_links(view, "title") == [reading_path(url) for url in urls]


def test_a_page_that_was_never_archived_keeps_its_plain_link(
    crawled: CrawlResult, metadata: dict[str, Any], expected: dict[str, dict[str, Any]]
) -> None:
    view = page(crawled.archive_path, metadata, "/archive/recent_failures")
    failed = texts(view.css("td.col-url"))
    assert failed and not set(failed) & set(expected)
    assert cell_links(view, "url") == failed


def test_articles_list_shows_the_list_columns_until_all_are_asked_for(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    listed = metadata["databases"]["archive"]["tables"]["articles"]["plugins"]["newscrawler"]
    view = page(crawled.archive_path, metadata, "/archive/articles")
    headers = [header.attrib["data-column"] for header in view.css("table.rows-and-columns th")]
    assert headers == listed["list_columns"]
    assert len(view.css("table.rows-and-columns tbody tr")[0].css("td")) == len(headers)
    everything = columns_of(crawled.archive_path, "articles")
    [line] = texts(view.css("p.list-columns"))
    assert line == f"Showing {len(headers)} of {len(everything)} columns. Show all columns"
    show_all = view.css("p.list-columns a").attrib["href"]
    assert show_all == "/archive/articles?_nocol=title_key"
    full = page(crawled.archive_path, metadata, show_all)
    headers = [header.attrib["data-column"] for header in full.css("table.rows-and-columns th")]
    assert headers == [column for column in everything if column != "title_key"]
    assert not full.css("p.list-columns")
    assert all(cell.attrib["dir"] == "auto" for cell in full.css("table.rows-and-columns td"))


def columns_of(archive: Path, table: str) -> list[str]:
    connection = sqlite3.connect(archive)
    try:
        return [
            row[0] for row in connection.execute(f"select name from pragma_table_info('{table}')")
        ]
    finally:
        connection.close()


def test_canned_queries_lead_with_their_form_not_their_sql(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    for name, canned in metadata["databases"]["archive"]["queries"].items():
        needed = canned_params(name, canned["sql"])
        view = page(crawled.archive_path, metadata, f"/archive/{name}", **needed)
        assert not view.css("textarea#sql-editor, pre"), name
        assert texts(view.css(".show-hide-sql a")) == ["show"], name
        assert view.css("table.rows-and-columns") or name in MAY_BE_EMPTY, name


def test_database_page_sql_box_opens_on_the_articles(
    crawled: CrawlResult, metadata: dict[str, Any]
) -> None:
    view = page(crawled.archive_path, metadata, "/archive")
    assert texts(view.css("textarea#sql-editor")) == ["select * from articles"]
    listed = texts(view.css("div.db-table h3 a"))
    assert "articles" in listed
    assert "_sqlite_migrations" not in listed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_serving(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"datasette exited with {process.returncode} before serving {url}")
        try:
            with urlopen(f"{url}/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"datasette did not answer at {url}")


@pytest.fixture(scope="module")
def datasette_server(crawled: CrawlResult) -> Iterator[str]:
    """`python -m newscrawler browse` on a free loopback port, as a person would start it."""
    url = f"http://127.0.0.1:{free_port()}"
    command = [
        sys.executable,
        "-m",
        "newscrawler",
        "browse",
        "--archive",
        str(crawled.archive_path),
    ]
    command += ["-h", "127.0.0.1", "-p", url.rsplit(":", 1)[1]]
    process = subprocess.Popen(command, cwd=ROOT, stdout=DEVNULL, stderr=DEVNULL)
    try:
        wait_until_serving(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The bundled basemap's tiles, served by datasette-tiles from the same server as the pages.
BASEMAP_TILES = "/-/tiles/basemap/"


def test_pages_render_in_headless_chromium_without_console_errors(
    datasette_server: str, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import Route, sync_playwright

    errors: list[str] = []
    outside: list[str] = []
    tiles: list[tuple[str, int]] = []

    def keep_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        try:
            context.route("**/*", keep_local)
            page = context.new_page()
            page.on(
                "console",
                lambda message: (
                    errors.append(f"{message.text} at {message.location}")
                    if message.type == "error"
                    else None
                ),
            )
            page.on(
                "response",
                lambda response: (
                    tiles.append((response.url, response.status))
                    if urlsplit(response.url).path.startswith(BASEMAP_TILES)
                    else None
                ),
            )
            page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))

            page.goto(f"{datasette_server}/archive/articles", wait_until="networkidle")
            assert page.locator("table.rows-and-columns tbody tr").count() > 0
            # front-door.js folded the column descriptions: the rows come first on the screen.
            assert page.locator("details.column-descriptions-fold dl.column-descriptions").count()
            assert page.locator("dl.column-descriptions").is_hidden()
            # The list's header starts on the first screen (it used to be ~2,750 px down).
            table_box = page.locator("table.rows-and-columns").bounding_box()
            assert table_box is not None and page.viewport_size is not None
            assert table_box["y"] < page.viewport_size["height"]
            page.screenshot(path=str(tmp_path / "articles.png"), full_page=True)

            page.fill("input#_search", "olive oil")
            with page.expect_navigation(wait_until="networkidle"):
                page.press("input#_search", "Enter")
            assert urlsplit(page.url).path == "/archive/search_articles"
            assert page.locator("table.rows-and-columns tbody tr").count() > 0

            page.goto(f"{datasette_server}{reading_path(READ_URL)}", wait_until="networkidle")
            assert page.locator("article.reading h1").is_visible()
            assert page.locator("article.reading .reading-body p").count() > 1
            page.screenshot(path=str(tmp_path / "reading.png"), full_page=True)
            page.goto(f"{datasette_server}{reading_path(REVISED_URL)}", wait_until="networkidle")
            assert page.locator("details.revision-change .diff-body ins").first.is_visible()
            page.screenshot(path=str(tmp_path / "revision-diff.png"), full_page=True)
            page.goto(f"{datasette_server}{reading_path(READ_URL)}", wait_until="networkidle")
            page.locator("ul.edges-out a.archived").first.click()
            page.wait_for_load_state("networkidle")
            assert page.url == f"{datasette_server}/archive/articles/{tilde_encode(CHECK_ALSO_URL)}"

            page.goto(f"{datasette_server}/archive/articles_with_places", wait_until="networkidle")
            page.wait_for_selector(".leaflet-marker-icon, .marker-cluster", timeout=20_000)
            page.wait_for_selector("img.leaflet-tile-loaded", timeout=20_000)
            page.screenshot(path=str(tmp_path / "articles_with_places.png"), full_page=True)

            # The dashboard narrowed to a category and a person: every chart draws.
            dashboard = f"{datasette_server}/-/dashboards/archive?category=Politics"
            page.goto(f"{dashboard}&person=Manar%20al-Freih", wait_until="networkidle")
            for chart in CHARTS:
                page.wait_for_selector(f"#chart-{chart} canvas, #chart-{chart} svg")
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        finally:
            context.close()

    assert errors == []
    assert outside == []
    assert tiles and all(urlsplit(url).hostname == "127.0.0.1" for url, _ in tiles)
    assert {status for _, status in tiles} == {200}, tiles
    assert (tmp_path / "dashboard.png").stat().st_size > 0
    assert (tmp_path / "articles_with_places.png").stat().st_size > 0
    assert (tmp_path / "reading.png").stat().st_size > 0
    assert (tmp_path / "revision-diff.png").stat().st_size > 0
