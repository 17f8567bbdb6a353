"""Soak: 20 incremental cron-wrapper runs over a snapshot with permanent faults stay quiet."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawler.snapshot.process import running_snapshot
from tests.support import FAST_LOCAL_SETTINGS, ROOT

# Twenty cron runs in one module fixture: longer than the suite's 300 s default.
pytestmark = [pytest.mark.crawl, pytest.mark.timeout(1200)]

RUNS = 20
# Failing for good, all on the first listing page: two hand-written articles (no title, no
# body), one taken down before it was ever archived (404), one in a drifted layout.
GONE, DRIFTED = 101313, 101314
BAD_POSTS = (101324, 101325, GONE, DRIFTED)
FAULTS = ("--fault", f"gone:p={GONE}$", "--fault", f"layout:p={DRIFTED}$")
# Runs the cron wrapper and reports, as JSON, its exit status, output and the peak RSS of the
# wrapper and the crawl it ran (RUSAGE_CHILDREN of this fresh process covers only those).
MEASURED = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps([done.returncode, done.stdout + done.stderr, peak]))
"""
# Bounds on what runs 3..20 may add over run 2 (each adds one crawl_runs row).
RSS_GROWTH = 1.10
ARCHIVE_GROWTH_BYTES = 64 * 1024


@dataclass(frozen=True)
class Run:
    status: int
    output: str
    peak_rss_kib: int
    archive_bytes: int


@dataclass(frozen=True)
class Soak:
    runs: list[Run]
    requests: list[dict[str, object]]
    logs: list[Path]


def cron_run(exports: Path, base_url: str) -> Run:
    command = [sys.executable, "-m", "newscrawler", "cron", "sana"]
    command += ["--archive", str(exports / "archive.db"), "--exports", str(exports)]
    command += ["-a", f"start_urls={base_url}/en/?paged=1"]
    for setting in FAST_LOCAL_SETTINGS:
        command += ["-s", setting]
    measured = subprocess.run(
        [sys.executable, "-c", MEASURED, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    status, output, peak = json.loads(measured.stdout)
    return Run(status, output, peak, (exports / "archive.db").stat().st_size)


@pytest.fixture(scope="module")
def soak(tmp_path_factory: pytest.TempPathFactory) -> Soak:
    exports = tmp_path_factory.mktemp("soak")
    request_log = exports / "requests.jsonl"
    with running_snapshot(*FAULTS, "--request-log", str(request_log)) as base_url:
        runs = [cron_run(exports, base_url) for _ in range(RUNS)]
    requests = [json.loads(line) for line in request_log.read_text().splitlines()]
    return Soak(runs, requests, sorted((exports / "logs").glob("sana-*.log")))


def test_every_run_exits_0_and_prints_nothing(soak: Soak) -> None:
    assert [(run.status, run.output) for run in soak.runs] == [(0, "")] * RUNS


def test_known_bad_pages_are_not_fetched_again_on_every_run(soak: Soak) -> None:
    fetched = Counter(str(record["path"]) for record in soak.requests)
    assert {post: fetched[f"/en/?p={post}"] for post in BAD_POSTS} == dict.fromkeys(BAD_POSTS, 1)


def test_memory_and_archive_size_stay_flat(soak: Soak) -> None:
    steady = soak.runs[1]
    assert max(run.peak_rss_kib for run in soak.runs[2:]) <= steady.peak_rss_kib * RSS_GROWTH
    assert soak.runs[-1].archive_bytes - steady.archive_bytes <= ARCHIVE_GROWTH_BYTES


def test_no_log_has_a_traceback_or_a_locked_database(soak: Soak) -> None:
    assert len(soak.logs) == RUNS
    for log in soak.logs:
        text = log.read_text(encoding="utf-8")
        assert not re.search(r"Traceback|database is locked", text), log.name
        assert "sana crawl done, exit status 0" in text
