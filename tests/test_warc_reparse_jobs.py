"""`reparse --jobs N`: N parsing processes, one writer, the archive of a single process."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.__main__ import jobs_count
from newscrawler.archive.store import Archive
from newscrawler.reparse import reparse
from newscrawler.snapshot.process import running_snapshot
from tests.support import ROOT, CrawlResult, run_crawl
from tests.test_warc_reparse import (
    BLANKED_COLUMNS,
    START_PATHS,
    copy_archive,
    expected_rows,
    saved_page,
    write_warc,
)

BROKEN_URL = "http://127.0.0.1:1/en/?p=424242"
UNDATED_URL = "http://127.0.0.1:1/en/?p=434343"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """A full crawl of both layouts, with its WARC captures beside the archive."""
    archive_path = tmp_path_factory.mktemp("jobs_crawl") / "archive.db"
    with running_snapshot() as base_url:
        result = run_crawl(
            archive_path, [base_url + path for path in START_PATHS], "-a", "mode=full"
        )
    assert result.returncode == 0, result.log[-3000:]
    return result


def write_poisoned_warc(path: Path) -> None:
    """A half page (no article in it), a record whose WARC-Date is no date, and a good page."""
    (good_url, good_html), (_, undated_html) = renumbered_seed_pages([454545, 434343])
    write_warc(
        path,
        [
            (BROKEN_URL, b"<html><body><p>half a page", "2025-03-01T08:00:00Z"),
            (UNDATED_URL, undated_html, "the day before yesterday"),
            (good_url, good_html, "2025-03-01T08:00:01Z"),
        ],
    )


def renumbered_seed_pages(post_ids: list[int]) -> list[tuple[str, bytes]]:
    """The saved archive-layout article page, once under each post id (none of the snapshot's).

    Each gets a title of its own: copies with one title and date would be linked to each other
    as updates of one story (`archive/updates.py`), which no real archive holds by thousands.
    """
    url, html = saved_page("seed_archive")
    return [
        (
            url.replace("p=101234", f"p={post_id}"),
            html.replace(b"postid-101234", f"postid-{post_id}".encode()).replace(
                b"Updated-Lavrov calls", f"Lavrov calls ({post_id})".encode()
            ),
        )
        for post_id in post_ids
    ]


def run_reparse(archive_path: Path, warc_dir: Path, jobs: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newscrawler", "reparse", "--archive", str(archive_path)]
    command += ["--warc-dir", str(warc_dir), "--jobs", jobs]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def archive_state(path: Path) -> dict[str, Any]:
    """What a reparse writes, without the times of writing."""
    db = sqlite_utils.Database(path)
    return {
        "articles": sorted(
            db.execute(
                "select url, content_hash, revision, warc_file, warc_offset, warc_record_id,"
                " last_seen from articles"
            ).fetchall()
        ),
        "revisions": db.execute(
            "select article_url, revision, captured, content_hash, row from revisions"
            " order by article_url, revision"
        ).fetchall(),
        "failures": db.execute(
            "select url, stage, reason, raw from failures order by id"
        ).fetchall(),
        "article_urls": sorted(db.execute("select article_url, url from article_urls").fetchall()),
    }


def test_two_jobs_give_the_archive_of_one(crawl: CrawlResult, tmp_path: Path) -> None:
    warc_dir = shutil.copytree(crawl.archive_path.parent / "warc", tmp_path / "warc")
    write_poisoned_warc(warc_dir / "zz-poisoned.warc.gz")
    states, outputs = {}, {}
    for jobs in ("1", "2"):
        # Blanked rows: every article is re-read into a new revision, so revisions compare too.
        archive_path = copy_archive(crawl.archive_path, tmp_path / f"jobs-{jobs}.db")
        db = sqlite_utils.Database(archive_path)
        db.execute(f"update articles set {', '.join(f'{c} = NULL' for c in BLANKED_COLUMNS)}")
        db.conn.commit()
        db.close()
        completed = run_reparse(archive_path, warc_dir, jobs)
        assert completed.returncode == 0, completed.stderr[-3000:]
        states[jobs], outputs[jobs] = archive_state(archive_path), completed.stdout

    assert outputs["2"] == outputs["1"]
    assert f"{len(expected_rows())} articles updated, 0 unchanged, 1 new" in outputs["2"]
    assert states["2"] == states["1"]
    assert len(states["2"]["articles"]) == len(expected_rows()) + 1
    assert len(states["2"]["revisions"]) == len(expected_rows())
    assert {UNDATED_URL, BROKEN_URL} <= {failure[0] for failure in states["2"]["failures"]}


def test_a_poisoned_capture_is_a_failure_in_parallel_mode(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    write_poisoned_warc(warc_dir / "a.warc.gz")

    summary = reparse(tmp_path / "archive.db", warc_dir, jobs=2)

    assert (summary.records, summary.failures, summary.outcomes["new"]) == (3, 2, 1)
    assert summary.finish_reason == "finished"
    db = sqlite_utils.Database(tmp_path / "archive.db")
    undated, broken = db.execute("select url, stage, reason from failures order by id")
    assert undated[:2] == (UNDATED_URL, "reparse")
    assert "unreadable record" in undated[2] and "WARC a.warc.gz offset " in undated[2]
    assert broken[:2] == (BROKEN_URL, "reparse")
    assert "(WARC a.warc.gz offset 0 record <urn:uuid:" in broken[2]
    (article,) = db["articles"].rows
    assert article["title"].startswith("Lavrov calls")


def test_jobs_zero_means_one_per_cpu_and_negative_is_refused(tmp_path: Path) -> None:
    assert jobs_count("0") == os.cpu_count()
    assert jobs_count("3") == 3
    Archive(tmp_path / "archive.db").close()
    (tmp_path / "warc").mkdir()
    completed = run_reparse(tmp_path / "archive.db", tmp_path / "warc", "-1")
    assert completed.returncode == 2
    assert "a number of processes is 0 or more" in completed.stderr


def many_captures_warc(path: Path, count: int) -> None:
    """`count` copies of one saved article page, each under a post id of its own."""
    pages = renumbered_seed_pages(list(range(500_000, 500_000 + count)))
    write_warc(
        path,
        [
            (url, html, f"2025-03-01T{index // 3600:02d}:{index // 60 % 60:02d}:{index % 60:02d}Z")
            for index, (url, html) in enumerate(pages)
        ],
    )


def worker_pids(parent: int) -> list[int]:
    children = Path(f"/proc/{parent}/task/{parent}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def archived_count(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        return int(db.execute("select count(*) from articles").fetchone()[0])


@dataclass(frozen=True)
class RunningReparse:
    process: subprocess.Popen[str]
    archive_path: Path
    warc_dir: Path
    captures: int


def reparse_stopped_while_writing(tmp_path: Path) -> RunningReparse:
    """`reparse --jobs 2` over 2,000 captures, once its first batches are committed."""
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    captures = 2000
    many_captures_warc(warc_dir / "a.warc.gz", captures)
    archive_path = tmp_path / "archive.db"
    Archive(archive_path).close()
    command = [sys.executable, "-m", "newscrawler", "reparse", "--archive", str(archive_path)]
    command += ["--warc-dir", str(warc_dir), "--jobs", "2"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while archived_count(archive_path) == 0 and process.poll() is None:
        assert time.monotonic() < deadline, "reparse wrote nothing in 120 s"
        time.sleep(0.05)
    assert process.poll() is None, "reparse ended before it could be stopped"
    return RunningReparse(process, archive_path, warc_dir, captures)


def assert_consistent_and_resumable(run: RunningReparse, finish_reason: str | None) -> None:
    db = sqlite_utils.Database(run.archive_path)
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    (row,) = db["crawl_runs"].rows
    assert row["finish_reason"] == finish_reason
    archived = archived_count(run.archive_path)
    assert 0 < archived < run.captures
    # Whole writes only: every archived article has its address and its full-text entry.
    assert db.execute("select count(distinct article_url) from article_urls").fetchone() == (
        archived,
    )
    found = db.execute("select count(*) from articles_fts where articles_fts match 'Lavrov'")
    assert found.fetchone() == (archived,)

    rerun = run_reparse(run.archive_path, run.warc_dir, "2")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert archived_count(run.archive_path) == run.captures


@pytest.mark.parametrize(
    ("stop", "exit_code", "reason"),
    [("kill a worker", 1, "worker died"), ("Ctrl-C", 130, "shutdown")],
)
def test_a_stopped_parallel_reparse_records_why_and_leaves_a_consistent_archive(
    tmp_path: Path, stop: str, exit_code: int, reason: str
) -> None:
    run = reparse_stopped_while_writing(tmp_path)
    if stop == "kill a worker":
        os.kill(worker_pids(run.process.pid)[0], signal.SIGKILL)
    else:
        run.process.send_signal(signal.SIGINT)
    stdout, stderr = run.process.communicate(timeout=120)

    assert run.process.returncode == exit_code, stderr[-3000:]
    assert stdout.startswith(f"Stopped ({reason}).")
    assert_consistent_and_resumable(run, reason)


def test_a_killed_parallel_reparse_leaves_no_worker_and_a_consistent_archive(
    tmp_path: Path,
) -> None:
    run = reparse_stopped_while_writing(tmp_path)
    workers = worker_pids(run.process.pid)
    run.process.kill()
    run.process.communicate(timeout=60)

    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in workers):
        assert time.monotonic() < deadline, f"workers {workers} outlived their parent"
        time.sleep(0.05)
    assert_consistent_and_resumable(run, None)
