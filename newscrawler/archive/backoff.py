"""SQL of known-bad pages (`bad_pages`): pages that fail for good, retried on a backoff schedule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

_LOOKUP_CHUNK = 400
_BAD_PAGES = "SELECT url, failures, retry_after FROM bad_pages WHERE url IN ({marks})"
_PREVIOUS_FAILURES = "SELECT failures FROM bad_pages WHERE url = ?"
_UPSERT_BAD_PAGE = """
INSERT INTO bad_pages (url, stage, reason, failures, first_failed, last_failed, retry_after)
VALUES (:url, :stage, :reason, 1, :now, :now, :retry_after)
ON CONFLICT (url) DO UPDATE SET
    stage = excluded.stage,
    reason = excluded.reason,
    failures = failures + 1,
    last_failed = excluded.last_failed,
    retry_after = :retry_after
"""
FORGET_BAD_PAGE = "DELETE FROM bad_pages WHERE url = ?"


@dataclass(frozen=True)
class BackoffSchedule:
    """After the n-th failure in a row, wait `first_days * 2**(n-1)` days, at most `max_days`."""

    first_days: float = 1
    max_days: float = 32

    def delay(self, failures: int) -> timedelta:
        days = min(self.first_days * 2 ** max(failures - 1, 0), self.max_days)
        return timedelta(days=days)


@dataclass(frozen=True)
class BadPage:
    """A page that failed for good `failures` times in a row; not worth a request before then."""

    url: str
    failures: int
    retry_after: str

    def due(self, now: str) -> bool:
        return self.retry_after <= now


def bad_pages(db: Database, urls: Iterable[str]) -> dict[str, BadPage]:
    """Those of `urls` listed in `bad_pages`."""
    wanted = list(dict.fromkeys(urls))
    found: dict[str, BadPage] = {}
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start : start + _LOOKUP_CHUNK]
        sql = _BAD_PAGES.format(marks=", ".join("?" * len(chunk)))
        for url, failures, retry_after in db.execute(sql, chunk):
            found[url] = BadPage(url, failures, retry_after)
    return found


def note_bad_page(
    db: Database, url: str, stage: str, reason: str, now: str, schedule: BackoffSchedule
) -> int:
    """Count one more failure of `url` and set its next retry; returns the failures before it."""
    row = db.execute(_PREVIOUS_FAILURES, [url]).fetchone()
    previous = int(row[0]) if row else 0
    retry_after = datetime.fromisoformat(now) + schedule.delay(previous + 1)
    values = {
        "url": url,
        "stage": stage,
        "reason": reason,
        "now": now,
        "retry_after": retry_after.isoformat(timespec="seconds"),
    }
    db.execute(_UPSERT_BAD_PAGE, values)
    return previous
