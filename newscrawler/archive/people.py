"""The `staff` and `article_staff` tables: which person each editor tag of an article names."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlite_utils import Database

_UPSERT_PERSON = """
INSERT INTO staff (name, variants) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET variants = excluded.variants
"""
_ADD_PERSON = "INSERT INTO staff (name) VALUES (?) ON CONFLICT (name) DO NOTHING"
_PERSON_ID = "SELECT id FROM staff WHERE name = ?"
_FORGET_ARTICLE_STAFF = "DELETE FROM article_staff WHERE article_url = ?"
_SET_ARTICLE_STAFF = "UPDATE articles SET staff = ? WHERE url = ?"
_INSERT_ARTICLE_STAFF = """
INSERT INTO article_staff (article_url, staff_id, position, name_as_written) VALUES (?, ?, ?, ?)
"""


def sync_roster(db: Database, roster: Mapping[str, Sequence[str]]) -> None:
    """Make `staff` list every person of the roster with the variants it gives them."""
    for name, variants in roster.items():
        db.execute(_UPSERT_PERSON, [name, json.dumps(list(variants), ensure_ascii=False)])


def _person_id(db: Database, name: str) -> int:
    # Looked up first: nearly every tag names someone already listed, so the INSERT is rare.
    row = db.execute(_PERSON_ID, [name]).fetchone()
    if row is None:
        db.execute(_ADD_PERSON, [name])
        row = db.execute(_PERSON_ID, [name]).fetchone()
    return int(row[0])


def save_article_staff(
    db: Database, article_url: str, editor_tags: Sequence[str], staff: Sequence[str]
) -> None:
    """Replace the article's `article_staff` rows: tag n (1-based) names person `staff[n-1]`.

    `articles.staff` becomes the list of those people, each once, in the order of the tags.

    An article without a person per tag (a caller that did not normalize staff) files each tag
    under its own spelling rather than guessing.
    """
    people = staff if len(staff) == len(editor_tags) else editor_tags
    unique_people = list(dict.fromkeys(people))
    db.execute(_SET_ARTICLE_STAFF, [json.dumps(unique_people, ensure_ascii=False), article_url])
    db.execute(_FORGET_ARTICLE_STAFF, [article_url])
    db.conn.executemany(
        _INSERT_ARTICLE_STAFF,
        [
            (article_url, _person_id(db, person), position, written)
            for position, (written, person) in enumerate(zip(editor_tags, people, strict=True), 1)
        ],
    )
