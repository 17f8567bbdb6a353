"""`Archive`: the one writer of the SQLite archive, in batched transactions over WAL."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from sqlite_utils import Database

from newscrawler.archive.backoff import FORGET_BAD_PAGE, BackoffSchedule, note_bad_page
from newscrawler.archive.hashing import content_hash
from newscrawler.archive.lookup import known_urls
from newscrawler.archive.migrations import migrations
from newscrawler.archive.people import save_article_staff, sync_roster
from newscrawler.archive.places import refresh_places, save_article_places
from newscrawler.archive.recheck import (
    SET_CHECKED,
    SET_VALIDATORS,
    DueArticle,
    RecheckWindows,
    due_articles,
    validator_values,
)
from newscrawler.archive.removals import archived_as, mark_removed, restore
from newscrawler.archive.rows import (
    ARTICLE_COLUMNS,
    ROWIDS_PER_SECOND,
    article_values,
    capture_values,
    decoded_row,
    rowid_base,
    to_json,
)
from newscrawler.archive.runs import RunHistory
from newscrawler.archive.updates import link_updates

SaveStatus = Literal["new", "changed", "unchanged"]

RUN_STAT_COLUMNS: frozenset[str] = frozenset(
    {
        "requests",
        "pages_fetched",
        "article_pages",
        "articles_new",
        "articles_changed",
        "articles_unchanged",
        "failures",
        "field_coverage",
        "stop_reasons",
    }
)
# Run counters stored as JSON text.
_JSON_RUN_STATS = frozenset({"field_coverage", "stop_reasons"})

# The batch's queued articles go into the full-text index in one statement (migration m007),
# in their search form (m015).
_INDEX_QUEUED = (
    """INSERT INTO articles_fts (rowid, title, body)
    SELECT articles.rowid, coalesce(articles.title_search, articles.title),
        coalesce(articles.body_search, articles.body)
    FROM search_index_queue JOIN articles ON articles.rowid = search_index_queue.article_rowid""",
    "DELETE FROM search_index_queue",
)

_INSERT_ARTICLE = "INSERT INTO articles (rowid, {columns}) VALUES (:rowid, {values})".format(
    columns=", ".join(ARTICLE_COLUMNS),
    values=", ".join(f":{name}" for name in ARTICLE_COLUMNS),
)
# The next free rowid of the article's publication second (migration m011); past a million
# articles in one second, which no agency publishes, the next rowid of the whole table.
_NEXT_ROWID = """
SELECT CASE WHEN serial < :per_second THEN :base + serial
    ELSE (SELECT max(rowid) + 1 FROM articles) END
FROM (
    SELECT coalesce(max(rowid) - :base + 1, 0) AS serial FROM articles
    WHERE rowid >= :base AND rowid < :base + :per_second
)"""
# Everything but the key and `first_seen`: a changed article keeps the day it was first seen.
_REPLACE_ARTICLE = "UPDATE articles SET {assignments} WHERE url = :url".format(
    assignments=", ".join(
        f"{name} = :{name}" for name in ARTICLE_COLUMNS if name not in ("url", "first_seen")
    )
)
# An unchanged re-fetch points at its newer capture; one made without WARC keeps the old one.
# Its problems are this reading's, so that a parser fix clears a flag (rows.py `problems`).
_TOUCH_ARTICLE = """
UPDATE articles SET last_seen = :now, modified = coalesce(:modified, modified),
    problems = :problems,
    warc_file = coalesce(:warc_file, warc_file),
    warc_offset = coalesce(:warc_offset, warc_offset),
    warc_record_id = coalesce(:warc_record_id, warc_record_id)
WHERE url = :url
"""
_INSERT_REVISION = """
INSERT INTO revisions (
    article_url, revision, captured, content_hash, row, warc_file, warc_offset, warc_record_id
)
VALUES (
    :url, :revision, :last_seen, :content_hash, :row, :warc_file, :warc_offset, :warc_record_id
)
"""
_UPSERT_LINK = """
INSERT INTO links (from_url, to_url, kind, anchor_text, teaser, first_seen, last_seen)
VALUES (:from_url, :to_url, :kind, :anchor_text, :teaser, :now, :now)
ON CONFLICT (from_url, to_url, kind) DO UPDATE SET
    anchor_text = excluded.anchor_text,
    teaser = excluded.teaser,
    last_seen = excluded.last_seen
"""
_UPSERT_ARTICLE_URL = """
INSERT INTO article_urls (url, article_url, redirected_to, first_seen, last_seen)
VALUES (:url, :article_url, :redirected_to, :now, :now)
ON CONFLICT (url) DO UPDATE SET
    article_url = excluded.article_url,
    redirected_to = excluded.redirected_to,
    last_seen = excluded.last_seen
