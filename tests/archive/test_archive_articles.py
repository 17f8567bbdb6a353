"""Saving articles: new, unchanged and changed captures, revisions, the content hash and FTS."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from newscrawler.archive import Archive
from newscrawler.archive.hashing import content_hash

ArticleFactory = Callable[..., dict[str, Any]]
ReadRows = Callable[..., list[dict[str, Any]]]

T1 = "2024-01-01T08:00:00+00:00"
T2 = "2024-02-01T08:00:00+00:00"
T3 = "2024-03-01T08:00:00+00:00"
URL = "https://archive.sana.sy/en/?p=101"


def save(archive: Archive, article: dict[str, Any], now: str) -> str:
    status = archive.save_article(article, article["fetched_urls"], now)
    archive.flush()
    return status


def article_row(committed: ReadRows, url: str = URL) -> dict[str, Any]:
    rows = committed("SELECT * FROM articles WHERE url = ?", url)
    assert len(rows) == 1
    return rows[0]


def search(committed: ReadRows, word: str) -> list[str]:
    rows = committed(
        "SELECT articles.url FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY articles.url",
        word,
    )
    return [row["url"] for row in rows]


def test_new_article_is_stored_with_lists_as_json(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    assert save(archive, article(), T1) == "new"
    row = article_row(committed)
    assert row["post_id"] == 101
    assert row["updated"] == 1
    assert json.loads(row["media"]) == ["video"]
    assert json.loads(row["editor_tags"]) == ["Manar al-Freih", "Mazen", "Hazem Sabbagh"]
    assert json.loads(row["subheadings"]) == ["Shipments through the straits"]
    assert json.loads(row["images"]) == [
        {"src": "https://archive.sana.sy/en/wp-content/a.jpg", "alt": "", "caption": ""}
    ]
    assert row["dateline_raw"] == "Moscow, SANA –"
    assert (row["first_seen"], row["last_seen"], row["revision"]) == (T1, T1, 1)
    assert row["content_hash"] == content_hash(article())


def test_content_hash_is_sha256_of_sorted_compact_json_of_content_fields(
    article: ArticleFactory,
) -> None:
    fields = article()
    content = {
        name: fields[name]
        for name in (
            "title",
            "title_raw",
            "updated",
            "media",
            "published",
            "dateline_raw",
            "dateline_place",
            "dateline_agency",
            "dateline_date",
            "editor_tags_raw",
            "editor_tags",
            "byline_raw",
            "authors",
            "subheadings",
            "body",
            "categories",
            "tags",
        )
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert content_hash(fields) == hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize(
    "change",
    [
        {"modified": "2020-01-01T00:00:00+00:00"},
        {"links": []},
        {"images": []},
        {"fetched_urls": ["http://sana.sy/en/?p=101"]},
        {"problems": ["dateline not found"]},
    ],
)
def test_content_hash_ignores_fields_that_move_without_an_edit(
    article: ArticleFactory, change: dict[str, Any]
) -> None:
    assert content_hash(article(**change)) == content_hash(article())


@pytest.mark.parametrize(
    "change",
    [
        {"body": "A different first paragraph."},
        {"title_raw": "Foreign ministers discuss grain corridor in Moscow"},
        {"editor_tags": ["Manar al-Freih"]},
        {"updated": False},
        {"published": "2017-03-15T10:22:05+00:00"},
    ],
)
def test_content_hash_follows_every_content_field(
    article: ArticleFactory, change: dict[str, Any]
) -> None:
    assert content_hash(article(**change)) != content_hash(article())


def test_unchanged_capture_moves_last_seen_and_modified_only(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(), T1)
    before = article_row(committed)
    later = article(modified="2017-03-20T09:00:00+00:00", images=[], links=[])

    assert save(archive, later, T2) == "unchanged"

    after = article_row(committed)
    assert after["last_seen"] == after["last_checked"] == T2
    assert after["modified"] == "2017-03-20T09:00:00+00:00"
    moved = ("last_seen", "last_checked", "modified")
    assert {k: v for k, v in after.items() if k not in moved} == {
        k: v for k, v in before.items() if k not in moved
    }
    assert committed("SELECT * FROM revisions") == []


def test_unchanged_capture_without_a_modified_time_keeps_the_stored_one(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(), T1)
    save(archive, article(modified=None), T2)
    assert article_row(committed)["modified"] == "2017-03-14T11:00:00+00:00"


def test_changed_capture_keeps_the_previous_row_as_a_revision(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(), T1)
    previous = article_row(committed)
    edited = article(title="Foreign ministers sign grain corridor deal in Moscow")

    assert save(archive, edited, T2) == "changed"

    row = article_row(committed)
    assert row["title"] == "Foreign ministers sign grain corridor deal in Moscow"
    assert (row["first_seen"], row["last_seen"], row["revision"]) == (T1, T2, 2)
    assert row["content_hash"] == content_hash(edited)
    [revision] = committed("SELECT * FROM revisions")
    assert revision["article_url"] == URL
    assert revision["revision"] == 1
    assert revision["captured"] == T1
    assert revision["content_hash"] == previous["content_hash"]
    stored = json.loads(revision["row"])
    assert stored["title"] == "Foreign ministers discuss grain corridor in Moscow"
    assert stored["editor_tags"] == ["Manar al-Freih", "Mazen", "Hazem Sabbagh"]
    assert set(stored) == set(previous)


def test_each_edit_adds_one_revision_and_the_article_stays_one_row(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(), T1)
    save(archive, article(body="Second version of the story."), T2)
    save(archive, article(body="Second version of the story."), "2024-02-15T08:00:00+00:00")
    save(archive, article(body="Third version of the story."), T3)

    assert committed("SELECT count(*) AS n FROM articles")[0]["n"] == 1
    assert article_row(committed)["revision"] == 3
    revisions = committed("SELECT revision, captured, row FROM revisions ORDER BY revision")
    assert [(r["revision"], r["captured"]) for r in revisions] == [
        (1, T1),
        (2, "2024-02-15T08:00:00+00:00"),
    ]
    assert json.loads(revisions[1]["row"])["body"] == "Second version of the story."


def test_search_finds_title_and_body_words_after_insert_and_after_update(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(), T1)
    save(archive, article(post_id=102, title="Olive harvest begins", body="Farmers in Idleb."), T1)
    assert search(committed, "corridor") == [URL]
    assert search(committed, "wheat") == [URL]

    save(archive, article(title="Ministers sign accord", body="Barley will follow."), T2)
    save(archive, article(title="Ministers sign accord", body="Barley will follow."), T3)

    assert search(committed, "corridor") == []
    assert search(committed, "wheat") == []
    assert search(committed, "accord") == [URL]
    assert search(committed, "barley") == [URL]
    assert search(committed, "olive") == ["https://archive.sana.sy/en/?p=102"]


def test_a_save_that_fails_leaves_nothing_half_written(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    archive.save_article(article(post_id=1), [], T1)
    broken = article(post_id=2, links=[{"kind": "check_also", "anchor_text": "no address"}])

    with pytest.raises(KeyError):
        archive.save_article(broken, ["https://archive.sana.sy/en/?p=2"], T1)
    archive.flush()

    assert [row["url"] for row in committed("SELECT url FROM articles")] == [
        "https://archive.sana.sy/en/?p=1"
    ]
    assert committed("SELECT * FROM article_urls") == []


def test_a_single_string_is_refused_as_redirect_chain(
    archive: Archive, article: ArticleFactory
) -> None:
    with pytest.raises(TypeError, match="redirect chain"):
        archive.save_article(article(), URL, T1)


def test_problems_are_stored_as_json_and_an_empty_list_when_clean(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(), T1)
    save(archive, article(post_id=102, problems=["body lacks 1 of 3 paragraphs"]), T1)
    rows = {row["post_id"]: row for row in committed("SELECT post_id, problems FROM articles")}
    assert json.loads(rows[101]["problems"]) == []
    assert json.loads(rows[102]["problems"]) == ["body lacks 1 of 3 paragraphs"]


def test_problems_follow_the_latest_reading_without_a_revision(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(problems=["text swallowed by an unclosed <script>"]), T1)
    assert save(archive, article(problems=[]), T2) == "unchanged"
    assert json.loads(article_row(committed)["problems"]) == []
    assert committed("SELECT * FROM revisions") == []


def test_a_revision_keeps_the_problems_of_its_reading(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(problems=["body lacks 2 of 5 paragraphs"]), T1)
    save(archive, article(body="The whole text, fixed.", problems=[]), T2)
    [revision] = committed("SELECT row FROM revisions")
    assert json.loads(revision["row"])["problems"] == ["body lacks 2 of 5 paragraphs"]
