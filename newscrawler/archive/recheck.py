"""Re-check bookkeeping: which archived articles are due for a conditional re-fetch, and when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

DAY = timedelta(days=1)
WEEK = timedelta(days=7)

# After a save or a 304: the page was checked now; its validators are the latest response's.
# A 304 may omit them, so it keeps the stored ones.
# `sitemap_lastmod` (m016) is the sitemap's `<lastmod>` that led to this fetch; a fetch that no
# sitemap led to keeps the stored one.
SET_CHECKED = """
UPDATE articles SET last_checked = :now,
    etag = coalesce(:etag, etag), last_modified = coalesce(:last_modified, last_modified),
    sitemap_lastmod = coalesce(:sitemap_lastmod, sitemap_lastmod)
WHERE url = :url
"""
SET_VALIDATORS = """
UPDATE articles SET last_checked = :now, etag = :etag, last_modified = :last_modified,
    sitemap_lastmod = coalesce(:sitemap_lastmod, sitemap_lastmod)
WHERE url = :url
"""
# The final address (not a redirect) the article was last fetched at: the canonical URL names
# the live host, while a mirror or the local snapshot is where this archive actually fetches.
_DUE = """
SELECT a.url, a.etag, a.last_modified, coalesce((
    SELECT u.url FROM article_urls u
    WHERE u.article_url = a.url AND u.redirected_to IS NULL
    ORDER BY u.last_seen DESC LIMIT 1
), a.url) AS fetch_url
FROM articles a
WHERE {tiers}
ORDER BY a.published DESC
"""
_TIER = "(a.{column} >= :{name}_since AND coalesce(a.last_checked, '') <= :{name}_checked)"


@dataclass(frozen=True)
class RecheckWindows:
    """Ages (days since publication) up to which an article is re-checked on a schedule.

    Younger than `every_run_days`: every run; than `daily_days`: once a day; than
    `weekly_days`: once a week; older: never again. 0 switches a tier off. Whatever its age,
    an article removed (404/410) less than `removed_days` ago is re-checked once a day, so
    its return is noticed.
    """

    every_run_days: float = 2
    daily_days: float = 14
    weekly_days: float = 90
    removed_days: float = 30

    def tiers(self) -> list[tuple[str, str, float, timedelta]]:
        """(name, column, window in days, least time between checks) of the switched-on tiers."""
        tiers = [
            ("every_run", "published", self.every_run_days, timedelta(0)),
            ("daily", "published", self.daily_days, DAY),
            ("weekly", "published", self.weekly_days, WEEK),
            ("removed", "removed_at", self.removed_days, DAY),
        ]
        return [tier for tier in tiers if tier[2] > 0]


@dataclass(frozen=True)
class DueArticle:
    """An archived article to re-fetch: its row key, where to fetch it, its validators."""

    url: str
    fetch_url: str
    etag: str | None
    last_modified: str | None


def due_articles(db: Database, windows: RecheckWindows, now: datetime) -> list[DueArticle]:
    """Articles due for a re-check at `now` (timezone-aware), newest first."""
    tiers = windows.tiers()
    if not tiers:
        return []
    params: dict[str, str] = {}
    for name, _, days, interval in tiers:
        params[f"{name}_since"] = _iso(now - timedelta(days=days))
        # An article checked at exactly the interval ago is due: runs drift by seconds.
        params[f"{name}_checked"] = _iso(now - interval) if interval else "9999"
    sql = _DUE.format(
        tiers=" OR ".join(_TIER.format(name=name, column=column) for name, column, _, _ in tiers)
    )
    return [
        DueArticle(url=row[0], etag=row[1], last_modified=row[2], fetch_url=row[3])
        for row in db.execute(sql, params).fetchall()
    ]


VALIDATORS = ("etag", "last_modified", "sitemap_lastmod")


def validator_values(validators: Mapping[str, Any] | None) -> dict[str, Any]:
    """The `etag`, `last_modified` and `sitemap_lastmod` of an article's `validators` (None
    when absent)."""
    validators = validators or {}
    return {name: validators.get(name) for name in VALIDATORS}


def _iso(moment: datetime) -> str:
    # The format `published` and `last_checked` are stored in, so strings compare as times.
    return moment.isoformat(timespec="seconds")
