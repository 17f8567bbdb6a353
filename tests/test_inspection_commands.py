"""`scrapy shell/parse/check/fetch/view/bench` record nothing (issue 10, item 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawler.snapshot.process import running_snapshot
from tests.support import FAST_LOCAL_SETTINGS, ROOT

ARTICLE_PATH = "/en/?p=101150"
ARTICLE_TITLE = "Jaafari says Geneva talks must put combating terrorism first"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_snapshot() as base_url:
        yield base_url


def scrapy(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A Scrapy command in the project, pointed at an archive in `folder`."""
    settings = [f"ARCHIVE_PATH={folder / 'archive.db'}", *FAST_LOCAL_SETTINGS]
    command = [sys.executable, "-m", "scrapy", *args]
    command += [part for setting in settings for part in ("-s", setting)]
    # `scrapy view` opens the saved page with $BROWSER: `true` accepts it and exits.
    env = dict(os.environ, BROWSER="true")
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env, check=False
    )


def written(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def parse_command(site: str) -> tuple[str, ...]:
    trusted = f"start_urls={site}/en/"
    return ("parse", "--spider", "sana", "--pipelines", "-a", trusted, site + ARTICLE_PATH)


def test_scrapy_parse_shows_the_article_and_records_nothing(site: str, tmp_path: Path) -> None:
    completed = scrapy(tmp_path, *parse_command(site))
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert ARTICLE_TITLE in completed.stdout
    assert written(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "args", "expected_output"),
    [
        ("fetch", ("fetch", "--spider", "sana", "--nolog", "{site}" + ARTICLE_PATH), ARTICLE_TITLE),
        ("shell", ("shell", "{site}" + ARTICLE_PATH, "-c", "response.status"), "200"),
        ("view", ("view", "--spider", "sana", "--nolog", "{site}" + ARTICLE_PATH), ""),
        ("check", ("check", "sana"), ""),
    ],
)
def test_an_inspection_command_records_nothing(
    site: str, tmp_path: Path, name: str, args: tuple[str, ...], expected_output: str
) -> None:
    completed = scrapy(tmp_path, *(arg.format(site=site) for arg in args))
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert expected_output in completed.stdout
    assert written(tmp_path) == []


def test_scrapy_bench_records_nothing(tmp_path: Path) -> None:
    # The project's CLOSESPIDER_TIMEOUT outranks bench's own 10 s.
    completed = scrapy(tmp_path, "bench", "-s", "CLOSESPIDER_TIMEOUT=2")
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "Spider closed (closespider_timeout)" in completed.stderr
    assert written(tmp_path) == []


def test_recording_can_be_asked_for(site: str, tmp_path: Path) -> None:
    completed = scrapy(tmp_path, *parse_command(site), "-s", "NEWSCRAWLER_RECORD=True")
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "archive.db" in written(tmp_path)
    assert any(name.endswith(".warc.gz") for name in written(tmp_path))
