"""`bulk_load_articles`: fill a fresh archive with many ready-made rows fast (benchmarks)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from newscrawler.archive.migrations import migrations
from newscrawler.archive.places import dateline_places
from newscrawler.archive.rows import ROWIDS_PER_SECOND, rowid_base, search_text, title_key

_REBUILD_FTS = "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')"
# Rows inserted here wait in the search queue (migration m007); the rebuild indexes them all.
_CLEAR_SEARCH_QUEUE = "DELETE FROM search_index_queue"
_INSERT_ARTICLE_PLACE = "INSERT INTO article_places (article_url, position, place) VALUES (?, ?, ?)"
_ADD_PERSON = "INSERT INTO staff (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id"
_PERSON_ID = "SELECT id FROM staff WHERE name = ?"
_INSERT_ARTICLE_STAFF = """
INSERT INTO article_staff (article_url, staff_id, position, name_as_written) VALUES (?, ?, ?, ?)
"""


def bulk_load_articles(
    path: str | Path, rows: Iterable[Mapping[str, Any]], chunk_size: int = 20_000
) -> int:
    """Insert `articles` rows (column → value) into a new archive at `path`; returns the count.

    The full-text index is built once at the end instead of row by row, which is what makes a
    million rows take minutes rather than hours. Only for a fresh archive with no other writer.
    A row's `dateline_place` and `staff` (JSON list of canonical names) fill `article_places`
    and `article_staff` as the store would, so searches narrowed by place or person are real.
    """
    db = Database(path)
    db.enable_wal()
    migrations.apply(db)
    if db.table("articles").count:
        raise ValueError(f"{path} already holds articles; bulk loading needs a fresh archive")
    articles = db.table("articles")
    iterator = iter(rows)
    count = 0
    serials: Counter[int] = Counter()  # rowids taken in each publication second (m011)
    person_ids: dict[str, int] = {}
    while chunk := [
        {**_derived_columns(row, serials), **row} for row in islice(iterator, chunk_size)
    ]:
        with db.atomic():
            articles.insert_all(chunk, batch_size=500)
            _index_places_and_staff(db, chunk, person_ids)
        count += len(chunk)
    with db.atomic():
        db.execute(_REBUILD_FTS)
        db.execute(_CLEAR_SEARCH_QUEUE)
    db.execute("PRAGMA optimize")
    db.close()
    return count


def _derived_columns(row: Mapping[str, Any], serials: Counter[int]) -> dict[str, Any]:
    return {
        "rowid": _rowid(row, serials),
        "title_key": title_key(row.get("title")),
        "title_search": search_text(row.get("title")),
        "body_search": search_text(row.get("body")),
    }


def _index_places_and_staff(
    db: Database, chunk: list[dict[str, Any]], person_ids: dict[str, int]
) -> None:
    db.conn.executemany(
        _INSERT_ARTICLE_PLACE,
        [
            (row["url"], position, place)
            for row in chunk
            for position, place in enumerate(dateline_places(row.get("dateline_place")), 1)
        ],
    )
    staff_rows = []
    for row in chunk:
        for position, name in enumerate(json.loads(row.get("staff") or "[]"), 1):
            if name not in person_ids:
                person_ids[name] = _person_id(db, name)
            staff_rows.append((row["url"], person_ids[name], position, name))
    db.conn.executemany(_INSERT_ARTICLE_STAFF, staff_rows)


def _person_id(db: Database, name: str) -> int:
    added = db.execute(_ADD_PERSON, [name]).fetchone()
    return int(added[0] if added else db.execute(_PERSON_ID, [name]).fetchone()[0])


def _rowid(row: Mapping[str, Any], serials: Counter[int]) -> int:
    base = rowid_base(row.get("published"))
    serial = serials[base]
    if serial >= ROWIDS_PER_SECOND:
        raise ValueError(f"more than {ROWIDS_PER_SECOND:,} articles published at one second")
    serials[base] += 1
    return base + serial
