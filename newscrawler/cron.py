"""`python -m newscrawler cron SPIDER`: one locked, logged, health-checked crawl for cron."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import IO

from newscrawler.archive.runs import latest_run_id, run_report

# Exit statuses: EX_TEMPFAIL (sysexits.h) when another run holds the lock, so cron mail says
# "try again later"; UNHEALTHY when the crawl ran but its health check failed.
EXIT_LOCKED = 75
EXIT_UNHEALTHY = 2
EXIT_NO_RUN = 1
# Lines of the log shown when the crawl left no run row (it crashed before or while starting).
LOG_TAIL_LINES = 20


class LockHeld(Exception):
    """Another process holds the spider's lock; `holder` is its pid as it wrote it."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(path, holder)
        self.path = path
        self.holder = holder


@dataclass(frozen=True)
class CronJob:
    spider: str
    archive: Path
    exports: Path
    keep_logs: int
    scrapy_args: Sequence[str]

    @property
    def lock_path(self) -> Path:
        return self.exports / f"cron-{self.spider}.lock"

    @property
    def log_dir(self) -> Path:
        return self.exports / "logs"


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """flock `path` without waiting, writing our pid into it; raise LockHeld if taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.seek(0)
            raise LockHeld(path, lock_file.read().strip() or "?") from None
        lock_file.truncate(0)
        lock_file.write(f"{os.getpid()}\n")
        lock_file.flush()
        # The kernel drops the lock when the file is closed, even if this process is killed.
        yield


def new_log_file(job: CronJob, now: datetime) -> Path:
    """`logs/SPIDER-YYYYmmdd-HHMMSS.log`, after removing all but the newest `keep_logs - 1`."""
    job.log_dir.mkdir(parents=True, exist_ok=True)
    old_logs = sorted(job.log_dir.glob(f"{job.spider}-*.log"))
    for old in old_logs[: max(len(old_logs) - job.keep_logs + 1, 0)]:
        old.unlink()
    return job.log_dir / f"{job.spider}-{now:%Y%m%d-%H%M%S}.log"


def crawl_command(job: CronJob, log_file: Path) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", job.spider]
    command += ["-s", f"ARCHIVE_PATH={job.archive}", "--logfile", str(log_file)]
    return command + list(job.scrapy_args)


def run_crawl(command: list[str], log_file: Path) -> int:
    """Run the crawl; a SIGTERM/SIGINT sent to us is passed on so Scrapy shuts down cleanly.

    Whatever the crawl prints beside its log (warnings, a crash before logging starts) goes
    into the log file too: cron mails any output, and a healthy run must print nothing.
    """
    with log_file.open("a", encoding="utf-8") as output:
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)

    def forward(signum: int, frame: FrameType | None) -> None:
        child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def verdict(job: CronJob, run_before: int, returncode: int) -> tuple[int, list[str]]:
    """Exit status and the causes to report, from the run's `crawl_runs` row."""
    run_id = latest_run_id(job.archive, job.spider)
    report = run_report(job.archive, run_id) if run_id > run_before else None
    if report is None:
        return EXIT_NO_RUN, [f"the crawl left no crawl_runs row (scrapy exited {returncode})"]
    if report.healthy is None:
        return EXIT_UNHEALTHY, [f"run {report.id} did not record its end (killed?)"]
    if not report.healthy:
        return EXIT_UNHEALTHY, [f"run {report.id}: {problem}" for problem in report.problems]
    return returncode, []


def report(log: IO[str], message: str, loud: bool) -> None:
    """Into the log; also to stderr when `loud` (a failure: cron mails it)."""
    if loud:
        print(message, file=sys.stderr)
    log.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} [newscrawler.cron] {message}\n")


def tail(path: Path, lines: int) -> list[str]:
    """The last `lines` lines of the log: what a crawl that left no run row last said."""
    with path.open(encoding="utf-8", errors="replace") as text:
        return [line.rstrip("\n") for line in deque(text, maxlen=lines)]


def run_job(job: CronJob) -> int:
    """Lock, crawl, judge; returns the process exit status."""
    try:
        with exclusive_lock(job.lock_path):
            log_file = new_log_file(job, datetime.now())
            run_before = latest_run_id(job.archive, job.spider)
            returncode = run_crawl(crawl_command(job, log_file), log_file)
            status, problems = verdict(job, run_before, returncode)
            # Read before this wrapper appends its own lines.
            last_lines = tail(log_file, LOG_TAIL_LINES) if status == EXIT_NO_RUN else []
            with log_file.open("a", encoding="utf-8") as log:
                for problem in problems:
                    report(log, f"ERROR: unhealthy {job.spider} crawl: {problem}", loud=True)
                if last_lines:
                    print("\n".join(["The crawl's log ends with:", *last_lines]), file=sys.stderr)
                report(log, f"{job.spider} crawl done, exit status {status}", loud=status != 0)
                if status != 0:
                    report(log, f"log: {log_file}", loud=True)
            return status
    except LockHeld as held:
        print(
            f"another {job.spider} crawl is running (lock {held.path} held by pid {held.holder})",
            file=sys.stderr,
        )
        return EXIT_LOCKED
