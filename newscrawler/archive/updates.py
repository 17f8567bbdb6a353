"""`update_of` links: an `Updated-` story → the one earlier story it updates, never guessed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from sqlite_utils import Database

UPDATE_WINDOW = timedelta(days=3)

_STORY = "SELECT url, title, title_key, published, updated FROM articles WHERE url = ?"
# `title_key` is the casefolded title (archive/rows.py), indexed with `published` (m006).
_SAME_TITLE_BETWEEN = """
SELECT url, title, title_key, published, updated FROM articles
WHERE title_key = :title_key AND published >= :start AND published <= :end AND url <> :url
"""
_LINKED_UPDATES = "SELECT from_url FROM links WHERE to_url = ? AND kind = 'update_of'"
_UPSERT_UPDATE_LINK = """
INSERT INTO links (from_url, to_url, kind, anchor_text, teaser, first_seen, last_seen)
VALUES (:from_url, :to_url, 'update_of', :anchor_text, '', :now, :now)
ON CONFLICT (from_url, to_url, kind) DO UPDATE SET
    anchor_text = excluded.anchor_text, last_seen = excluded.last_seen
"""
_FORGET_OTHER_UPDATE_LINKS = """
DELETE FROM links WHERE from_url = ? AND kind = 'update_of' AND to_url IS NOT ?
"""


class _Story(NamedTuple):
    url: str
    title: str | None
    title_key: str | None
    published: str | None
    updated: int


def _shifted(published: str, delta: timedelta) -> str:
    # `published` is always UTC `...+00:00`, so the shifted value compares as text.
    return (datetime.fromisoformat(published) + delta).isoformat()


def _near(db: Database, story: _Story, start: str, end: str) -> list[_Story]:
    """The other stories with the title of `story` (ignoring case), published start…end."""
    if story.title_key is None:
        return []
    params = {"title_key": story.title_key, "start": start, "end": end, "url": story.url}
    return list(map(_Story._make, db.execute(_SAME_TITLE_BETWEEN, params)))


def _story(db: Database, url: str) -> _Story | None:
    row = db.execute(_STORY, [url]).fetchone()
    return None if row is None else _Story._make(row)


def _resolve(db: Database, update: _Story, now: str) -> None:
    """Link `update` to its one earlier story, or to nothing when there are none or several."""
    earlier: list[_Story] = []
    if update.published is not None:
        start = _shifted(update.published, -UPDATE_WINDOW)
        earlier = [
            story
            for story in _near(db, update, start, update.published)
            if story.published is not None and story.published < update.published
        ]
    target = earlier[0] if len(earlier) == 1 else None
    db.execute(_FORGET_OTHER_UPDATE_LINKS, [update.url, target.url if target else None])
    if target is not None:
        db.execute(
            _UPSERT_UPDATE_LINK,
            {"from_url": update.url, "to_url": target.url, "anchor_text": target.title, "now": now},
        )


def link_updates(db: Database, url: str, now: str) -> None:
    """Re-decide the `update_of` links the article at `url` takes part in, after it was saved.

    Crawls meet stories in any order, so saving an earlier story also settles the updates
    published after it, and a story whose title changed releases the updates linked to it.
    """
    story = _story(db, url)
    if story is None:
        return
    updates = {url} if story.updated else set()
    if story.published is not None:
        end = _shifted(story.published, UPDATE_WINDOW)
        updates.update(s.url for s in _near(db, story, story.published, end) if s.updated)
    updates.update(row[0] for row in db.execute(_LINKED_UPDATES, [url]))
    for update_url in sorted(updates):
        update = _story(db, update_url)
        if update is not None and update.updated:
            _resolve(db, update, now)
        else:  # no longer marked as an update: it updates nothing
            db.execute(_FORGET_OTHER_UPDATE_LINKS, [update_url, None])