"""
_INSERT_FAILURE = """
INSERT INTO failures (run_id, url, stage, reason, time, raw, raw_size, raw_sha256)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_RUN = "INSERT INTO crawl_runs (spider, args, started) VALUES (?, ?, ?)"


class Archive:
    """The SQLite archive file, opened for writing.

    Writes join one explicit transaction that is committed every `batch_size` writes and on
    `flush()` / `close()`, so a crash loses at most the uncommitted batch. Each single write
    runs in a savepoint: if it fails, nothing of it stays in the batch.
    """

    def __init__(
        self, path: str | Path, batch_size: int = 50, failure_raw_max: int | None = None
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.path = Path(path)
        # Bytes of a failed page kept in `failures.raw`; None keeps all of them.
        self._failure_raw_max = failure_raw_max
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._batch_size = batch_size
        self._pending_writes = 0
        self._closed = False
        self._db = Database(self.path)
        self._db.enable_wal()
        # With WAL, NORMAL is still crash-safe for the database; only the last commits can be
        # lost on power failure, which the next incremental run re-fetches.
        self._db.execute("PRAGMA synchronous=NORMAL")
        migrations.apply(self._db)
        with self._db.atomic():  # the gazetteer file is the truth: edits to it apply on open
            refresh_places(self._db)
            # Rows written by other tools, or committed before a crash, wait in the queue.
            self._index_queued()
        # Run health and resumption queries, on this connection (archive/runs.py).
        self.runs = RunHistory(self._db)

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def save_article(
        self, article: Mapping[str, Any], fetched_urls: Sequence[str], now: str
    ) -> SaveStatus:
        """Upsert one `Article.to_dict()`; `fetched_urls` is its redirect chain, requested first."""
        if isinstance(fetched_urls, str):
            raise TypeError("fetched_urls is the redirect chain: a list of URLs, not one string")
        values = {**article_values(article), **capture_values(article.get("capture"))}
        url = values["url"]
        new_hash = content_hash(article)
        with self._write():
            previous = self._article_row(url)
            if previous is None:
                status: SaveStatus = "new"
                self._insert_article(values, new_hash, now)
            # Hashed from the stored columns, not read from `content_hash`: a row edited by
            # hand or written under other CONTENT_FIELDS is compared by what it holds.
            elif content_hash(decoded_row(previous)) == new_hash:
                status = "unchanged"
                self._db.execute(_TOUCH_ARTICLE, {**values, "now": now})
            else:
                status = "changed"
                self._db.execute(
                    _INSERT_REVISION, {**previous, "row": to_json(decoded_row(previous))}
                )
                self._replace_article(values, new_hash, previous["revision"] + 1, now)
            self._save_links(url, article["links"], now)
            self._save_fetched_urls(url, fetched_urls, now)
            # Archived at last: whatever made these addresses fail is over.
            self._db.conn.executemany(FORGET_BAD_PAGE, [(address,) for address in fetched_urls])
            save_article_staff(self._db, url, article["editor_tags"], article.get("staff") or [])
            save_article_places(self._db, url, values["dateline_place"])
            link_updates(self._db, url, now)
            validators = validator_values(article.get("validators"))
            self._db.execute(SET_VALIDATORS, {"url": url, "now": now, **validators})
        return status

    def mark_checked(self, url: str, validators: Mapping[str, Any] | None, now: str) -> bool:
        """Record a re-check answered `304 Not Modified`; False if `url` is not archived."""
        with self._write():
            cursor = self._db.execute(
                SET_CHECKED, {"url": url, "now": now, **validator_values(validators)}
            )
        return cursor.rowcount > 0

    def record_removal(self, address: str, status: int, now: str) -> str | None:
        """Mark the archived article fetched at `address` removed (it answered `status`).

        Returns its `articles.url`, or None when `address` is no archived article (then the
        answer is an ordinary failure). Its content stays; a removal already open stays open
        with its first-missed time.
        """
        with self._write():
            url = archived_as(self._db, address)
            if url is not None:
                mark_removed(self._db, url, status, now)
        return url

    def restore(self, url: str, now: str) -> bool:
        """Close the open removal of `url` (the site serves it again); False if there was none."""
        with self._write():
            return restore(self._db, url, now)

    def note_bad_page(
        self, url: str, stage: str, reason: str, now: str, schedule: BackoffSchedule
    ) -> int:
        """Count a permanent failure of `url`, set its next retry; the failures before this one."""
        with self._write():
            return note_bad_page(self._db, url, stage, reason, now, schedule)

    def due_for_recheck(self, windows: RecheckWindows, now: datetime) -> list[DueArticle]:
        """Archived articles whose re-check is due at `now` (see `RecheckWindows`)."""
        return due_articles(self._db, windows, now)

    def record_failure(
        self, run_id: int | None, url: str, stage: str, reason: str, raw: bytes | None, now: str
    ) -> None:
        """Keep a page that could not be archived, with its bytes so it can be re-processed.

        At most `failure_raw_max` bytes are kept; `raw_size` and `raw_sha256` are the whole
        page's, so a cut-off `raw` is told by `length(raw) < raw_size`.
        """
        raw_size = None if raw is None else len(raw)
        digest = None if raw is None else hashlib.sha256(raw).hexdigest()
        kept = raw if raw is None or self._failure_raw_max is None else raw[: self._failure_raw_max]
        values = [run_id, url, stage, reason, now, kept, raw_size, digest]
        with self._write():
            self._db.execute(_INSERT_FAILURE, values)

    def start_run(self, spider: str, args: Mapping[str, Any], now: str) -> int:
        """Open a `crawl_runs` row and commit it at once, so even a crashed run leaves a trace."""
        with self._write():
            cursor = self._db.execute(_INSERT_RUN, [spider, to_json(dict(args)), now])
        self.flush()
        run_id = cursor.lastrowid
        assert run_id is not None  # an INSERT into a rowid table always sets it
        return run_id

    def finish_run(self, run_id: int, reason: str, stats: Mapping[str, Any], now: str) -> None:
        """Close a run with its counters (keys: `RUN_STAT_COLUMNS`) and commit everything."""
        unknown = set(stats) - RUN_STAT_COLUMNS
        if unknown:
            raise ValueError(f"unknown crawl_runs stats: {', '.join(sorted(unknown))}")
        columns = {
            name: to_json(value) if name in _JSON_RUN_STATS else value
            for name, value in stats.items()
        }
        assignments = "".join(f", {name} = :{name}" for name in columns)
        sql = (
            "UPDATE crawl_runs SET finished = :now, finish_reason = :reason"
            f"{assignments} WHERE id = :id"
        )
        with self._write():
            self._db.execute(sql, {**columns, "now": now, "reason": reason, "id": run_id})
        self.flush()

    def sync_staff(self, roster: Mapping[str, Sequence[str]]) -> None:
        """List every person of the roster (canonical name → other spellings) in `staff`."""
        with self._write():
            sync_roster(self._db, roster)

    def has_articles(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` already archived, as a canonical URL or as an address fetched."""
        return known_urls(self._db, urls)

    def flush(self) -> None:
        """Index the batch's articles for full-text search and commit the batch."""
        self._index_queued()
        self._db.commit()
        self._pending_writes = 0

    def close(self) -> None:
        """Commit the current batch and close the file; closing twice is harmless."""
        if self._closed:
            return
        self.flush()
        self._db.close()
        self._closed = True

    def _index_queued(self) -> None:
        for statement in _INDEX_QUEUED:
            self._db.execute(statement)

    @contextmanager
    def _write(self) -> Iterator[None]:
        if not self._db.conn.in_transaction:
            self._db.begin()
        with self._db.atomic():
            yield
        self._pending_writes += 1
        if self._pending_writes >= self._batch_size:
            self.flush()

    def _article_row(self, url: str) -> dict[str, Any] | None:
        cursor = self._db.execute("SELECT * FROM articles WHERE url = ?", [url])
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip((column[0] for column in cursor.description), row, strict=True))

    def _insert_article(self, values: dict[str, Any], new_hash: str, now: str) -> None:
        row = {
            **values,
            "first_seen": now,
            "last_seen": now,
            "content_hash": new_hash,
            "revision": 1,
            "rowid": self._next_rowid(values.get("published")),
        }
        self._db.execute(_INSERT_ARTICLE, row)

    def _next_rowid(self, published: str | None) -> int:
        params = {"base": rowid_base(published), "per_second": ROWIDS_PER_SECOND}
        rowid: int = self._db.execute(_NEXT_ROWID, params).fetchone()[0]
        return rowid

    def _replace_article(
        self, values: dict[str, Any], new_hash: str, revision: int, now: str
    ) -> None:
        row = {**values, "last_seen": now, "content_hash": new_hash, "revision": revision}
        self._db.execute(_REPLACE_ARTICLE, row)

    def _save_links(self, from_url: str, links: Iterable[Mapping[str, Any]], now: str) -> None:
        # Upsert only: links gone from the page stay, as the history of what it showed.
        self._db.conn.executemany(
            _UPSERT_LINK,
            [
                {
                    "from_url": from_url,
                    "to_url": link["url"],
                    "kind": link["kind"],
                    "anchor_text": link["anchor_text"],
                    "teaser": link.get("teaser", ""),
                    "now": now,
                }
                for link in links
            ],
        )

    def _save_fetched_urls(self, article_url: str, chain: Sequence[str], now: str) -> None:
        self._db.conn.executemany(
            _UPSERT_ARTICLE_URL,
            [
                {
                    "url": address,
                    "article_url": article_url,
                    "redirected_to": chain[position + 1] if position + 1 < len(chain) else None,
                    "now": now,
                }
                for position, address in enumerate(chain)
            ],
        )
