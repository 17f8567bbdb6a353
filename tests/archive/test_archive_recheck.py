"""Re-check bookkeeping: validators and last_checked kept, and which articles are due when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newscrawler.archive import Archive
from newscrawler.archive.recheck import RecheckWindows
from tests.archive.conftest import ArticleFactory, ReadRows

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
VALIDATORS = {"etag": '"abc123"', "last_modified": "Sat, 28 Feb 2026 09:00:00 GMT"}


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def archived(
    archive: Archive,
    article: ArticleFactory,
    post_id: int,
    published_days_ago: float,
    checked_days_ago: float,
) -> str:
    published = iso(NOW - timedelta(days=published_days_ago))
    saved = article(post_id, published=published, validators=VALIDATORS)
    archive.save_article(saved, saved["fetched_urls"], iso(NOW - timedelta(days=checked_days_ago)))
    return str(saved["url"])


def test_saving_keeps_the_validators_and_the_check_time(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    url = archived(archive, article, 1, published_days_ago=3, checked_days_ago=1)
    archive.flush()
    [row] = committed("SELECT etag, last_modified, last_checked FROM articles WHERE url = ?", url)
    assert row == {**VALIDATORS, "last_checked": iso(NOW - timedelta(days=1))}


def test_a_not_modified_answer_moves_last_checked_and_keeps_the_validators(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    url = archived(archive, article, 1, published_days_ago=3, checked_days_ago=1)
    assert archive.mark_checked(url, {}, iso(NOW)) is True
    assert archive.mark_checked("https://archive.sana.sy/en/?p=404", {}, iso(NOW)) is False
    archive.flush()
    [row] = committed("SELECT etag, last_modified, last_checked, revision FROM articles")
    assert row == {**VALIDATORS, "last_checked": iso(NOW), "revision": 1}


@pytest.mark.parametrize(
    ("published_days_ago", "checked_days_ago", "due"),
    [
        (1, 0, True),  # every run while younger than 2 days
        (10, 2, True),  # daily until 14 days
        (10, 0.5, False),
        (60, 8, True),  # weekly until 90 days
        (60, 3, False),
        (120, 30, False),  # never again
    ],
)
def test_the_schedule_thins_out_with_age(
    archive: Archive,
    article: ArticleFactory,
    published_days_ago: float,
    checked_days_ago: float,
    due: bool,
) -> None:
    url = archived(archive, article, 1, published_days_ago, checked_days_ago)
    due_urls = [d.url for d in archive.due_for_recheck(RecheckWindows(2, 14, 90), NOW)]
    assert due_urls == ([url] if due else [])


def test_zero_windows_switch_rechecks_off(archive: Archive, article: ArticleFactory) -> None:
    archived(archive, article, 1, published_days_ago=0.5, checked_days_ago=0)
    archived(archive, article, 2, published_days_ago=20, checked_days_ago=10)
    assert archive.due_for_recheck(RecheckWindows(0, 0, 0), NOW) == []
    assert [d.url for d in archive.due_for_recheck(RecheckWindows(0, 0, 30), NOW)] == [
        "https://archive.sana.sy/en/?p=2"
    ]


def test_due_articles_come_newest_first_with_where_to_fetch_them(
    archive: Archive, article: ArticleFactory
) -> None:
    older = article(7, published=iso(NOW - timedelta(days=1)))
    archive.save_article(
        older, ["http://127.0.0.1:8123/en/?p=7", "http://mirror.example/en/?p=7"], iso(NOW)
    )
    archived(archive, article, 8, published_days_ago=0.5, checked_days_ago=0)
    due = archive.due_for_recheck(RecheckWindows(), NOW)
    assert [d.url for d in due] == [
        "https://archive.sana.sy/en/?p=8",
        "https://archive.sana.sy/en/?p=7",
    ]
    assert due[1].fetch_url == "http://mirror.example/en/?p=7"
    assert (due[0].etag, due[0].last_modified) == (VALIDATORS["etag"], VALIDATORS["last_modified"])
    assert (due[1].etag, due[1].last_modified) == (None, None)
