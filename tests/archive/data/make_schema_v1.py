"""Writes schema_v1.db: an archive as migration m001 alone left it, with a few rows (run once)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlite_utils import Database

from newscrawler.archive.migrations import migrations

TARGET = Path(__file__).with_name("schema_v1.db")
SEEN = "2017-03-14T12:00:00+00:00"


def article(post_id: int, title: str, updated: int, published: str, tags: list[str]) -> dict:
    return {
        "url": f"https://archive.sana.sy/en/?p={post_id}",
        "post_id": post_id,
        "site": "sana",
        "edition": "en",
        "layout": "archive",
        "title": title,
        "title_raw": ("Updated- " if updated else "") + title,
        "updated": updated,
        "media": "[]",
        "published": published,
        "modified": published,
        "published_local": published.replace("+00:00", "+02:00"),
        "dateline_raw": "Damascus, SANA –",
        "dateline_place": "Damascus",
        "dateline_agency": "SANA",
        "editor_tags_raw": "/".join(tags),
        "editor_tags": json.dumps(tags),
        "authors": "[]",
        "subheadings": "[]",
        "body": f"Body of {title}.",
        "categories": json.dumps(["Local"]),
        "tags": "[]",
        "images": "[]",
        "first_seen": SEEN,
        "last_seen": SEEN,
        "content_hash": f"hash-{post_id}",
        "revision": 1,
    }


def main() -> None:
    TARGET.unlink(missing_ok=True)
    db = Database(TARGET)
    later = [m.name for m in migrations.pending(db) if m.name != "m001_initial_schema"]
    migrations.apply(db, stop_before=later)
    first = article(
        900,
        "Bakeries in Damascus extend hours",
        0,
        "2017-03-12T08:00:00+00:00",
        ["Manar al-Frieh", "Hazem Sabbagh"],
    )
    second = article(
        901, "Bakeries in Damascus extend hours", 1, "2017-03-13T09:00:00+00:00", ["Manar al-Freih"]
    )
    db["articles"].insert_all([first, second])
    db["links"].insert(
        {
            "from_url": first["url"],
            "to_url": "https://archive.sana.sy/en/?p=899",
            "kind": "check_also",
            "anchor_text": "Rain over the coast",
            "teaser": "Lattakia …",
            "first_seen": SEEN,
            "last_seen": SEEN,
        }
    )
    db["revisions"].insert(
        {
            "article_url": first["url"],
            "revision": 1,
            "captured": SEEN,
            "content_hash": "hash-old",
            "row": json.dumps({"title": "Bakeries extend hours"}),
        }
    )
    db["crawl_runs"].insert(
        {
            "spider": "sana",
            "args": "{}",
            "started": SEEN,
            "finished": SEEN,
            "finish_reason": "finished",
            "articles_new": 2,
        }
    )
    db.conn.commit()
    db.execute("VACUUM")
    db.close()


if __name__ == "__main__":
    main()
