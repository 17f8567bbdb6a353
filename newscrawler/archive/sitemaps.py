"""Sitemap bookkeeping: what the archive knows of articles a sitemap lists, to judge lastmod."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

# Well under SQLite's bound-parameter limit; each URL is bound twice.
_CHUNK = 400
# `key` is the address asked about: an article's canonical URL or an address it was fetched at.
# The final address it was last fetched at is where its re-check goes (as in archive/recheck.py).
_STATES = """
SELECT k.key, a.url, a.published, a.modified, a.sitemap_lastmod, a.etag, a.last_modified,
    coalesce((
        SELECT u.url FROM article_urls u
        WHERE u.article_url = a.url AND u.redirected_to IS NULL
        ORDER BY u.last_seen DESC LIMIT 1
    ), a.url) AS fetch_url
FROM (
    SELECT url AS key, url AS article_url FROM articles WHERE url IN ({marks})
    UNION SELECT url AS key, article_url FROM article_urls WHERE url IN ({marks})
) k JOIN articles a ON a.url = k.article_url
"""


@dataclass(frozen=True)
class SitemapState:
    """An archived article as a sitemap entry is judged against (times in UTC, ISO 8601).

    `sitemap_lastmod` is the `<lastmod>` a sitemap gave when the article was last fetched or
    checked (None until a sitemap led to one); `modified`/`published` are its page's dates.
    """

    url: str
    fetch_url: str
    published: str | None
    modified: str | None
    sitemap_lastmod: str | None
    etag: str | None
    last_modified: str | None


def sitemap_states(db: Database, urls: Iterable[str]) -> dict[str, SitemapState]:
    """The archived ones of `urls` (canonical URLs or fetched addresses), keyed by them."""
    wanted = list(dict.fromkeys(urls))
    found: dict[str, SitemapState] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        sql = _STATES.format(marks=", ".join("?" * len(chunk)))
        for key, url, published, modified, lastmod, etag, last_modified, fetch_url in db.execute(
            sql, chunk + chunk
        ):
            found[key] = SitemapState(
                url, fetch_url, published, modified, lastmod, etag, last_modified
            )
    return found
