"""Read-only summaries of an archive file, for the demo and for people at a terminal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils


@dataclass(frozen=True)
class Summary:
    articles: int
    by_layout: dict[str, int]
    links: int
    failures: int
    runs: int
    sample: list[dict[str, Any]]


def summarize(path: str | Path, sample_size: int = 3) -> Summary:
    db = sqlite_utils.Database(path)
    try:
        return Summary(
            articles=db["articles"].count,
            by_layout={
                row["layout"]: row["n"]
                for row in db.query(
                    "select layout, count(*) as n from articles group by layout order by layout"
                )
            },
            links=db["links"].count,
            failures=db["failures"].count,
            runs=db["crawl_runs"].count,
            sample=list(
                db.query(
                    "select url, title, updated, dateline_place, editor_tags, published"
                    " from articles order by published desc limit ?",
                    [sample_size],
                )
            ),
        )
    finally:
        db.close()
