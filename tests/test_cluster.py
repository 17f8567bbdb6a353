"""Cluster mode end to end: frontier workers and one archive writer on a real redis-server.

Every crawl is a real `scrapy crawl sana` subprocess against the snapshot site; the single
process crawl of the same snapshot is what the cluster's archive must equal.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
import redis
import sqlite_utils

from newscrawler.__main__ import DEMO_START_PATHS
from newscrawler.frontier import OUTBOX_KEY, OUTBOX_PROCESSING_KEY, WORKER_CONCURRENCY
from newscrawler.snapshot.generate import FIRST_GENERATED_POST_ID
from newscrawler.snapshot.process import running_snapshot
from tests.support import ROOT, crawl_command, free_port, generated_only_content, run_crawl

GENERATED = "80"
# Seconds after which a killed worker's requests in flight are queued again, kept short here.
WORKER_TTL = "2"
# The writer starts first (it creates the archive) and waits this long for workers to show up.
WRITER_IDLE = 10
# The most requests one worker takes from the queue at once (frontier.WORKER_CONCURRENCY).
CONCURRENT_REQUESTS = WORKER_CONCURRENCY


@dataclass(frozen=True)
class Cluster:
    redis_url: str
    archive_path: Path
    base_url: str
    logs: Path

    def start_urls(self) -> list[str]:
        return [self.base_url + path for path in DEMO_START_PATHS]

    def worker(self, name: str, *settings: str) -> subprocess.Popen[bytes]:
        args = ["-a", "mode=full", "-s", f"NEWSCRAWLER_FRONTIER={self.redis_url}"]
        args += ["-s", f"NEWSCRAWLER_FRONTIER_WORKER_TTL={WORKER_TTL}"]
        for setting in settings:
            args += ["-s", setting]
        command = crawl_command(self.archive_path, self.start_urls(), *args)
        log = (self.logs / f"{name}.log").open("wb")
        return subprocess.Popen(command, cwd=ROOT, stderr=log)

    def writer(self, name: str, until_idle: float) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "newscrawler", "archive-writer"]
        command += ["--frontier", self.redis_url, "--archive", str(self.archive_path)]
        command += ["--until-idle", str(until_idle)]
        log_path = self.logs / f"{name}.log"
        process = subprocess.Popen(command, cwd=ROOT, stderr=log_path.open("wb"))
        # Workers read the archive (incremental stops, re-checks): it must exist first.
        wait_for(lambda: "Archive writer:" in log_path.read_text(errors="replace"), 60)
        return process

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")


def wait_for(condition: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout} s")


def finish(process: subprocess.Popen[bytes], timeout: float = 300) -> int:
    return process.wait(timeout=timeout)


@contextmanager
def snapshot(request_log: Path, *options: str) -> Iterator[str]:
    with running_snapshot(
        "--generate", GENERATED, "--request-log", str(request_log), *options
    ) as url:
        yield url


def archived(path: Path) -> set[tuple[str, str]]:
    db = sqlite_utils.Database(path)
    return {(row["url"], row["content_hash"]) for row in db["articles"].rows}


def failed(path: Path) -> set[tuple[str, str]]:
    db = sqlite_utils.Database(path)
    return {(row["url"].split("/", 3)[-1], row["stage"]) for row in db["failures"].rows}


def requests_logged(request_log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in request_log.read_text().splitlines()]


def page_fetches(request_log: Path) -> Counter[str]:
    """How often each page (robots.txt left out) was asked for, by host and path."""
    return Counter(
        f"{entry['host']}{entry['path']}"
        for entry in requests_logged(request_log)
        if entry["path"] != "/robots.txt"
    )


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One uninterrupted `scrapy crawl sana` of the snapshot: the archive to match."""
    folder = tmp_path_factory.mktemp("single")
    with snapshot(folder / "requests.jsonl") as url:
        result = run_crawl(
            folder / "archive.db", [url + path for path in DEMO_START_PATHS], "-a", "mode=full"
        )
    assert result.returncode == 0, result.log[-3000:]
    assert len(archived(folder / "archive.db")) > int(GENERATED)
    return folder / "archive.db"


def new_cluster(redis_url: str, tmp_path: Path, base_url: str) -> Cluster:
    logs = tmp_path / "logs"
    logs.mkdir(exist_ok=True)
    return Cluster(redis_url, tmp_path / "archive.db", base_url, logs)


def outbox_is_empty(redis_url: str) -> bool:
    server = redis.Redis.from_url(redis_url)
    return server.llen(OUTBOX_KEY) == 0 and server.llen(OUTBOX_PROCESSING_KEY) == 0


