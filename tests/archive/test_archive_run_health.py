"""Run health rows, recent coverage, and the unfinished-walk lookup that resumption relies on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newscrawler.archive import Archive
from newscrawler.archive.runs import latest_run_id, run_report

ArticleFactory = Callable[..., dict[str, Any]]
COVERAGE = {"articles": 40, "title": 1.0, "dateline": 0.9}


def finished_run(archive: Archive, started: str, reason: str = "finished") -> int:
    run_id = archive.start_run("sana", {}, started)
    archive.finish_run(run_id, reason, {"field_coverage": COVERAGE}, started)
    return run_id


def test_health_verdict_is_stored_and_read_back(archive: Archive, db_path: Path) -> None:
    run_id = finished_run(archive, "2024-05-01T02:00:00+00:00", reason="shutdown")
    archive.runs.record_health(run_id, ["run did not finish (finish reason: shutdown)"], 3.5)

    report = run_report(db_path, run_id)
    assert report is not None
    assert report.healthy is False
    assert report.finish_reason == "shutdown"
    assert report.problems == ["run did not finish (finish reason: shutdown)"]
    assert report.row["requests_per_new_article"] == 3.5
    assert latest_run_id(db_path, "sana") == run_id
    assert latest_run_id(db_path, "other") == 0


def test_recent_coverage_comes_from_healthy_runs_only_newest_first(archive: Archive) -> None:
    first = finished_run(archive, "2024-05-01T02:00:00+00:00")
    archive.runs.record_health(first, [], 1.0)
    sick = finished_run(archive, "2024-05-02T02:00:00+00:00")
    archive.runs.record_health(sick, ["broken"], 1.0)
    third = archive.start_run("sana", {}, "2024-05-03T02:00:00+00:00")
    archive.finish_run(third, "finished", {"field_coverage": {**COVERAGE, "title": 0.5}}, "x")
    archive.runs.record_health(third, [], 1.0)
    current = archive.start_run("sana", {}, "2024-05-04T02:00:00+00:00")

    recent = archive.runs.recent_healthy_coverage("sana", current, 5)
    assert [c["title"] for c in recent] == [0.5, 1.0]
    assert archive.runs.recent_healthy_coverage("sana", current, 1) == [recent[0]]


def test_no_resume_after_a_clean_finish(archive: Archive) -> None:
    finished_run(archive, "2024-05-01T02:00:00+00:00")
    current = archive.start_run("sana", {}, "2024-05-02T02:00:00+00:00")
    assert archive.runs.resume_since("sana", current) is None


def test_resume_from_the_oldest_run_left_unfinished(archive: Archive) -> None:
    finished_run(archive, "2024-05-01T02:00:00+00:00")
    archive.start_run("sana", {}, "2024-05-02T02:00:00+00:00")  # killed: never finished
    finished_run(archive, "2024-05-03T02:00:00+00:00", reason="shutdown")
    current = archive.start_run("sana", {}, "2024-05-04T02:00:00+00:00")

    assert archive.runs.resume_since("sana", current) == "2024-05-02T02:00:00+00:00"
    assert archive.runs.resume_since("other", current) is None


def test_articles_archived_before_a_moment(archive: Archive, article: ArticleFactory) -> None:
    old, new = article(post_id=1), article(post_id=2)
    archive.save_article(old, ["http://mirror/en/?p=1"], "2024-05-01T02:00:00+00:00")
    archive.save_article(new, [], "2024-05-02T02:30:00+00:00")
    asked = {old["url"], new["url"], "http://mirror/en/?p=1", "http://elsewhere/?p=3"}

    found = archive.runs.archived_before(asked, "2024-05-02T02:00:00+00:00")
    assert found == {old["url"], "http://mirror/en/?p=1"}
