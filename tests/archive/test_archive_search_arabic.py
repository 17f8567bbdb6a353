"""Arabic titles and bodies are indexed in their search form, so every spelling finds them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.archive.rows import search_text
from newscrawler.archive.store import Archive
from newscrawler.normalize.arabic import search_form
from tests.archive.conftest import ArticleFactory, ReadRows

NOW = "2026-12-03T10:00:00+00:00"
LATER = "2026-12-03T11:00:00+00:00"
SCHEMA_V1 = Path(__file__).with_name("data") / "schema_v1.db"
# Written for these tests: a visit by a man named Ahmad, in the spellings writers use.
HAMZA_TITLE = "أحمد يزور مدرسة القرية"
PLAIN_BODY = "قال احمد ان المدرسه ستفتح ابوابها في الشتاء."
MARKED_BODY = "وصل أَحمد إلى المدرسةِ صباحاً ومعه الكتـــب."


def matches(committed: ReadRows, query: str) -> list[int]:
    """Post ids of the articles the index finds for `query` folded as the browse plugin folds."""
    phrase = '"' + search_form(query).replace('"', '""') + '"'
    rows = committed(
        "SELECT articles.post_id FROM articles_fts JOIN articles"
        " ON articles.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
        " ORDER BY articles.post_id",
        phrase,
    )
    return [row["post_id"] for row in rows]


@pytest.fixture
def arabic_archive(archive: Archive, article: ArticleFactory) -> Archive:
    archive.save_article(article(post_id=1, edition="ar", title=HAMZA_TITLE, body=""), [], NOW)
    archive.save_article(article(post_id=2, edition="ar", title="خبر", body=PLAIN_BODY), [], NOW)
    archive.save_article(article(post_id=3, edition="ar", title="خبر", body=MARKED_BODY), [], NOW)
    archive.save_article(article(post_id=4, title="Ahmad visits a village school"), [], NOW)
    archive.flush()
    return archive


@pytest.mark.parametrize("spelling", ["أحمد", "احمد", "أَحمد", "إحمد", "أحـــمد"])
def test_every_spelling_of_a_name_finds_the_same_articles(
    arabic_archive: Archive, committed: ReadRows, spelling: str
) -> None:
    assert matches(committed, spelling) == [1, 2, 3]


@pytest.mark.parametrize("spelling", ["مدرسة", "مدرسه", "المدرسة", "المدرسه"])
def test_ta_marbuta_and_ha_find_each_other(
    arabic_archive: Archive, committed: ReadRows, spelling: str
) -> None:
    assert matches(committed, spelling) == ([1] if spelling.startswith("م") else [2, 3])


def test_alef_maqsura_and_ya_find_each_other(arabic_archive: Archive, committed: ReadRows) -> None:
    assert matches(committed, "إلى") == matches(committed, "الي") == [3]


def test_english_rows_keep_one_copy_and_search_as_before(
    arabic_archive: Archive, committed: ReadRows
) -> None:
    english = committed("SELECT title_search, body_search FROM articles WHERE post_id = 4")
    assert english == [{"title_search": None, "body_search": None}]
    assert matches(committed, "village school") == [4]
    assert matches(committed, "Ahmad") == [4]


def test_the_archived_text_stays_as_written(arabic_archive: Archive, committed: ReadRows) -> None:
    rows = committed("SELECT title, body, body_search FROM articles WHERE post_id = 3")
    assert rows[0]["body"] == MARKED_BODY
    assert rows[0]["body_search"] == search_form(MARKED_BODY) != MARKED_BODY


def test_a_changed_article_is_found_by_its_new_words_only(
    arabic_archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    changed = article(post_id=2, edition="ar", title="خبر", body="سافر سامي إلى حلب.")
    arabic_archive.save_article(changed, [], LATER)
    arabic_archive.flush()
    assert matches(committed, "احمد") == [1, 3]
    assert matches(committed, "الى حلب") == [2]
    integrity = committed("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert integrity == []


def test_a_deleted_article_leaves_the_index(
    arabic_archive: Archive, db_path: Path, committed: ReadRows
) -> None:
    arabic_archive.close()
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("DELETE FROM articles WHERE post_id = 3")
    connection.close()
    assert matches(committed, "أحمد") == [1, 2]
    integrity = committed("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert integrity == []


def test_an_older_archive_is_folded_when_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    shutil.copy(SCHEMA_V1, path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "UPDATE articles SET title = ?, body = ? WHERE post_id = 900",
            (HAMZA_TITLE, MARKED_BODY),
        )
    connection.close()

    Archive(path).close()

    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row

    def committed(sql: str, *params: object) -> list[dict[str, object]]:
        return [dict(row) for row in connection.execute(sql, params)]

    try:
        assert matches(committed, "احمد") == [900]
        assert matches(committed, "المدرسه") == [900]
        assert committed("SELECT count(*) AS n FROM articles WHERE title_search IS NULL") == [
            {"n": 1}
        ]
        integrity = committed("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        assert integrity == []
    finally:
        connection.close()


# Arabic letters with every folded form, harakat, Quranic marks, tatweel, Persian letters,
# presentation forms, Latin letters, digits and punctuation.
TEXTS = st.text(
    alphabet=st.sampled_from(
        "احمدأإآٱىيةهـ\u064b\u064e\u0650\u0651\u0652\u0670\u06d6\u06ecیکﺃﻻ abcZ9–.,\n"
    )
)


@given(TEXTS)
def test_the_stored_search_text_is_the_search_form_when_it_differs(text: str) -> None:
    folded = search_form(text)
    assert search_text(text) == (None if folded == text else folded)
