"""SQL of takedowns: archived articles the site now answers 404/410 for, and their return."""

from __future__ import annotations

from sqlite_utils import Database

_ARCHIVED_AS = """
SELECT url FROM articles WHERE url = :url
UNION SELECT article_url FROM article_urls WHERE url = :url
LIMIT 1
"""
_IS_REMOVED = "SELECT removed_at FROM articles WHERE url = ?"
_OPEN_REMOVAL = """
INSERT INTO removals (url, status, missing_since, last_missed) VALUES (:url, :status, :now, :now)
"""
_MARK_REMOVED = "UPDATE articles SET removed_at = :now, last_checked = :now WHERE url = :url"
# Still gone: the open removal keeps its first-missed time; the answer may change (404 → 410).
_STILL_MISSING = """
UPDATE removals SET last_missed = :now, status = :status WHERE url = :url AND restored_at IS NULL
"""
_CHECKED = "UPDATE articles SET last_checked = :now WHERE url = :url"
_CLOSE_REMOVAL = "UPDATE removals SET restored_at = :now WHERE url = :url AND restored_at IS NULL"
_RESTORE = "UPDATE articles SET removed_at = NULL WHERE url = :url AND removed_at IS NOT NULL"


def archived_as(db: Database, address: str) -> str | None:
    """The `articles.url` that `address` (its key or an address it was fetched at) belongs to."""
    row = db.execute(_ARCHIVED_AS, {"url": address}).fetchone()
    return row[0] if row else None


def mark_removed(db: Database, url: str, status: int, now: str) -> bool:
    """Record that archived article `url` answered `status`; True if it was online until now."""
    values = {"url": url, "status": status, "now": now}
    [removed_at] = db.execute(_IS_REMOVED, [url]).fetchone()
    if removed_at is not None:
        db.execute(_STILL_MISSING, values)
        db.execute(_CHECKED, values)
        return False
    db.execute(_OPEN_REMOVAL, values)
    db.execute(_MARK_REMOVED, values)
    return True


def restore(db: Database, url: str, now: str) -> bool:
    """Close `url`'s open removal, if any: the site serves it again. True if it was removed."""
    cursor = db.execute(_RESTORE, {"url": url})
    if cursor.rowcount == 0:
        return False
    db.execute(_CLOSE_REMOVAL, {"url": url, "now": now})
    return True
