"""Known-bad pages end to end: a page retried on its backoff that fails as before is no alarm."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.snapshot.process import running_snapshot
from tests.support import run_crawl

pytestmark = pytest.mark.crawl

# A hand-written article of the snapshot without a body: it fails `normalize` every time.
BAD_POST = 101325
START_PATH = "/en/?cat=6"
# Retries due at once, so the second run fetches the bad page again.
RETRY_AT_ONCE = ("-a", "follow_check_also=false", "-s", "NEWSCRAWLER_BAD_PAGE_RETRY_DAYS=0")


def test_a_known_bad_page_retried_and_failing_again_is_no_false_alarm(tmp_path: Path) -> None:
    archive_path, log = tmp_path / "archive.db", tmp_path / "requests.jsonl"
    with running_snapshot("--request-log", str(log)) as site:
        for _ in range(2):
            result = run_crawl(archive_path, [site + START_PATH], *RETRY_AT_ONCE)
            assert result.returncode == 0, result.log[-3000:]
    requests: list[dict[str, Any]] = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r["path"] for r in requests].count(f"/en/?p={BAD_POST}") == 2
    db = sqlite_utils.Database(archive_path)
    [bad] = db.query("SELECT stage, failures FROM bad_pages")
    assert bad == {"stage": "normalize", "failures": 2}
    first, second = db.query("SELECT * FROM crawl_runs ORDER BY id")
    assert (first["articles_new"], first["failures"], first["healthy"]) == (7, 1, 1)
    # The second run read one article page, the bad one, and archived nothing: counted as an
    # article page it would be "fetched 1 article pages but archived none".
    assert second["article_pages"] == 1
    assert second["articles_new"] + second["articles_unchanged"] == 0
    assert (second["healthy"], json.loads(second["health_problems"])) == (1, [])
