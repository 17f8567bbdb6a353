"""The page-rewriting faults (`script`, `title`, `short`) on rendered pages of both themes."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from newscrawler.snapshot import render_archive, render_relaunch
from newscrawler.snapshot.content import load_content
from newscrawler.snapshot.faults import Faults, parse_fault
from newscrawler.snapshot.page_faults import UNCLOSED_DIV, UNCLOSED_SCRIPT
from newscrawler.snapshot.site import Site
from tests.snapshot.conftest import TEST_CONTENT

BASE = "http://127.0.0.1:8080"
ENTRY = {"archive": "div.entry", "relaunch": "div.entry-content"}


def rendered(layout: str) -> str:
    content = load_content(TEST_CONTENT)
    site = Site(content)
    if layout == "archive":
        article = site.archive_articles(sorted(content.archive))[0]
        return render_archive.render_article(site, article, BASE)
    article = site.relaunch_articles(sorted(content.relaunch))[0]
    return render_relaunch.render_article(site, article, BASE)


def paragraphs(html: str, layout: str) -> list[str]:
    return Selector(text=html).css(f"{ENTRY[layout]} > p").getall()


def article_body(html: str) -> str | None:
    for script in Selector(text=html).css("script[type='application/ld+json']::text").getall():
        for node in [data := json.loads(script), *data.get("@graph", [])]:
            if "Article" in str(node.get("@type")) and "articleBody" in node:
                return str(node["articleBody"])
    return None


def rewrite(spec: str, html: str) -> str:
    return Faults([parse_fault(spec)]).rewrite("/en/?p=1", html)


@pytest.mark.parametrize("layout", ["archive", "relaunch"])
def test_script_fault_opens_an_unclosed_script_after_the_first_paragraph(layout: str) -> None:
    html = rendered(layout)
    faulty = rewrite("script:p=1$", html)
    first = paragraphs(html, layout)[0]
    assert faulty == html.replace(first, first + UNCLOSED_SCRIPT, 1)
    assert paragraphs(faulty, layout) == [first]


def test_unclosed_fault_leaves_a_div_open_after_the_first_paragraph() -> None:
    html = rendered("archive")
    faulty = rewrite("unclosed:p=1$", html)
    first = paragraphs(html, "archive")[0]
    assert faulty == html.replace(first, first + UNCLOSED_DIV, 1)
    assert faulty.count("<div") == faulty.count("</div>") + 1


@pytest.mark.parametrize("layout", ["archive", "relaunch"])
def test_title_fault_prints_a_title_of_the_given_size(layout: str) -> None:
    faulty = rewrite("title:p=1$:5000", rendered(layout))
    title = Selector(text=faulty).css("h1::text").get() or ""
    assert len(title) == 5000


def test_title_fault_defaults_to_100_kb() -> None:
    assert parse_fault("title:p=1$").number == 100_000
    assert parse_fault("title:p=1$:700").number == 700


@pytest.mark.parametrize("layout", ["archive", "relaunch"])
def test_short_fault_drops_paragraphs_but_keeps_the_article_body(layout: str) -> None:
    html = rendered(layout)
    faulty = rewrite("short:p=1$", html)
    kept = paragraphs(faulty, layout)
    assert kept == paragraphs(html, layout)[:1]
    text = article_body(faulty)
    assert text is not None
    for paragraph in Selector(text=html).css(f"{ENTRY[layout]} > p"):
        assert (paragraph.xpath("string()").get() or "").strip() in text


def test_faults_apply_only_to_matching_targets() -> None:
    html = rendered("archive")
    faults = Faults([parse_fault("script:p=2$"), parse_fault("short:p=2$")])
    assert faults.rewrite("/en/?p=1", html) == html