def test_three_workers_and_one_writer_archive_what_one_process_does(
    redis_url: str, tmp_path: Path, single_process: Path
) -> None:
    request_log = tmp_path / "requests.jsonl"
    with snapshot(request_log) as url:
        cluster = new_cluster(redis_url, tmp_path, url)
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        workers = [cluster.worker(f"worker{n}") for n in range(3)]
        assert [finish(worker) for worker in workers] == [0, 0, 0]
        assert finish(writer) == 0, cluster.log("writer")
    # Every request a worker took was seen through to the outbox, failures too.
    for n in range(3):
        assert "ended with no result in the outbox" not in cluster.log(f"worker{n}")
    assert archived(cluster.archive_path) == archived(single_process)
    assert failed(cluster.archive_path) == failed(single_process)
    # One queue and one seen-set: no page was fetched twice, and the work was shared.
    fetches = page_fetches(request_log)
    assert max(fetches.values()) == 1, fetches.most_common(3)
    runs = list(sqlite_utils.Database(cluster.archive_path)["crawl_runs"].rows)
    assert len(runs) == 3 and all(run["finish_reason"] == "finished" for run in runs)
    assert sum(run["requests"] > 5 for run in runs) >= 2, "the pages were not shared"
    assert sum(run["articles_new"] for run in runs) == len(archived(single_process))
    assert outbox_is_empty(redis_url)
    # Each worker that fetched wrote its own WARC files, side by side in the one folder.
    warc_files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    fetched = sum(run["requests"] > 0 for run in runs)
    assert len({path.name.rsplit("-", 2)[0] for path in warc_files}) == fetched
    # The crawl finished: its queue and seen-set are cleared for the next run.
    server = redis.Redis.from_url(redis_url)
    assert not server.keys("newscrawler:sana:*")


def test_host_aliases_and_schemes_are_fetched_once(redis_url: str, tmp_path: Path) -> None:
    request_log = tmp_path / "requests.jsonl"
    with snapshot(request_log) as url:
        cluster = new_cluster(redis_url, tmp_path, url)
        port = url.rsplit(":", 1)[1]
        # One post, by the archive's identity, under two hosts and two spellings.
        aliases = [f"{url}/en/?p=101300", f"http://localhost:{port}/en/index.php?p=101300"]
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        command = crawl_command(
            cluster.archive_path,
            aliases,
            "-s",
            f"NEWSCRAWLER_FRONTIER={redis_url}",
            "-a",
            "follow_check_also=false",
        )
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=300)
        assert completed.returncode == 0
        assert finish(writer) == 0
    article_fetches = [path for path in page_fetches(request_log) if "p=101300" in path]
    assert len(article_fetches) == 1, article_fetches
    assert [url for url, _ in archived(cluster.archive_path)] == [
        "https://archive.sana.sy/en/?p=101300"
    ]


def kill_when_fetched(process: subprocess.Popen[bytes], request_log: Path, pages: int) -> None:
    wait_for(lambda: request_log.exists() and len(page_fetches(request_log)) >= pages, 120)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_a_killed_worker_loses_nothing(
    redis_url: str, tmp_path: Path, single_process: Path
) -> None:
    """kill -9 of one of two workers mid-crawl: the other queues its requests again."""
    request_log = tmp_path / "requests.jsonl"
    with snapshot(request_log) as url:
        cluster = new_cluster(redis_url, tmp_path, url)
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        # A small delay keeps requests in flight when the kill comes.
        victim = cluster.worker("victim", "DOWNLOAD_DELAY=0.05")
        survivor = cluster.worker("survivor", "DOWNLOAD_DELAY=0.05")
        kill_when_fetched(victim, request_log, 30)
        assert finish(survivor) == 0
        assert finish(writer) == 0
    assert archived(cluster.archive_path) == archived(single_process)
    assert "requests in flight are queued again" in cluster.log("survivor")
    refetched = [page for page, count in page_fetches(request_log).items() if count > 1]
    # What the kill cost: pages it had fetched and not yet handed on, a few at most.
    assert len(refetched) <= CONCURRENT_REQUESTS, refetched


def test_a_killed_crawl_resumes_on_the_next_run(
    redis_url: str, tmp_path: Path, single_process: Path
) -> None:
    """kill -9 of the only worker, then a rerun: the queue, seen-set and in-flight set resume."""
    request_log = tmp_path / "requests.jsonl"
    with snapshot(request_log) as url:
        cluster = new_cluster(redis_url, tmp_path, url)
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        killed = cluster.worker("killed", "DOWNLOAD_DELAY=0.05")
        kill_when_fetched(killed, request_log, 40)
        # The rerun starts after the killed worker's heartbeat has run out.
        time.sleep(float(WORKER_TTL) + 0.5)
        rerun = cluster.worker("rerun")
        assert finish(rerun) == 0
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert finish(cluster.writer("writer2", until_idle=2)) == 0
    assert archived(cluster.archive_path) == archived(single_process)
    assert "queued again" in cluster.log("rerun")
    # The rerun did not walk again what the killed run had fetched.
    refetched = [page for page, count in page_fetches(request_log).items() if count > 1]
    assert len(refetched) <= CONCURRENT_REQUESTS, refetched


