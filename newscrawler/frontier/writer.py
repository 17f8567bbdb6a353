"""`archive-writer`: the one process that drains the frontier's outbox into the SQLite archive.

Reliable: an entry moves from `newscrawler:outbox` to `newscrawler:outbox:processing` when it is
taken, and leaves Redis only after the batch holding it is committed; on start, what a killed
writer had taken goes back to the head of the outbox. An entry applied twice (the writer was
killed between its commit and the clean-up) saves the same content again, which the archive
counts as unchanged.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis

from newscrawler.archive.backoff import BackoffSchedule
from newscrawler.archive.store import Archive
from newscrawler.backoff import GONE_STATUSES, is_permanent
from newscrawler.frontier import KEY_PREFIX, OUTBOX_KEY, OUTBOX_PROCESSING_KEY
from newscrawler.items import PageFailure
from newscrawler.normalize.staff import ROSTER

logger = logging.getLogger(__name__)

# Worker run → `crawl_runs.id`, and each run's archived-article tallies, kept across writers.
RUNS_KEY = f"{KEY_PREFIX}:writer:runs"
TALLY_KEY = f"{KEY_PREFIX}:writer:tally:{{run}}"
# Heartbeat keys of frontier workers of every spider (FrontierScheduler.announce).
WORKER_HEARTBEATS = f"{KEY_PREFIX}:*:workers:*"
# Seconds one wait for the outbox blocks, between looks at the idle clock.
POLL_SECONDS = 1


@dataclass(frozen=True)
class WriterOptions:
    archive_path: Path
    batch_size: int
    failure_raw_max: int
    backoff: BackoffSchedule
    # Stop after the outbox stayed empty, with no worker alive, this many seconds; None: never.
    until_idle: float | None


@dataclass
class Batch:
    """What one batch adds, written to Redis with the clean-up once the batch is committed."""

    entries: int = 0
    runs: dict[str, int] = field(default_factory=dict)
    tallies: dict[str, Counter[str]] = field(default_factory=dict)

    def tally(self, run: str, outcome: str) -> None:
        self.tallies.setdefault(run, Counter())[outcome] += 1


class ArchiveWriter:
    """Applies outbox entries to the archive through `Archive`, batch by batch."""

    def __init__(self, server: redis.Redis, archive: Archive, options: WriterOptions) -> None:
        self.server = server
        self.archive = archive
        self.options = options
        self.runs: dict[str, int] = {
            to_text(key): int(value) for key, value in server.hgetall(RUNS_KEY).items()
        }
        self.applied = 0

    def recover(self) -> int:
        """Entries a killed writer had taken go back to the head of the outbox, in order."""
        moved = 0
        while self.server.lmove(OUTBOX_PROCESSING_KEY, OUTBOX_KEY, "RIGHT", "LEFT") is not None:
            moved += 1
        if moved:
            logger.warning(
                "Re-applying %d outbox entries a stopped writer had not committed", moved
            )
        return moved

    def run(self) -> int:
        self.recover()
        idle_since = time.monotonic()
        while True:
            entries = self.take_batch()
            if entries:
                self.apply_batch(entries)
            if entries or self.workers_alive():
                idle_since = time.monotonic()
            elif self.idle_too_long(idle_since):
                return self.applied

    def workers_alive(self) -> bool:
        """Whether any frontier worker's heartbeat is current: it may still send entries."""
        return next(self.server.scan_iter(match=WORKER_HEARTBEATS, count=1000), None) is not None

    def idle_too_long(self, idle_since: float) -> bool:
        limit = self.options.until_idle
        return limit is not None and time.monotonic() - idle_since >= limit

    def take_batch(self) -> list[bytes | str]:
        first = self.server.blmove(OUTBOX_KEY, OUTBOX_PROCESSING_KEY, POLL_SECONDS, "LEFT", "RIGHT")
        if first is None:
            return []
        entries = [first]
        while len(entries) < self.options.batch_size:
            entry = self.server.lmove(OUTBOX_KEY, OUTBOX_PROCESSING_KEY, "LEFT", "RIGHT")
            if entry is None:
                break
            entries.append(entry)
        return entries

    def apply_batch(self, entries: list[bytes | str]) -> None:
        batch = Batch()
        for entry in entries:
            self.apply(json.loads(entry), batch)
        self.archive.flush()
        # Committed: now the entries may leave Redis, with what the batch counted.
        pipe = self.server.pipeline(transaction=True)
        for run, run_id in batch.runs.items():
            pipe.hset(RUNS_KEY, run, run_id)
        for run, counts in batch.tallies.items():
            for outcome, count in counts.items():
                pipe.hincrby(TALLY_KEY.format(run=run), outcome, count)
        pipe.delete(OUTBOX_PROCESSING_KEY)
        pipe.execute()
        self.applied += len(entries)
        logger.info("Committed %d outbox entries (%d in all)", len(entries), self.applied)

    def apply(self, entry: dict[str, Any], batch: Batch) -> None:
        kind, run, now = entry["type"], entry["run"], entry["time"]
        if kind == "run_start":
            if run not in self.runs:
                self.runs[run] = self.archive.start_run(entry["spider"], entry["args"], now)
                batch.runs[run] = self.runs[run]
        elif kind == "article":
            article = entry["article"]
            outcome = self.archive.save_article(article, article["fetched_urls"], now)
            batch.tally(run, f"articles_{outcome}")
            self.restore(article["url"], now)
        elif kind == "not_modified":
            if self.archive.mark_checked(entry["url"], entry["validators"], now):
                batch.tally(run, "articles_unchanged")
                self.restore(entry["url"], now)
        elif kind == "failure":
            self.record_failure(entry, now)
        elif kind == "run_finish":
            self.finish_run(entry, batch, now)
        else:
            logger.error("Unknown outbox entry %r left out", kind)

    def record_failure(self, entry: dict[str, Any], now: str) -> None:
        failure = PageFailure(
            url=entry["url"],
            stage=entry["stage"],
            reason=entry["reason"],
            source=base64.b64decode(entry["source"]),
            status=entry["status"],
        )
        # A 404/410 for an archived article is a takedown, as in ArchivePipeline.
        if (
            failure.stage == "download"
            and failure.status in GONE_STATUSES
            and self.archive.record_removal(failure.url, failure.status, now) is not None
        ):
            return
        run_id = self.runs.get(entry["run"])
        self.archive.record_failure(
            run_id, failure.url, failure.stage, failure.reason, failure.source, now
        )
        if is_permanent(failure):
            self.archive.note_bad_page(
                failure.url, failure.stage, failure.reason, now, self.options.backoff
            )

    def restore(self, url: str, now: str) -> None:
        if self.archive.restore(url, now):
            logger.warning("Article %s is back on the site: its removal is closed", url)

    def finish_run(self, entry: dict[str, Any], batch: Batch, now: str) -> None:
        run = entry["run"]
        run_id = self.runs.get(run)
        if run_id is None:
            logger.error("Run %s finished but never started in the outbox: not recorded", run)
            return
        stored = self.server.hgetall(TALLY_KEY.format(run=run))
        tallies = Counter({to_text(key): int(value) for key, value in stored.items()})
        tallies.update(batch.tallies.get(run, Counter()))
        counts = dict(entry["counts"])
        for outcome in ("articles_new", "articles_changed", "articles_unchanged"):
            counts[outcome] = tallies[outcome]
        self.archive.finish_run(run_id, entry["reason"], counts, now)


def to_text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def run_writer(frontier_url: str, options: WriterOptions) -> int:
    """Drain the outbox of the frontier at `frontier_url` into the archive; entries applied."""
    server = redis.Redis.from_url(frontier_url, decode_responses=False)
    with Archive(
        options.archive_path,
        # The writer commits each batch itself; the archive's own batching only comes later.
        batch_size=max(options.batch_size * 10, 1),
        failure_raw_max=options.failure_raw_max,
    ) as archive:
        archive.sync_staff(ROSTER)
        archive.flush()
        logger.info("Archive writer: %s → %s", OUTBOX_KEY, options.archive_path)
        return ArchiveWriter(server, archive, options).run()
