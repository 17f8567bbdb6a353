"""Arabic text shows right to left in the articles list, search results and the reading view."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from subprocess import DEVNULL
from urllib.parse import urlencode

import pytest
from datasette.utils import tilde_encode

from newscrawler.archive import Archive
from tests.archive.conftest import make_article
from tests.support import ROOT
from tests.test_datasette_front_door import CHROMIUM, CHROMIUM_FLAGS, free_port, wait_until_serving

# Written for this test: Ahmad opens a book fair, in Arabic, and the same news in English.
ARABIC_URL = "https://sana.sy/?p=71"
ARABIC_TITLE = "أحمد يفتتح معرض دمشق للكتاب"
ARABIC_BODY = "افتتح أحمد المعرض صباح اليوم بحضور الكتاب.\n\nيستمر المعرض عشرة أيام."
ENGLISH_TITLE = "Ahmad opens the Damascus book fair"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m newscrawler browse` on an archive of one Arabic and one English article."""
    path = tmp_path_factory.mktemp("right_to_left") / "archive.db"
    with Archive(path) as archive:
        arabic = make_article(
            71, url=ARABIC_URL, edition="ar", title=ARABIC_TITLE, body=ARABIC_BODY,
            subheadings=[], published="2025-05-02T08:00:00+00:00", fetched_urls=[ARABIC_URL],
        )  # fmt: skip
        english = make_article(72, title=ENGLISH_TITLE, published="2025-05-01T08:00:00+00:00")
        for article in (arabic, english):
            archive.save_article(article, article["fetched_urls"], "2026-01-01T00:00:00+00:00")
    url = f"http://127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "newscrawler", "browse", "--archive", str(path)]
    command += ["-h", "127.0.0.1", "-p", url.rsplit(":", 1)[1]]
    process = subprocess.Popen(command, cwd=ROOT, stdout=DEVNULL, stderr=DEVNULL)
    try:
        wait_until_serving(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_arabic_renders_right_to_left_in_headless_chromium(served: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import Locator, sync_playwright

    def direction(locator: Locator) -> str:
        value: str = locator.evaluate("node => getComputedStyle(node).direction")
        return value

    errors: list[str] = []
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        try:
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))

            page.goto(f"{served}/archive/articles", wait_until="networkidle")
            titles = page.locator("table.rows-and-columns td.col-title")
            assert direction(titles.filter(has_text=ARABIC_TITLE)) == "rtl"
            assert direction(titles.filter(has_text=ENGLISH_TITLE)) == "ltr"
            page.fill("input#_search", "أحمد")
            assert direction(page.locator("input#_search")) == "rtl"
            page.screenshot(path=str(tmp_path / "articles-rtl.png"), full_page=True)

            page.goto(f"{served}/archive/search_articles?{urlencode({'q': 'احمد'})}")
            results = page.locator("table.rows-and-columns td.col-title")
            assert results.count() == 1
            assert direction(results.first) == "rtl"
            assert direction(page.locator("table.rows-and-columns td.col-snippet").first) == "rtl"
            assert direction(page.locator("form.sql input[name=q]")) == "rtl"

            page.goto(f"{served}/archive/articles/{tilde_encode(ARABIC_URL)}")
            assert direction(page.locator("article.reading h1.reading-title")) == "rtl"
            paragraphs = page.locator("article.reading .reading-body p")
            assert paragraphs.count() == 2
            assert {direction(paragraphs.nth(index)) for index in range(2)} == {"rtl"}
            page.screenshot(path=str(tmp_path / "reading-rtl.png"), full_page=True)
        finally:
            context.close()
    assert errors == []