def test_a_killed_writer_loses_nothing(
    redis_url: str, tmp_path: Path, single_process: Path
) -> None:
    """kill -9 of the writer mid-run, then a new writer: every entry is applied."""
    request_log = tmp_path / "requests.jsonl"
    with snapshot(request_log) as url:
        cluster = new_cluster(redis_url, tmp_path, url)
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        workers = [cluster.worker(f"worker{n}") for n in range(2)]
        wait_for(lambda: "Committed" in cluster.log("writer"), 120)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        assert [finish(worker) for worker in workers] == [0, 0]
        assert finish(cluster.writer("writer2", until_idle=2)) == 0
    assert archived(cluster.archive_path) == archived(single_process)
    assert outbox_is_empty(redis_url)
    runs = list(sqlite_utils.Database(cluster.archive_path)["crawl_runs"].rows)
    assert len(runs) == 2 and all(run["finish_reason"] == "finished" for run in runs)


def test_crawl_delay_holds_across_workers(redis_url: str, tmp_path: Path) -> None:
    """Three workers, robots.txt's Crawl-delay: 0.5: the host sees one request per 0.5 s."""
    request_log = tmp_path / "requests.jsonl"
    delay = 0.5
    with running_snapshot("--crawl-delay", str(delay), "--request-log", str(request_log)) as url:
        cluster = new_cluster(redis_url, tmp_path, url)
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        polite = ("NEWSCRAWLER_OBEY_CRAWL_DELAY=True", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
        workers = [cluster.worker(f"worker{n}", *polite) for n in range(3)]
        assert [finish(worker) for worker in workers] == [0, 0, 0]
        assert finish(writer) == 0
    entries = requests_logged(request_log)
    # Until a worker has read robots.txt the delay is unknown; from its first page on it holds.
    first_page = next(i for i, entry in enumerate(entries) if entry["path"] != "/robots.txt")
    times = sorted(float(entry["ts"]) for entry in entries[first_page:])  # type: ignore[arg-type]
    gaps = [later - earlier for earlier, later in pairwise(times)]
    assert len(gaps) > 20
    assert min(gaps) >= delay, sorted(gaps)[:5]
    fetching = {
        name
        for name in ("worker0", "worker1", "worker2")
        if "'downloader/request_count': " in cluster.log(name)
        and int(cluster.log(name).split("'downloader/request_count': ")[1].split(",")[0]) > 2
    }
    assert len(fetching) >= 2, "the pages were not shared among the workers"


def test_retry_after_holds_every_worker_off_the_host(redis_url: str, tmp_path: Path) -> None:
    """A 503 asking to wait 2 s, answered to one of two workers: neither asks again sooner."""
    request_log = tmp_path / "requests.jsonl"
    content = generated_only_content(tmp_path / "content")
    target = f"/en/?p={FIRST_GENERATED_POST_ID + 2}"
    options = ("--content", str(content), "--generate", "8", "--crawl-delay", "0.2")
    options += ("--fault", f"503:p={FIRST_GENERATED_POST_ID + 2}$:1:2")
    with running_snapshot(*options, "--request-log", str(request_log)) as url:
        cluster = Cluster(redis_url, tmp_path / "archive.db", url, tmp_path)
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        polite = ("NEWSCRAWLER_OBEY_CRAWL_DELAY=True", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
        workers = [cluster.worker(f"worker{n}", *polite) for n in range(2)]
        assert [finish(worker) for worker in workers] == [0, 0]
        assert finish(writer) == 0
    entries = requests_logged(request_log)
    refused = next(i for i, entry in enumerate(entries) if entry["status"] == 503)
    assert entries[refused]["path"] == target
    waited = float(entries[refused + 1]["ts"]) - float(entries[refused]["ts"])  # type: ignore[arg-type]
    assert waited >= 2, waited
    assert len(archived(cluster.archive_path)) == 8


def test_a_download_error_is_seen_through_to_the_archive(redis_url: str, tmp_path: Path) -> None:
    """An errback's failure (no response at all) leaves the worker's in-flight set too."""
    closed = f"http://127.0.0.1:{free_port()}/en/?p=101300"
    with snapshot(tmp_path / "requests.jsonl") as url:
        cluster = new_cluster(redis_url, tmp_path, url)
        writer = cluster.writer("writer", until_idle=WRITER_IDLE)
        frontier = ("-s", f"NEWSCRAWLER_FRONTIER={redis_url}", "-s", "RETRY_TIMES=0")
        command = crawl_command(cluster.archive_path, [closed, f"{url}/en/?p=101301"], *frontier)
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert completed.returncode == 0
        assert finish(writer) == 0
    assert "ended with no result in the outbox" not in completed.stderr
    db = sqlite_utils.Database(cluster.archive_path)
    [failure] = [row for row in db["failures"].rows if row["url"] == closed]
    assert failure["stage"] == "download" and "ConnectionRefused" in failure["reason"]
    assert db["articles"].count >= 1
