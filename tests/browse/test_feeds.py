"""What changed across the archive (recent_changes) and its Atom feeds, through Datasette's client
on a small archive written by the archive's own API: edits, an Updated marker, removals."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin

import pytest
import yaml
from datasette.app import Datasette
from parsel import Selector

from newscrawler import browse
from newscrawler.archive import Archive
from newscrawler.archive.bulk import bulk_load_articles
from tests.archive.conftest import make_article

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "http://localhost/archive/"
# Relative to now: the recent-changes query's default window is the last 30 days.
NOW = datetime.now(UTC).replace(microsecond=0)
ROSTER = {"Manar al-Freih": ["Manar al-Frieh"], "Bushra Qreima": ["Bushra Qriema"]}


def ago(days: float) -> str:
    return (NOW - timedelta(days=days)).isoformat()


def url(post_id: int) -> str:
    return f"https://archive.sana.sy/en/?p={post_id}"


# Four stories in our own words: post id → (title, dateline place, tags as written, the person
# each tag names, categories, days before the crawl it was published).
STORIES: dict[int, tuple[str, str, list[str], list[str], list[str], int]] = {
    301: ("Wheat convoy reaches the Aleppo mills", "Aleppo",
          ["Manar al-Frieh", "Mazen"], ["Manar al-Freih", "Mazen"], ["Economy"], 1),
    302: ("A clinic opens in the Homs countryside", "Homs",
          ["Hala Zain"], ["Hala Zain"], ["Society"], 2),
    303: ("Olive growers count the season's yield", "Hama/Idleb",
          ["Manar al-Freih"], ["Manar al-Freih"], ["Economy", "Agriculture"], 3),
    304: ("Tartous port takes container ships again", "Tartous",
          ["Bushra Qriema"], ["Bushra Qreima"], ["Politics"], 4),
}  # fmt: skip


def story(post_id: int, **changes: Any) -> dict[str, Any]:
    title, place, tags, staff, categories, day = STORIES[post_id]
    fields: dict[str, Any] = {
        "title": title,
        "title_raw": title,
        "updated": False,
        "media": [],
        "dateline_raw": f"{place}, SANA –",
        "dateline_place": place,
        "editor_tags_raw": " / ".join(tags),
        "editor_tags": tags,
        "staff": staff,
        "categories": categories,
        "published": ago(100 - day),
        "modified": ago(100 - day),
        "body": f"{title}, the report said.\n\nOfficials expect more of the same next week.",
    }
    return make_article(post_id, **{**fields, **changes})


def save(archive: Archive, article: dict[str, Any], when: str) -> str:
    return archive.save_article(article, article["fetched_urls"], when)


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feeds") / "archive.db"
    with Archive(path) as archive:
        archive.sync_staff(ROSTER)
        for post_id in (301, 302, 303):
            save(archive, story(post_id), ago(60))
        # 301: seen again unchanged, then its title gains the marker, then its body is edited
        # on a day the page declares as its modified time.
        save(archive, story(301), ago(9.5))
        marked = {"title_raw": f"Updated- {STORIES[301][0]}", "updated": True}
        assert save(archive, story(301, **marked), ago(9)) == "changed"
        edited = {**marked, "body": "The convoy unloaded 40 trucks.", "modified": ago(8.5)}
        assert save(archive, story(301, **edited), ago(8)) == "changed"
        # 302 is taken down and comes back; 303 is taken down for good.
        archive.record_removal(url(302), 404, ago(7))
        archive.restore(url(302), ago(6))
        archive.record_removal(url(303), 410, ago(5))
        # 304 was edited long before the last 30 days.
        save(archive, story(304), ago(90))
        assert save(archive, story(304, body="Three ships docked."), ago(80)) == "changed"
    return path


def get(archive_path: Path, path: str, **params: str) -> Any:
    """GET `path` (relative to the database, with or without a query string) and `params`."""
    path, _, query = path.partition("?")
    arguments = [*parse_qsl(query, keep_blank_values=True), *params.items()]

    async def fetch() -> Any:
        metadata = yaml.safe_load(browse.METADATA_PATH.read_text(encoding="utf-8"))
        # As `python -m newscrawler browse` serves it: the row page is the reading view.
        datasette = Datasette(
            [str(archive_path)],
            metadata=metadata,
            plugins_dir=str(browse.PLUGINS_DIR),
            template_dir=str(browse.TEMPLATES_DIR),
            static_mounts=[(browse.STATIC_MOUNT, str(browse.STATIC_DIR))],
            settings={"suggest_facets": False},
        )
        response = await datasette.client.get(f"/archive/{path}", params=arguments)
        assert response.status_code == 200, response.text
        return response

    return asyncio.run(fetch())


def rows(archive_path: Path, query: str, **params: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = get(
        archive_path, f"{query}.json", _shape="array", **params
    ).json()
    return found


def test_recent_changes_lists_each_event_of_the_last_30_days(archive_path: Path) -> None:
    events = [
        (row["at"], row["kind"], row["url"], row["old_revision"], row["new_revision"])
        for row in rows(archive_path, "recent_changes")
    ]
    assert events == [
        (ago(5), "removed", url(303), None, None),
        (ago(6), "restored", url(302), None, None),
        (ago(7), "removed", url(302), None, None),
        # The page's declared modified time, later than the last sighting of the old body.
        (ago(8.5), "body_edited", url(301), 2, 3),
        # The last sighting of the unmarked title: the page declares no later modified time.
        (ago(9.5), "title_marked_updated", url(301), 1, 2),
    ]


def test_recent_changes_since_a_date_and_what_changed(archive_path: Path) -> None:
    found = rows(archive_path, "recent_changes", since=ago(100)[:10])
    by_kind = {(row["kind"], row["url"]): row for row in found}
    assert len(found) == 6
    assert by_kind["body_edited", url(304)]["at"] == ago(90)
    assert by_kind["body_edited", url(301)]["changed"] == "body"
    assert by_kind["title_marked_updated", url(301)]["changed"] == "Updated marker"
    assert by_kind["removed", url(303)]["changed"] == "answered 410"
    assert by_kind["removed", url(303)]["title"] == STORIES[303][0]
    assert rows(archive_path, "recent_changes", since=ago(5.5)[:19]) == found[:1]


def test_recent_changes_links_lead_to_the_revisions_and_the_row(archive_path: Path) -> None:
    edit = next(row for row in rows(archive_path, "recent_changes") if row["kind"] == "body_edited")
    compare = get(archive_path, edit["compare"].replace("?", ".json?", 1), _shape="array").json()
    assert [row["revision"] for row in compare] == [1, 2, 3]
    assert compare[-1]["body"] == "The convoy unloaded 40 trucks."
    row = get(archive_path, edit["archived"] + ".json", _shape="array").json()
    assert [article["url"] for article in row] == [url(301)]


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    link: str


def feed(archive_path: Path, query: str, **params: str) -> list[Entry]:
    """The feed's entries, in order, each link resolved against the feed's address."""
    response = get(archive_path, f"{query}.atom", **params)
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title")
    entries = []
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        entries.append(
            Entry(
                id=entry.findtext(f"{ATOM}id") or "",
                title=entry.findtext(f"{ATOM}title") or "",
                updated=datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or ""),
                link=urljoin(BASE + query + ".atom", link.attrib["href"]),
            )
        )
    return entries


def ids(entries: list[Entry]) -> list[str]:
    return [entry.id for entry in entries]


def test_links_open_the_archived_rows(archive_path: Path) -> None:
    entries = feed(archive_path, "feed_new_articles")
    for entry in entries:
        assert entry.link.startswith(BASE + "articles/")
        path = entry.link.removeprefix(BASE)
        [row] = get(archive_path, path + ".json", _shape="array").json()
        assert row["url"] == entry.id
        reading = Selector(text=get(archive_path, path).text).css("h1.reading-title::text")
        assert (reading.get() or "").strip() == entry.title  # the reading view


def test_new_articles_newest_first(archive_path: Path) -> None:
    entries = feed(archive_path, "feed_new_articles")
    assert ids(entries) == [url(304), url(303), url(302), url(301)]
    assert [entry.title for entry in entries] == [STORIES[n][0] for n in (304, 303, 302, 301)]
    assert [entry.updated.isoformat() for entry in entries] == [ago(96), ago(97), ago(98), ago(99)]


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({"place": "Idleb"}, [303]),
        ({"place": "Aleppo"}, [301]),
        ({"person": "Manar al-Frieh"}, [303, 301]),
        ({"person": "manar al-freih"}, [303, 301]),
        ({"person": "Bushra Qriema"}, [304]),
        ({"category": "Economy"}, [303, 301]),
        ({"category": "agriculture"}, [303]),
        ({"category": "Economy", "place": "Hama"}, [303]),
    ],
)
def test_new_articles_narrowed(
    archive_path: Path, params: dict[str, str], wanted: list[int]
) -> None:
    assert ids(feed(archive_path, "feed_new_articles", **params)) == [url(n) for n in wanted]


def test_changed_articles_one_entry_per_revision(archive_path: Path) -> None:
    entries = feed(archive_path, "feed_changed_articles")
    assert ids(entries) == [
        f"{url(301)}#revision-3",
        f"{url(301)}#revision-2",
        f"{url(304)}#revision-2",
    ]
    assert entries[0].title == f"{STORIES[301][0]} (revision 3: body)"
    assert entries[1].title == f"{STORIES[301][0]} (revision 2: Updated marker)"
    assert [entry.updated.isoformat() for entry in entries] == [ago(8.5), ago(9.5), ago(90)]
    assert {entry.link for entry in entries[:2]} == {entries[0].link}


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({"place": "Aleppo"}, [(301, 3), (301, 2)]),
        ({"person": "Bushra Qreima"}, [(304, 2)]),
        ({"person": "bushra qriema"}, [(304, 2)]),
        ({"category": "Politics"}, [(304, 2)]),
    ],
)
def test_changed_articles_narrowed(
    archive_path: Path, params: dict[str, str], wanted: list[tuple[int, int]]
) -> None:
    entries = feed(archive_path, "feed_changed_articles", **params)
    assert ids(entries) == [f"{url(n)}#revision-{revision}" for n, revision in wanted]


def test_removals_latest_first_a_restored_one_updated(archive_path: Path) -> None:
    entries = feed(archive_path, "feed_removals")
    assert ids(entries) == [f"{url(303)}#removal-2", f"{url(302)}#removal-1"]
    assert entries[0].title == f"Removed: {STORIES[303][0]}"
    assert entries[1].title == f"Removed, then restored: {STORIES[302][0]}"
    assert [entry.updated.isoformat() for entry in entries] == [ago(5), ago(6)]


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({"place": "Homs"}, [302]),
        ({"person": "Hala Zain"}, [302]),
        ({"person": "Manar al-Frieh"}, [303]),
        ({"category": "Agriculture"}, [303]),
    ],
)
def test_removals_narrowed(archive_path: Path, params: dict[str, str], wanted: list[int]) -> None:
    assert [entry.id.split("#")[0] for entry in feed(archive_path, "feed_removals", **params)] == [
        url(n) for n in wanted
    ]


@pytest.mark.parametrize("query", ["feed_new_articles", "feed_changed_articles", "feed_removals"])
def test_a_feed_that_matches_nothing_says_so(archive_path: Path, query: str) -> None:
    # datasette-atom 0.9 fails (500) on a query without rows; the feeds answer one entry instead.
    [entry] = feed(archive_path, query, place="Tartous", person="Hala Zain")
    assert entry.id == f"urn:newscrawler:{query}:none"
    assert entry.link == BASE + query
    assert entry.updated == datetime(1970, 1, 1, tzinfo=UTC)  # no crawl run in this archive


@pytest.fixture(scope="module")
def busy_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 articles from Aleppo and, older, 5 from Homs: more matches than one feed holds."""
    path = tmp_path_factory.mktemp("busy") / "archive.db"
    with Archive(path) as archive:
        for n in range(65):
            place = "Aleppo" if n >= 5 else "Homs"
            article = make_article(
                400 + n, dateline_place=place, published=ago(200 - n), categories=["Society"]
            )
            save(archive, article, ago(1))
    return path


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({}, range(464, 414, -1)),
        ({"place": "Aleppo"}, range(464, 414, -1)),
        ({"category": "society"}, range(464, 414, -1)),
        ({"place": "Homs"}, range(404, 399, -1)),
    ],
)
def test_new_articles_the_50_newest_matches(
    busy_archive: Path, params: dict[str, str], wanted: range
) -> None:
    # Aleppo fills the feed from the newest articles; Homs, older and rarer, from its index.
    assert ids(feed(busy_archive, "feed_new_articles", **params)) == [url(n) for n in wanted]


