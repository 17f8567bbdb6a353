"""Unattended runs: progress lines, SIGTERM, and resuming after `kill -9`, on real crawls."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawler.snapshot.process import running_snapshot
from tests.support import FAST_LOCAL_SETTINGS, ROOT

pytestmark = pytest.mark.crawl

ROWS_BEFORE_STOP = 30


@pytest.fixture(scope="module")
def generated_url() -> Iterator[str]:
    with running_snapshot("--generate", "300") as base_url:
        yield base_url


def crawl_command(base_url: str, archive_path: Path, *args: str) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "sana"]
    command += ["-a", f"start_urls={base_url}/en/?paged=1", "-s", f"ARCHIVE_PATH={archive_path}"]
    for setting in (*FAST_LOCAL_SETTINGS, "ARCHIVE_BATCH_SIZE=10"):
        command += ["-s", setting]
    return command + list(args)


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def committed_rows(path: Path) -> set[tuple[str, str]]:
    """(url, content_hash) of the committed articles, read on a second connection."""
    if not path.exists():
        return set()
    connection = sqlite3.connect(path)
    try:
        return set(connection.execute("SELECT url, content_hash FROM articles"))
    except sqlite3.OperationalError:  # tables not created yet
        return set()
    finally:
        connection.close()


def stop_after_some_rows(command: list[str], path: Path, signum: int) -> str:
    """Start the crawl, send `signum` once ROWS_BEFORE_STOP articles are committed; its log."""
    log_path = path.with_suffix(".log")
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log, text=True)
        try:
            while len(committed_rows(path)) < ROWS_BEFORE_STOP and process.poll() is None:
                time.sleep(0.05)
            assert process.poll() is None, "the crawl ended before it could be stopped"
            os.kill(process.pid, signum)
            process.wait(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return log_path.read_text()


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.execute(sql))
    finally:
        connection.close()


@pytest.fixture(scope="module")
def uninterrupted(
    generated_url: str, tmp_path_factory: pytest.TempPathFactory
) -> set[tuple[str, str]]:
    path = tmp_path_factory.mktemp("uninterrupted") / "archive.db"
    completed = run(crawl_command(generated_url, path))
    assert completed.returncode == 0, completed.stderr[-3000:]
    rows = committed_rows(path)
    assert len(rows) > 300
    return rows


def test_a_killed_run_loses_nothing_and_the_next_run_completes_the_archive(
    generated_url: str, tmp_path: Path, uninterrupted: set[tuple[str, str]]
) -> None:
    path = tmp_path / "archive.db"
    command = crawl_command(generated_url, path)
    stop_after_some_rows(command, path, signal.SIGKILL)

    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    after_kill = committed_rows(path)
    assert ROWS_BEFORE_STOP <= len(after_kill) < len(uninterrupted)
    assert query(path, "SELECT finished, healthy FROM crawl_runs") == [(None, None)]

    resumed = run(command)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "did not finish" in resumed.stderr
    assert "articles on it were archived by this run or an unfinished one" in resumed.stderr
    final = committed_rows(path)
    assert after_kill <= final
    assert final == uninterrupted
    [(reason, healthy)] = query(path, "SELECT finish_reason, healthy FROM crawl_runs WHERE id = 2")
    assert (reason, healthy) == ("finished", 1)


def test_sigterm_shuts_down_cleanly_and_saves_what_it_archived(
    generated_url: str, tmp_path: Path, uninterrupted: set[tuple[str, str]]
) -> None:
    path = tmp_path / "archive.db"
    command = crawl_command(generated_url, path)
    log = stop_after_some_rows(command, path, signal.SIGTERM)

    [(reason, healthy, problems, new)] = query(
        path, "SELECT finish_reason, healthy, health_problems, articles_new FROM crawl_runs"
    )
    assert reason == "shutdown"
    assert healthy == 0
    assert "run did not finish (finish reason: shutdown)" in str(problems)
    # Every article the run counted is committed: the pipeline flushed on close.
    rows = committed_rows(path)
    assert len(rows) == new >= ROWS_BEFORE_STOP
    assert rows <= uninterrupted
    assert "Unhealthy run 1: run did not finish" in log

    resumed = run(command)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert committed_rows(path) == uninterrupted


def test_progress_lines_report_the_walk(generated_url: str, tmp_path: Path) -> None:
    command = crawl_command(
        generated_url,
        tmp_path / "archive.db",
        "-s",
        "PROGRESS_INTERVAL=1",
        "-s",
        "DOWNLOAD_DELAY=0.01",
    )
    completed = run(command)
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = [line for line in completed.stderr.splitlines() if "Progress: " in line]
    assert lines
    last = lines[-1]
    # 300 generated articles plus the hand-written ones, 10 a page: 34 listing pages.
    assert " of 34 walked; articles " in last
    assert " new, 0 changed, 0 unchanged; " in last
    assert " pages/min; full walk: about " in last and last.endswith(" left")
