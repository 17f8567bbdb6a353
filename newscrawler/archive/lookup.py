"""`ArchiveLookup`: read-only questions to the archive from the crawl's middlewares."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from newscrawler.archive.backoff import BadPage, bad_pages
from newscrawler.archive.recheck import DueArticle, RecheckWindows, due_articles
from newscrawler.archive.runs import RunHistory
from newscrawler.archive.sitemaps import SitemapState, sitemap_states

# Well under SQLite's bound-parameter limit, and each URL is bound twice per lookup.
_LOOKUP_CHUNK = 400
_KNOWN_URLS = """
SELECT url FROM articles WHERE url IN ({marks})
UNION SELECT url FROM article_urls WHERE url IN ({marks})
"""
_RUN_STARTED = "SELECT started FROM crawl_runs WHERE id = ?"


def known_urls(db: Database, urls: Iterable[str]) -> set[str]:
    """Those of `urls` already archived, as a canonical URL or as an address fetched."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start : start + _LOOKUP_CHUNK]
        sql = _KNOWN_URLS.format(marks=", ".join("?" * len(chunk)))
        found.update(row[0] for row in db.execute(sql, chunk + chunk))
    return found


class ArchiveLookup:
    """A read-only connection to an existing archive, beside the pipeline's writing one.

    It never takes SQLite's write lock, so it can neither wait for the pipeline's open batch
    nor make the pipeline wait (a middleware that wrote at close stalled 5 s and failed with
    `database is locked`). Under WAL it reads the last committed state.
    """

    def __init__(self, path: str | Path) -> None:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        self._db = Database(sqlite3.connect(uri, uri=True))
        # Run health and resumption queries (archive/runs.py), reads only.
        self.runs = RunHistory(self._db)

    def __enter__(self) -> ArchiveLookup:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def has_articles(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` already archived, as a canonical URL or as an address fetched."""
        return known_urls(self._db, urls)

    def run_started(self, run_id: int) -> str | None:
        """`crawl_runs.started` of run `run_id`."""
        row = self._db.execute(_RUN_STARTED, [run_id]).fetchone()
        return row[0] if row else None

    def due_for_recheck(self, windows: RecheckWindows, now: datetime) -> list[DueArticle]:
        """Archived articles whose re-check is due at `now` (see `RecheckWindows`)."""
        return due_articles(self._db, windows, now)

    def bad_pages(self, urls: Iterable[str]) -> dict[str, BadPage]:
        """Those of `urls` that failed for good in an earlier run, with their retry time."""
        return bad_pages(self._db, urls)

    def sitemap_states(self, urls: Iterable[str]) -> dict[str, SitemapState]:
        """Those of `urls` already archived, with what judging a sitemap `<lastmod>` needs."""
        return sitemap_states(self._db, urls)

    def close(self) -> None:
        self._db.close()
