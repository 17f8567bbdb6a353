"""`page_kind`: pages are recognized by path and markup, the same under every host."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse, XmlResponse

from newscrawler.pages.detect import PageKind, page_kind
from tests.pages.saved_pages import SAVED_PAGES, SavedPage

HOSTS = [
    "https://sana.sy",
    "https://www.sana.sy",
    "https://archive.sana.sy",
    "https://sana.sy.",
    "http://127.0.0.1:8765",
    "https://sana-mirror.example.net",
]
HOST_CASES = [(page, host) for page in SAVED_PAGES for host in HOSTS]

BLOG_PAGE = """<!DOCTYPE html><html><head><title>Hello world</title></head>
<body class="home blog"><header><h1>My blog</h1></header>
<main><article><h2>Hello world</h2><p>Welcome to my site.</p>
<time datetime="2024-01-01">1 Jan</time></article></main></body></html>"""

EMPTY_ARCHIVE_LISTING = """<html><body class="archive category category-3">
<header id="theme-header" class="theme-header"><div class="breaking-news"></div></header>
<div class="content"><div class="page-head"><h1 class="page-title">Politics</h1></div>
<div class="post-listing archive-box"></div></div></body></html>"""


def on_host(url: str, host: str) -> str:
    scheme, netloc = urlsplit(host)[:2]
    return urlunsplit((scheme, netloc, *urlsplit(url)[2:]))


@pytest.mark.parametrize("page", SAVED_PAGES, ids=[page.name for page in SAVED_PAGES])
def test_saved_page_kind(page: SavedPage) -> None:
    assert page_kind(page.url, Selector(text=page.text)) is page.kind


@pytest.mark.parametrize(
    ("page", "host"), HOST_CASES, ids=[f"{page.name}-{host}" for page, host in HOST_CASES]
)
def test_same_page_under_any_host_is_the_same_kind(page: SavedPage, host: str) -> None:
    assert page_kind(on_host(page.url, host), Selector(text=page.text)) is page.kind


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/blog/hello-world/",
        "https://example.com/en/about/",
        "https://example.com/en/news/12345/",
        "https://example.com/?p=12",
    ],
)
def test_non_sana_page_is_unknown(url: str) -> None:
    assert page_kind(url, Selector(text=BLOG_PAGE)) is PageKind.UNKNOWN


def test_listing_past_its_last_page_is_still_an_archive_listing() -> None:
    selector = Selector(text=EMPTY_ARCHIVE_LISTING)
    assert page_kind("https://sana.sy/en/?cat=3&paged=9000", selector) is PageKind.ARCHIVE_LISTING


def test_archive_article_cut_before_its_body_is_known_by_its_path() -> None:
    selector = Selector(text="<html><head><title>Aleppo")
    assert page_kind("https://sana.sy/en/?p=4711", selector) is PageKind.ARCHIVE_ARTICLE


def test_relaunch_path_needs_article_markup() -> None:
    truncated = Selector(text="<html><body><h1 class='s-title'>Syria and Jordan")
    assert page_kind("https://sana.sy/en/politics/2270101/", truncated) is (
        PageKind.RELAUNCH_ARTICLE
    )


def test_feed_served_as_xml_response_is_a_feed() -> None:
    page = next(page for page in SAVED_PAGES if page.kind is PageKind.FEED)
    response = XmlResponse(page.url, body=page.text.encode("utf-8"))
    assert page_kind(response.url, response.selector) is PageKind.FEED


def test_scrapy_response_selector_is_read_like_a_parsel_selector() -> None:
    page = next(page for page in SAVED_PAGES if page.name == "seed_archive")
    response = HtmlResponse(page.url, body=page.text.encode("utf-8"), encoding="utf-8")
    assert page_kind(response.url, response.selector) is PageKind.ARCHIVE_ARTICLE
