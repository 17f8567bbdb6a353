"""The cron wrapper: one run at a time, rotated logs, and a non-zero exit for unhealthy runs."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from newscrawler.cron import EXIT_LOCKED, CronJob, new_log_file
from newscrawler.snapshot.process import running_snapshot
from tests.support import FAST_LOCAL_SETTINGS, ROOT

pytestmark = pytest.mark.crawl


def cron_command(exports: Path, base_url: str, *args: str) -> list[str]:
    command = [sys.executable, "-m", "newscrawler", "cron", "sana"]
    command += ["--archive", str(exports / "archive.db"), "--exports", str(exports)]
    command += ["-a", f"start_urls={base_url}/en/?paged=1"]
    for setting in FAST_LOCAL_SETTINGS:
        command += ["-s", setting]
    return command + list(args)


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def logs(exports: Path) -> list[Path]:
    return sorted((exports / "logs").glob("sana-*.log"))


def test_an_overlapping_run_exits_at_once_naming_the_lock_holder(
    tmp_path: Path, snapshot_url: str
) -> None:
    # Slow enough that the first run still holds the lock when the second starts.
    first = subprocess.Popen(
        cron_command(tmp_path, snapshot_url, "-s", "DOWNLOAD_DELAY=0.2"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = tmp_path / "cron-sana.lock"
    try:
        while not (lock.exists() and lock.read_text().strip()) and first.poll() is None:
            time.sleep(0.05)
        second = run(cron_command(tmp_path, snapshot_url))
        assert first.poll() is None, "the first run ended before the overlap was tried"
    finally:
        _, first_stderr = first.communicate(timeout=600)

    assert second.returncode == EXIT_LOCKED
    assert f"another sana crawl is running (lock {lock} held by pid {first.pid})" in second.stderr
    assert first.returncode == 0, first_stderr[-3000:]
    assert len(logs(tmp_path)) == 1


def test_a_layout_change_makes_the_wrapper_exit_non_zero_and_say_why(tmp_path: Path) -> None:
    with running_snapshot() as base_url:
        healthy = run(cron_command(tmp_path, base_url))
    assert healthy.returncode == 0, healthy.stderr[-3000:]
    # Cron mails whatever a job prints: a healthy run prints nothing.
    assert (healthy.stdout, healthy.stderr) == ("", "")

    with running_snapshot("--fault", r"layout:[?&]p=\d+") as base_url:
        drifted = run(cron_command(tmp_path, base_url, "-a", "mode=full"))

    assert drifted.returncode == 2
    assert "but archived none (layout change?" in drifted.stderr
    [first_log, drifted_log] = logs(tmp_path)
    assert f"log: {drifted_log}" in drifted.stderr
    text = drifted_log.read_text()
    assert "ERROR: Unhealthy run 2: fetched" in text
    assert "ERROR: unhealthy sana crawl: run 2: fetched" in text
    assert "sana crawl done, exit status 2" in text
    assert "exit status 0" in first_log.read_text()


def test_log_rotation_keeps_the_newest_files(tmp_path: Path) -> None:
    job = CronJob("sana", tmp_path / "a.db", tmp_path, keep_logs=3, scrapy_args=[])
    for day in range(1, 6):
        path = new_log_file(job, datetime(2025, 1, day, 3, 17))
        path.write_text("log")
    assert [p.name for p in logs(tmp_path)] == [
        "sana-20250103-031700.log",
        "sana-20250104-031700.log",
        "sana-20250105-031700.log",
    ]