@pytest.fixture(scope="module")
def deep_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,010 recent articles from Damascus, bulk-loaded, and 3 older ones from Homs behind them:
    farther back than the 20,000 newest that feed_new_articles reads first."""
    path = tmp_path_factory.mktemp("deep") / "archive.db"
    bulk_load_articles(
        path,
        (
            {
                "url": url(500_000 + n),
                "post_id": 500_000 + n,
                "title": f"Damascus item {n}",
                "dateline_place": "Damascus",
                "categories": '["Society"]',
                "published": ago(20 - n / 2000),
                "first_seen": ago(1),
                "last_seen": ago(1),
                "content_hash": f"{n:016x}",
                "revision": 1,
            }
            for n in range(20_010)
        ),
    )
    with Archive(path) as archive:
        archive.sync_staff(ROSTER)
        for post_id in (601, 602, 603):
            address = {"url": url(post_id), "post_id": post_id, "fetched_urls": [url(post_id)]}
            save(archive, {**story(302), **address, "published": ago(300)}, ago(1))
    return path


@pytest.mark.parametrize(
    "params",
    [{"place": "Homs"}, {"person": "Hala Zain"}, {"category": "society", "place": "Homs"}],
)
def test_new_articles_finds_rare_matches_behind_the_newest(
    deep_archive: Path, params: dict[str, str]
) -> None:
    assert sorted(ids(feed(deep_archive, "feed_new_articles", **params))) == [
        url(n) for n in (601, 602, 603)
    ]


def test_new_articles_unnarrowed_on_a_deep_archive(deep_archive: Path) -> None:
    entries = feed(deep_archive, "feed_new_articles")
    assert ids(entries) == [url(500_000 + n) for n in range(20_009, 19_959, -1)]
