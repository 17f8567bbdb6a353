"""SQL of run health and resumption: recent runs' coverage, health verdicts, unfinished walks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from newscrawler.archive.rows import to_json

_RECENT_HEALTHY_COVERAGE = """
SELECT field_coverage FROM crawl_runs
WHERE spider = ? AND healthy = 1 AND field_coverage IS NOT NULL AND id < ?
ORDER BY id DESC LIMIT ?
"""
_RECORD_HEALTH = """
UPDATE crawl_runs SET healthy = ?, health_problems = ?, requests_per_new_article = ? WHERE id = ?
"""
_LAST_FINISHED_RUN = """
SELECT coalesce(max(id), 0) FROM crawl_runs
WHERE spider = ? AND finish_reason = 'finished' AND id < ?
"""
# Runs after the last cleanly finished one: killed (no `finished`) or stopped early.
_FIRST_UNFINISHED_SINCE = """
SELECT started FROM crawl_runs WHERE spider = ? AND id > ? AND id < ? ORDER BY id LIMIT 1
"""
_ARCHIVED_BEFORE = """
SELECT url FROM articles WHERE first_seen < ? AND url IN ({marks})
UNION SELECT article_urls.url FROM article_urls JOIN articles ON articles.url = article_url
WHERE articles.first_seen < ? AND article_urls.url IN ({marks})
"""
# Archived articles that link to an article not archived: a run killed between the two.
_WITH_UNARCHIVED_LINKS = """
SELECT DISTINCT from_url FROM links WHERE from_url IN ({marks})
AND to_url NOT IN (SELECT url FROM articles) AND to_url NOT IN (SELECT url FROM article_urls)
"""
_LOOKUP_CHUNK = 400
# Larger than any run id: "no upper bound" for the `id < ?` filters.
_NO_RUN = 2**62


class RunHistory:
    """What earlier runs of a spider left in `crawl_runs`, on the archive's own connection."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def recent_healthy_coverage(
        self, spider: str, before_run: int, limit: int
    ) -> list[dict[str, float | int]]:
        """`field_coverage` of the last `limit` healthy runs before `before_run`, newest first."""
        rows = self._db.execute(_RECENT_HEALTHY_COVERAGE, [spider, before_run, limit])
        return [json.loads(row[0]) for row in rows]

    def record_health(
        self, run_id: int, problems: Sequence[str], requests_per_new: float | None
    ) -> None:
        """Store the verdict on a closed run and commit it."""
        values = [int(not problems), to_json(list(problems)), requests_per_new, run_id]
        self._db.execute(_RECORD_HEALTH, values)
        self._db.commit()

    def resume_since(self, spider: str, before_run: int | None = None) -> str | None:
        """Start time of the oldest run left unfinished since the spider's last clean finish.

        None when the last run before `before_run` finished cleanly (nothing to resume).
        """
        upper = before_run if before_run is not None else _NO_RUN
        [last_finished] = self._db.execute(_LAST_FINISHED_RUN, [spider, upper]).fetchone()
        row = self._db.execute(_FIRST_UNFINISHED_SINCE, [spider, last_finished, upper]).fetchone()
        return row[0] if row else None

    def archived_before(self, urls: Iterable[str], moment: str) -> set[str]:
        """Those of `urls` (canonical or fetched addresses) first archived before `moment`."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        for start in range(0, len(wanted), _LOOKUP_CHUNK):
            chunk = wanted[start : start + _LOOKUP_CHUNK]
            sql = _ARCHIVED_BEFORE.format(marks=", ".join("?" * len(chunk)))
            found.update(row[0] for row in self._db.execute(sql, [moment, *chunk, moment, *chunk]))
        return found

    def with_unarchived_links(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` (canonical) whose stored links point to an article not archived."""
        return self._lookup(_WITH_UNARCHIVED_LINKS, list(dict.fromkeys(urls)))

    def _lookup(self, sql: str, urls: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(urls), _LOOKUP_CHUNK):
            chunk = urls[start : start + _LOOKUP_CHUNK]
            marks = ", ".join("?" * len(chunk))
            found.update(row[0] for row in self._db.execute(sql.format(marks=marks), chunk))
        return found


@dataclass(frozen=True)
class RunReport:
    """One `crawl_runs` row as the cron wrapper reads it."""

    id: int
    finished: str | None
    finish_reason: str | None
    healthy: bool | None
    problems: list[str]
    row: dict[str, Any]


def latest_run_id(path: str | Path, spider: str) -> int:
    """Id of the spider's newest run in the archive at `path`; 0 when there is none (or no file)."""
    if not Path(path).exists():
        return 0
    db = Database(path)
    try:
        if not db["crawl_runs"].exists():
            return 0
        row = db.execute("SELECT coalesce(max(id), 0) FROM crawl_runs WHERE spider = ?", [spider])
        return int(row.fetchone()[0])
    finally:
        db.close()


def run_report(path: str | Path, run_id: int) -> RunReport | None:
    """The `crawl_runs` row `run_id`, or None if the archive has no such run."""
    if not Path(path).exists():
        return None
    db = Database(path)
    try:
        rows = list(db.query("SELECT * FROM crawl_runs WHERE id = ?", [run_id]))
    finally:
        db.close()
    if not rows:
        return None
    row = rows[0]
    healthy = row.get("healthy")
    return RunReport(
        id=row["id"],
        finished=row["finished"],
        finish_reason=row["finish_reason"],
        healthy=None if healthy is None else bool(healthy),
        problems=json.loads(row["health_problems"]) if row.get("health_problems") else [],
        row=row,
    )
