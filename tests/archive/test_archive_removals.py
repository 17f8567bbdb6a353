"""Takedowns: a 404/410 for an archived article is a removal, its return closes it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newscrawler.archive import Archive
from newscrawler.archive.recheck import RecheckWindows
from tests.archive.conftest import ArticleFactory, ReadRows

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
# Only the removed tier is on: whatever else is due, it is not for its age.
REMOVED_ONLY = RecheckWindows(every_run_days=0, daily_days=0, weekly_days=0, removed_days=30)
FETCHED_AT = "http://127.0.0.1:8123/en/?p={post_id}"


def at(days: float) -> str:
    """The time `days` after NOW, as the pipeline writes it."""
    return (NOW + timedelta(days=days)).isoformat(timespec="seconds")


def archived(archive: Archive, article: ArticleFactory, post_id: int = 101) -> str:
    """An article published a year ago, archived at NOW from the local snapshot's address."""
    saved = article(post_id, published=at(-365))
    archive.save_article(saved, [FETCHED_AT.format(post_id=post_id)], at(0))
    return str(saved["url"])


def article_state(committed: ReadRows, url: str) -> dict[str, object]:
    [row] = committed(
        "SELECT title, body, content_hash, revision, removed_at, last_seen, last_checked"
        " FROM articles WHERE url = ?",
        url,
    )
    return row


def removals(committed: ReadRows) -> list[dict[str, object]]:
    return committed(
        "SELECT url, status, missing_since, last_missed, restored_at FROM removals ORDER BY id"
    )


def test_a_404_for_an_archived_article_records_a_removal_and_keeps_its_content(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    url = archived(archive, article)
    archive.flush()
    before = article_state(committed, url)
    assert archive.record_removal(FETCHED_AT.format(post_id=101), 404, at(1)) == url
    archive.flush()
    after = article_state(committed, url)
    assert after["removed_at"] == at(1)
    assert after["last_checked"] == at(1)
    # The content stays, and a missing page is not a sighting: last_seen stays at the save.
    kept = ("title", "body", "content_hash", "revision", "last_seen")
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}
    assert removals(committed) == [
        {
            "url": url,
            "status": 404,
            "missing_since": at(1),
            "last_missed": at(1),
            "restored_at": None,
        }
    ]


def test_the_canonical_url_is_recognized_as_well_as_the_address_fetched(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    url = archived(archive, article)
    assert archive.record_removal(url, 410, at(1)) == url
    archive.flush()
    assert [row["status"] for row in removals(committed)] == [410]


def test_a_404_for_a_page_never_archived_is_no_removal(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    archived(archive, article)
    assert archive.record_removal(FETCHED_AT.format(post_id=999), 404, at(1)) is None
    archive.flush()
    assert removals(committed) == []
    assert committed("SELECT count(*) AS n FROM articles WHERE removed_at IS NOT NULL") == [
        {"n": 0}
    ]


def test_a_second_miss_keeps_the_first_missed_time(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    url = archived(archive, article)
    address = FETCHED_AT.format(post_id=101)
    archive.record_removal(address, 404, at(1))
    assert archive.record_removal(address, 410, at(2)) == url
    archive.flush()
    # One open removal: first missed on day 1, last missed on day 2, now answering 410.
    assert removals(committed) == [
        {
            "url": url,
            "status": 410,
            "missing_since": at(1),
            "last_missed": at(2),
            "restored_at": None,
        }
    ]
    state = article_state(committed, url)
    assert (state["removed_at"], state["last_checked"]) == (at(1), at(2))


def test_reappearance_closes_the_removal_and_keeps_its_history(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    url = archived(archive, article)
    address = FETCHED_AT.format(post_id=101)
    archive.record_removal(address, 404, at(1))
    assert archive.restore(url, at(3)) is True
    assert archive.restore(url, at(4)) is False  # nothing open any more
    archive.flush()
    assert article_state(committed, url)["removed_at"] is None
    assert removals(committed) == [
        {
            "url": url,
            "status": 404,
            "missing_since": at(1),
            "last_missed": at(1),
            "restored_at": at(3),
        }
    ]
    # Taken down again: a new removal, the closed one stays as it was.
    archive.record_removal(address, 410, at(5))
    archive.flush()
    assert article_state(committed, url)["removed_at"] == at(5)
    assert [(r["missing_since"], r["restored_at"]) for r in removals(committed)] == [
        (at(1), at(3)),
        (at(5), None),
    ]


def test_restoring_an_article_never_removed_changes_nothing(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    url = archived(archive, article)
    assert archive.restore(url, at(1)) is False
    archive.flush()
    assert removals(committed) == []


def test_a_saved_article_is_restored_by_the_save_and_restore_together(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    """The pipeline saves the page that answers again, then closes its removal."""
    url = archived(archive, article)
    archive.record_removal(url, 404, at(1))
    saved = article(101, published=at(-365))
    assert archive.save_article(saved, [FETCHED_AT.format(post_id=101)], at(2)) == "unchanged"
    archive.restore(url, at(2))
    archive.flush()
    state = article_state(committed, url)
    assert (state["removed_at"], state["last_seen"], state["revision"]) == (None, at(2), 1)


def test_recently_removed_articles_are_due_for_a_recheck_once_a_day(
    archive: Archive, article: ArticleFactory
) -> None:
    url = archived(archive, article)
    assert archive.due_for_recheck(REMOVED_ONLY, NOW + timedelta(days=1)) == []
    archive.record_removal(url, 404, at(1))

    def due(days: float) -> list[str]:
        return [d.url for d in archive.due_for_recheck(REMOVED_ONLY, NOW + timedelta(days=days))]

    assert due(1.5) == []  # checked at the miss, half a day ago
    assert due(2) == [url]  # a day after the miss
    due_article = archive.due_for_recheck(REMOVED_ONLY, NOW + timedelta(days=2))[0]
    assert due_article.fetch_url == FETCHED_AT.format(post_id=101)
    archive.record_removal(url, 404, at(2))  # missed again: checked, still removed
    assert due(2.5) == []
    assert due(3) == [url]
    assert due(30) == [url]  # removed 29 days ago: still looked at
    assert due(31.5) == []  # removed more than 30 days ago: only the age tiers apply


def test_a_restored_article_leaves_the_removed_tier(
    archive: Archive, article: ArticleFactory
) -> None:
    url = archived(archive, article)
    archive.record_removal(url, 404, at(1))
    archive.restore(url, at(2))
    assert archive.due_for_recheck(REMOVED_ONLY, NOW + timedelta(days=5)) == []


def test_zero_removed_days_switches_the_removed_tier_off(
    archive: Archive, article: ArticleFactory
) -> None:
    url = archived(archive, article)
    archive.record_removal(url, 404, at(1))
    off = RecheckWindows(every_run_days=0, daily_days=0, weekly_days=0, removed_days=0)
    assert archive.due_for_recheck(off, NOW + timedelta(days=5)) == []
