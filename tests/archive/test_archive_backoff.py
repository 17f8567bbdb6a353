"""Known-bad pages: each permanent failure pushes the next retry further off; a save clears it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.archive import Archive
from newscrawler.archive.backoff import BackoffSchedule
from newscrawler.archive.lookup import ArchiveLookup
from tests.archive.conftest import ArticleFactory, ReadRows

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SCHEDULE = BackoffSchedule(first_days=1, max_days=32)
BAD = "http://127.0.0.1:8123/en/?p=101325"


def at(days: float) -> str:
    return (NOW + timedelta(days=days)).isoformat(timespec="seconds")


def fail(archive: Archive, days: float, url: str = BAD, reason: str = "no body") -> int:
    """One more `normalize` failure of `url`, `days` after NOW; the failures before it."""
    return archive.note_bad_page(url, "normalize", reason, at(days), SCHEDULE)


def not_due(db_path: Path, days: float, urls: list[str]) -> set[str]:
    """What BackoffMiddleware leaves alone in a run starting `days` after NOW."""
    with ArchiveLookup(db_path) as lookup:
        return {url for url, page in lookup.bad_pages(urls).items() if not page.due(at(days))}


@pytest.mark.parametrize(
    ("failures", "days"), [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (7, 32), (20, 32)]
)
def test_the_delay_doubles_up_to_its_ceiling(failures: int, days: float) -> None:
    assert SCHEDULE.delay(failures) == timedelta(days=days)


def test_a_zero_first_delay_retries_on_every_run() -> None:
    assert BackoffSchedule(first_days=0).delay(5) == timedelta(0)


def test_a_failing_page_is_not_due_until_its_backoff_has_passed(
    archive: Archive, db_path: Path
) -> None:
    assert fail(archive, 0) == 0
    archive.flush()
    assert not_due(db_path, 0.5, [BAD]) == {BAD}
    assert not_due(db_path, 1, [BAD]) == set()  # due at exactly its retry time
    assert not_due(db_path, 3, [BAD, "http://127.0.0.1:8123/en/?p=1"]) == set()


def test_each_failure_in_a_row_pushes_the_retry_further_off(
    archive: Archive, db_path: Path, committed: ReadRows
) -> None:
    assert [fail(archive, 0), fail(archive, 1), fail(archive, 3)] == [0, 1, 2]
    archive.flush()
    [row] = committed("SELECT * FROM bad_pages")
    assert row == {
        "url": BAD,
        "stage": "normalize",
        "reason": "no body",
        "failures": 3,
        "first_failed": at(0),
        "last_failed": at(3),
        "retry_after": at(3 + 4),  # the third failure: 4 days
    }
    assert not_due(db_path, 6.9, [BAD]) == {BAD}
    assert not_due(db_path, 7, [BAD]) == set()


def test_the_latest_failure_names_the_stage_and_reason(
    archive: Archive, committed: ReadRows
) -> None:
    fail(archive, 0)
    archive.note_bad_page(BAD, "download", "HTTP 404", at(1), SCHEDULE)
    archive.flush()
    [row] = committed("SELECT stage, reason, failures FROM bad_pages")
    assert row == {"stage": "download", "reason": "HTTP 404", "failures": 2}


def test_archiving_the_page_clears_its_backoff(
    archive: Archive, article: ArticleFactory, db_path: Path, committed: ReadRows
) -> None:
    other = "http://127.0.0.1:8123/en/?p=7"
    fail(archive, 0)
    fail(archive, 0, url=other)
    fixed = article(101325)
    # Fetched at the bad address (a redirect chain ending at the canonical URL).
    archive.save_article(fixed, [BAD, fixed["url"]], at(0.5))
    archive.flush()
    assert [row["url"] for row in committed("SELECT url FROM bad_pages")] == [other]
    assert not_due(db_path, 0.6, [BAD, other]) == {other}
    # Failing again later starts the schedule afresh: one day, as after a first failure.
    assert fail(archive, 2) == 0
    archive.flush()
    [row] = committed("SELECT failures, retry_after FROM bad_pages WHERE url = ?", BAD)
    assert row == {"failures": 1, "retry_after": at(3)}


def test_only_a_repeat_failure_tells_the_pipeline_nothing_changed(archive: Archive) -> None:
    """A first failure counts against the run's yield (it is news); a repeat does not.

    The pipeline counts `newscrawler/known_bad_article_pages` when the failures before this
    one are not 0, and the run's health judges its article pages less those.
    """
    assert fail(archive, 0) == 0
    assert fail(archive, 1) == 1
    assert fail(archive, 0, url="http://127.0.0.1:8123/en/?p=8") == 0


def test_many_urls_are_looked_up_in_chunks(archive: Archive, db_path: Path) -> None:
    urls = [f"http://127.0.0.1:8123/en/?p={n}" for n in range(1, 1001)]
    for url in urls[::2]:
        fail(archive, 0, url=url)
    archive.flush()
    assert not_due(db_path, 0.5, urls) == set(urls[::2])
