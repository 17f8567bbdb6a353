"""Run health verdicts and progress lines: pure logic, no crawl."""

from __future__ import annotations

from typing import Any

from newscrawler.health import (
    CoverageCounter,
    HealthPolicy,
    RunOutcome,
    health_problems,
)
from newscrawler.items import Article
from newscrawler.progress import Progress, full_walk_seconds_left, progress_line

POLICY = HealthPolicy(coverage_drop=0.5, min_articles=20)
USUAL = {"articles": 100, "title": 1.0, "body": 1.0, "published": 1.0, "dateline": 0.9,
         "editor_tags": 0.8}  # fmt: skip


def article(**changes: Any) -> Article:
    fields: dict[str, Any] = {
        "url": "https://archive.sana.sy/en/?p=1", "post_id": 1, "site": "sana", "edition": "en",
        "language": "en",
        "layout": "archive", "title": "A title", "title_raw": "A title", "updated": False,
        "media": [], "published": "2020-01-01T10:00:00+00:00", "modified": None,
        "published_local": None, "dateline_raw": "Damascus, SANA –",
        "dateline_place": "Damascus", "dateline_agency": "SANA", "dateline_date": None,
        "editor_tags_raw": "Mazen", "editor_tags": ["Mazen"], "byline_raw": None, "authors": [],
        "subheadings": [], "body": "Text.", "categories": [], "tags": [],
    }  # fmt: skip
    return Article(**{**fields, **changes})


def test_coverage_is_the_share_of_articles_with_each_field() -> None:
    counter = CoverageCounter()
    counter.add(article())
    counter.add(article(dateline_raw=None, dateline_place=None, editor_tags=[]))
    counter.add(article(published=None, editor_tags=[]))
    counter.add(article())
    assert counter.coverage() == {
        "articles": 4, "title": 1.0, "body": 1.0, "published": 0.75, "dateline": 0.75,
        "editor_tags": 0.5,
    }  # fmt: skip


def test_a_suspect_field_does_not_count_as_read() -> None:
    counter = CoverageCounter()
    counter.add(article(suspect=["body"]))
    counter.add(article(suspect=["title"]))
    counter.add(article())
    coverage = counter.coverage()
    assert (coverage["title"], coverage["body"]) == (0.667, 0.667)


def test_a_run_without_articles_has_no_shares() -> None:
    assert CoverageCounter().coverage() == {"articles": 0}


def outcome(**changes: Any) -> RunOutcome:
    values: dict[str, Any] = {
        "finish_reason": "finished",
        "article_pages": 100,
        "archived": 100,
        "coverage": USUAL,
    }
    return RunOutcome(**{**values, **changes})


def test_a_normal_run_is_healthy() -> None:
    assert health_problems(outcome(), [USUAL] * 5, POLICY) == []


def test_a_run_that_did_not_finish_is_unhealthy() -> None:
    [problem] = health_problems(outcome(finish_reason="shutdown"), [USUAL], POLICY)
    assert "did not finish" in problem and "shutdown" in problem


def test_article_pages_without_any_archived_article_is_unhealthy() -> None:
    run = outcome(article_pages=3, archived=0, coverage={"articles": 0})
    [problem] = health_problems(run, [USUAL], POLICY)
    assert "fetched 3 article pages but archived none" in problem


def test_a_site_that_answers_nothing_but_errors_is_unhealthy() -> None:
    run = outcome(article_pages=0, archived=0, coverage={"articles": 0}, requests=12, answered=0)
    [problem] = health_problems(run, [USUAL], POLICY)
    assert "none of 12 requests was answered with a page" in problem


def test_a_quiet_run_that_was_answered_is_healthy() -> None:
    run = outcome(article_pages=0, archived=0, coverage={"articles": 0}, requests=2, answered=1)
    assert health_problems(run, [USUAL], POLICY) == []


def test_archiving_few_of_many_article_pages_is_unhealthy() -> None:
    [problem] = health_problems(outcome(article_pages=100, archived=30), [USUAL], POLICY)
    assert "archived only 30 of 100" in problem


def test_a_field_far_below_its_recent_median_is_a_layout_change() -> None:
    drifted = {**USUAL, "dateline": 0.3, "editor_tags": 0.5}
    history = [USUAL, {**USUAL, "dateline": 0.7}, USUAL]
    [problem] = health_problems(outcome(coverage=drifted), history, POLICY)
    # 0.3 < 0.5 × median 0.9; editor tags 0.5 is not below 0.5 × 0.8
    assert problem.startswith("dateline coverage dropped to 30% from a median of 90%")
    assert "last 3 healthy runs" in problem


def test_coverage_is_not_judged_without_history_or_on_small_runs() -> None:
    drifted = {**USUAL, "dateline": 0.0}
    assert health_problems(outcome(coverage=drifted), [], POLICY) == []
    small = {**drifted, "articles": 5}
    assert (
        health_problems(outcome(coverage=small, archived=5, article_pages=5), [USUAL], POLICY) == []
    )


def test_progress_line_reports_walk_articles_rate_and_time_left() -> None:
    progress = Progress(listing_pages=10, listing_total=4163, new=7, changed=1, unchanged=92,
                        pages=110)  # fmt: skip
    # 10 pages in 20 minutes: 4153 pages left take 8306 minutes
    assert full_walk_seconds_left(progress, 1200.0) == 4153 * 120.0
    line = progress_line(progress, 5.5, 1200.0)
    assert line == (
        "Progress: listing pages 10 of 4163 walked; articles 7 new, 1 changed, 92 unchanged;"
        " 5.5 pages/min; full walk: about 5d 18h left"
    )


def test_progress_without_a_page_total_has_no_estimate() -> None:
    progress = Progress(listing_pages=0, listing_total=None, new=0, changed=0, unchanged=0,
                        pages=1)  # fmt: skip
    assert progress_line(progress, 1.0, 60.0).endswith("full walk: unknown")
