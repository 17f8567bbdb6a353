"""Crawl run bookkeeping and failures kept with their raw bytes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from newscrawler.archive import Archive

ReadRows = Callable[..., list[dict[str, Any]]]

STARTED = "2024-05-01T02:00:00+00:00"
FINISHED = "2024-05-01T03:30:00+00:00"


def test_a_run_is_committed_as_soon_as_it_starts(archive: Archive, committed: ReadRows) -> None:
    run_id = archive.start_run("sana", {"mode": "full", "since": "2024-01-01"}, STARTED)

    [run] = committed("SELECT * FROM crawl_runs WHERE id = ?", run_id)
    assert run["spider"] == "sana"
    assert json.loads(run["args"]) == {"mode": "full", "since": "2024-01-01"}
    assert run["started"] == STARTED
    assert run["finished"] is None
    assert archive.start_run("sana", {}, FINISHED) == run_id + 1


def test_finishing_a_run_stores_its_counters(archive: Archive, committed: ReadRows) -> None:
    run_id = archive.start_run("sana", {}, STARTED)
    stats = {
        "requests": 120,
        "pages_fetched": 118,
        "article_pages": 90,
        "articles_new": 70,
        "articles_changed": 5,
        "articles_unchanged": 13,
        "failures": 2,
        "field_coverage": {"dateline_place": 0.93, "editor_tags": 0.88},
    }

    archive.finish_run(run_id, "finished", stats, FINISHED)

    [run] = committed("SELECT * FROM crawl_runs WHERE id = ?", run_id)
    assert (run["finished"], run["finish_reason"]) == (FINISHED, "finished")
    assert {name: run[name] for name in stats if name != "field_coverage"} == {
        name: value for name, value in stats.items() if name != "field_coverage"
    }
    assert json.loads(run["field_coverage"]) == {"dateline_place": 0.93, "editor_tags": 0.88}


def test_finishing_a_run_with_an_unknown_counter_is_refused(archive: Archive) -> None:
    run_id = archive.start_run("sana", {}, STARTED)
    with pytest.raises(ValueError, match="item_scraped_count"):
        archive.finish_run(run_id, "finished", {"item_scraped_count": 3}, FINISHED)


def test_failure_keeps_the_fetched_bytes(archive: Archive, committed: ReadRows) -> None:
    run_id = archive.start_run("sana", {}, STARTED)
    raw = "<html><body><h1>Lattakia – half a page\xa0".encode("cp1256", errors="replace")

    archive.record_failure(
        run_id, "https://archive.sana.sy/en/?p=7", "parse", "no title", raw, STARTED
    )
    archive.record_failure(None, "https://sana.sy/en/?p=8", "download", "HTTP 503", None, FINISHED)
    archive.flush()

    first, second = committed("SELECT * FROM failures ORDER BY id")
    assert first["run_id"] == run_id
    assert (first["url"], first["stage"], first["reason"]) == (
        "https://archive.sana.sy/en/?p=7",
        "parse",
        "no title",
    )
    assert first["raw"] == raw
    assert first["raw_size"] == len(raw)
    assert first["time"] == STARTED
    assert second["run_id"] is None
    assert (second["raw"], second["raw_size"]) == (None, None)


def test_a_large_failed_page_keeps_a_capped_prefix_its_size_and_hash(
    db_path: Any, committed: ReadRows
) -> None:
    page = b"<html>" + bytes(range(256)) * 40 + b"</html>"
    with Archive(db_path, failure_raw_max=1000) as archive:
        archive.record_failure(None, "https://sana.sy/en/?p=9", "parse", "huge", page, FINISHED)
        archive.record_failure(None, "https://sana.sy/en/?p=10", "parse", "small", b"<p>", FINISHED)
    large, small = committed("SELECT * FROM failures ORDER BY id")
    assert large["raw"] == page[:1000]
    assert large["raw_size"] == len(page)
    assert large["raw_sha256"] == hashlib.sha256(page).hexdigest()
    assert small["raw"] == b"<p>" and small["raw_size"] == 3


def test_a_run_keeps_why_its_walks_stopped(archive: Archive, committed: ReadRows) -> None:
    run_id = archive.start_run("sana", {}, STARTED)
    reasons = {"past_last_page": {"count": 2, "first_url": "https://sana.sy/en/?paged=9"}}
    archive.finish_run(run_id, "closespider_timeout", {"stop_reasons": reasons}, FINISHED)
    [run] = committed("SELECT finish_reason, stop_reasons FROM crawl_runs WHERE id = ?", run_id)
    assert run["finish_reason"] == "closespider_timeout"
    assert json.loads(run["stop_reasons"]) == reasons
