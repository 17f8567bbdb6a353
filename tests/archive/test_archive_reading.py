"""`read_article`: one archived article with its people, places, links, addresses and history."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawler.archive import Archive
from newscrawler.archive.reading import Block, body_blocks, is_archived, read_article

ArticleFactory = Callable[..., dict[str, Any]]

T1 = "2024-01-01T08:00:00+00:00"
T2 = "2024-02-01T08:00:00+00:00"
T3 = "2024-03-01T08:00:00+00:00"
URL = "https://archive.sana.sy/en/?p=101"
OTHER = "https://archive.sana.sy/en/?p=102"
MISSING = "https://archive.sana.sy/en/?p=999"
ALIAS = "https://www.sana.sy/en/?p=101"


def link(kind: str, url: str, anchor: str) -> dict[str, str]:
    return {"kind": kind, "url": url, "anchor_text": anchor, "teaser": ""}


@pytest.fixture
def reader(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db_path)
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture
def filled(archive: Archive, article: ArticleFactory) -> Archive:
    """Article 101 (Hama/Idleb, three tags, links out to 102 and to an unarchived 999), fetched
    at an alias that redirected, edited once, then taken down; 102 links back to it."""
    archive.sync_staff({"Manar al-Freih": ["Manar al-Frieh"]})
    first = article(
        post_id=101,
        dateline_place="Hama/Idleb",
        editor_tags=["Manar al-Frieh", "Mazen", "Hazem Sabbagh"],
        staff=["Manar al-Freih", "Mazen", "Hazem Sabbagh"],
        categories=["Politics", "Local"],
        tags=["Wheat"],
        problems=["body lacks 1 of 3 paragraphs"],
        links=[link("check_also", OTHER, "Ferry resumes"), link("inline", MISSING, "Talks")],
    )
    archive.save_article(first, [ALIAS, URL], T1)
    edited = {**first, "body": first["body"] + "\n\nA fourth paragraph was added later."}
    archive.save_article(edited, [URL], T2)
    archive.save_article(
        article(
            post_id=102,
            title="Ferry resumes between Tartous and Arwad",
            subheadings=[],
            body="The ferry sailed again.",
            links=[link("check_also", URL, "Grain corridor")],
        ),
        [OTHER],
        T2,
    )
    archive.record_removal(URL, 404, T3)
    archive.flush()
    return archive


def test_an_unarchived_url_has_no_reading(filled: Archive, reader: sqlite3.Connection) -> None:
    assert read_article(reader, MISSING) is None
    assert read_article(reader, ALIAS) is None, "aliases are not canonical URLs"
    assert is_archived(reader, URL)
    assert not is_archived(reader, MISSING)
    assert not is_archived(reader, ALIAS)


def test_reading_has_the_article_places_and_staff(
    filled: Archive, reader: sqlite3.Connection
) -> None:
    reading = read_article(reader, URL)
    assert reading is not None
    assert reading.article["title"] == "Foreign ministers discuss grain corridor in Moscow"
    assert reading.article["editor_tags"] == ["Manar al-Frieh", "Mazen", "Hazem Sabbagh"]
    assert [(place.name, place.kind, place.country) for place in reading.places] == [
        ("Hama", "governorate", "Syria"),
        ("Idleb", "governorate", "Syria"),
    ]
    assert reading.places[0].latitude == pytest.approx(35.1318)
    names = [(credit.name, credit.as_written) for credit in reading.staff]
    assert names == [
        ("Manar al-Freih", "Manar al-Frieh"),
        ("Mazen", "Mazen"),
        ("Hazem Sabbagh", "Hazem Sabbagh"),
    ]
    [person_id] = reader.execute("select id from staff where name = 'Manar al-Freih'").fetchone()
    assert reading.staff[0].person_id == person_id
    assert reading.categories == ("Politics", "Local")
    assert reading.tags == ("Wheat",)
    assert reading.problems == ("body lacks 1 of 3 paragraphs",)


def test_reading_has_links_in_and_out_with_archived_titles(
    filled: Archive, reader: sqlite3.Connection
) -> None:
    reading = read_article(reader, URL)
    assert reading is not None
    out = [(edge.kind, edge.other_url, edge.other_title) for edge in reading.links_out]
    assert out == [
        ("check_also", OTHER, "Ferry resumes between Tartous and Arwad"),
        ("inline", MISSING, None),
    ]
    into = [(edge.kind, edge.other_url, edge.other_title) for edge in reading.links_in]
    assert into == [("check_also", OTHER, "Ferry resumes between Tartous and Arwad")]
    assert reading.links_in[0].anchor_text == "Grain corridor"


def test_reading_has_every_address_revision_and_removal(
    filled: Archive, reader: sqlite3.Connection
) -> None:
    reading = read_article(reader, URL)
    assert reading is not None
    addresses = {address.url: address for address in reading.addresses}
    assert set(addresses) == {ALIAS, URL}
    assert addresses[ALIAS].redirected_to == URL
    assert (addresses[URL].first_seen, addresses[URL].last_seen) == (T1, T2)
    numbers = [(revision.number, revision.current) for revision in reading.revisions]
    assert numbers == [(1, False), (2, True)]
    earlier, current = reading.revisions
    assert earlier.captured == T1
    assert "fourth paragraph" not in (earlier.body or "")
    assert "fourth paragraph" in (current.body or "")
    assert earlier.content_hash != current.content_hash
    assert reading.removed
    [removal] = reading.removals
    assert (removal.status, removal.missing_since, removal.restored_at) == (404, T3, None)


def test_an_article_online_and_unedited_has_one_revision_and_no_removal(
    filled: Archive, reader: sqlite3.Connection
) -> None:
    reading = read_article(reader, OTHER)
    assert reading is not None
    assert [revision.number for revision in reading.revisions] == [1]
    assert not reading.removed
    assert reading.removals == ()
    assert reading.links_out[0].other_title == "Foreign ministers discuss grain corridor in Moscow"


def test_body_blocks_mark_the_sub_headings_in_order(
    filled: Archive, reader: sqlite3.Connection
) -> None:
    reading = read_article(reader, URL)
    assert reading is not None
    assert reading.blocks == (
        Block(
            "paragraph", "The two ministers reviewed the wheat shipments planned for the spring."
        ),
        Block("heading", "Shipments through the straits"),
        Block("paragraph", "Port officials in Tartous expect the first cargo within weeks."),
        Block("paragraph", "A fourth paragraph was added later."),
    )


def test_a_paragraph_repeating_a_used_heading_stays_a_paragraph() -> None:
    body = "Intro.\n\nRoads\n\nRoads\n\n\n\nClosing words."
    assert body_blocks(body, ["Roads"]) == (
        Block("paragraph", "Intro."),
        Block("heading", "Roads"),
        Block("paragraph", "Roads"),
        Block("paragraph", "Closing words."),
    )
    assert body_blocks(None, None) == ()
