"""Revisions end to end: two `mode=full` crawls, the second after the snapshot edited articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.normalize.dates import to_utc
from newscrawler.snapshot.process import running_snapshot
from tests.support import ROW_FIELDS, expected_articles, load_content, run_crawl

pytestmark = pytest.mark.crawl

SECTIONS = ("politics", "economy", "society")


def edited_content() -> list[dict[str, Any]]:
    return [
        item
        for item in load_content("archive") + load_content("relaunch")
        if item["versions"] and "failure" not in item["expected"]
    ]


def start_urls(base_url: str, categories: dict[str, Any]) -> list[str]:
    return [f"{base_url}/en/?cat={category}" for category in categories] + [
        f"{base_url}/en/{section}/" for section in SECTIONS
    ]


@pytest.fixture(scope="module")
def archive_after_edit(
    tmp_path_factory: pytest.TempPathFactory, snapshot_url: str, categories: dict[str, Any]
) -> Path:
    archive_path = tmp_path_factory.mktemp("revisions") / "archive.db"
    first = run_crawl(archive_path, start_urls(snapshot_url, categories), "-a", "mode=full")
    assert first.returncode == 0, first.log[-3000:]
    versions = [f"{item['post_id']}:1" for item in edited_content()]
    args = [part for version in versions for part in ("--serve-version", version)]
    with running_snapshot(*args) as edited_site:
        second = run_crawl(archive_path, start_urls(edited_site, categories), "-a", "mode=full")
    assert second.returncode == 0, second.log[-3000:]
    return archive_path


def test_the_snapshot_has_edited_articles_of_both_layouts() -> None:
    assert {item["layout"] for item in edited_content()} == {"archive", "relaunch"}


def test_an_edited_article_has_revision_2_and_keeps_version_1(archive_after_edit: Path) -> None:
    db = sqlite_utils.Database(archive_after_edit)
    for item in edited_content():
        url = item["expected"]["url"]
        row = db["articles"].get(url)
        assert row["revision"] == 2, url
        assert row["modified"] == to_utc(item["versions"][0]["modified"], "Asia/Damascus")
        assert row["body"] != item["expected"]["body"]
        [revision] = db["revisions"].rows_where("article_url = ?", [url])
        assert revision["revision"] == 1
        earlier = json.loads(revision["row"])
        for field in ROW_FIELDS:
            if field != "modified":
                assert earlier[field] == item["expected"][field], (url, field)


def test_an_unchanged_article_has_revision_1_and_no_revisions(archive_after_edit: Path) -> None:
    db = sqlite_utils.Database(archive_after_edit)
    edited = {item["expected"]["url"] for item in edited_content()}
    unchanged = set(expected_articles(load_content("archive") + load_content("relaunch"))) - edited
    revisions = {row["article_url"] for row in db["revisions"].rows}
    assert revisions == edited
    for url in unchanged:
        assert db["articles"].get(url)["revision"] == 1, url
