"""The French edition under `/fr/`, archive layout: articles, listings and feeds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from parsel import Selector

from newscrawler.snapshot import routes
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, ContentArticle, load_content
from newscrawler.snapshot.editions import FRENCH_MONTHS
from newscrawler.snapshot.sahifa_chrome import arabic_date, site_clock
from newscrawler.snapshot.site import Site, other_edition_sites

BASE = "http://snapshot.test"
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 60_000, 150_000
FRENCH_DATE = re.compile(rf"^\d{{1,2}} ({'|'.join(FRENCH_MONTHS)}) \d{{4}}$")


@pytest.fixture(scope="module")
def english() -> Site:
    return Site(load_content(PACKAGE_CONTENT_DIR))


@pytest.fixture(scope="module")
def editions() -> dict[str, Site]:
    return other_edition_sites()


@pytest.fixture(scope="module")
def french(editions: dict[str, Site]) -> Site:
    return editions["fr"]


def page(english: Site, editions: dict[str, Site], target: str) -> routes.Page:
    return routes.resolve(english, target, BASE, editions=editions)


def articles(site: Site) -> list[ContentArticle]:
    return list(site.content.archive.values())


def test_french_articles_are_served_under_fr_left_to_right(
    english: Site, editions: dict[str, Site], french: Site
) -> None:
    assert len(articles(french)) >= 4
    for article in articles(french):
        answer = page(english, editions, f"/fr/?p={article.post_id}")
        assert answer.status == 200
        assert MIN_PAGE_BYTES <= len(answer.body.encode()) <= MAX_PAGE_BYTES
        html = Selector(text=answer.body)
        assert html.xpath("/html/@lang").get() == "fr-FR"
        assert html.xpath("/html/@dir").get() is None
        assert "rtl" not in html.css("body::attr(class)").get(default="").split()
        assert html.css("h1.post-title span::text").get() == article.title
        assert html.css("link[rel=canonical]::attr(href)").get() == (
            f"https://sana.sy/fr/?p={article.post_id}"
        )
        # SANA prints the header date in Arabic on its foreign editions too.
        assert html.css("span.today-date::text").get() == arabic_date(site_clock(french))
        assert page(english, editions, f"/en/?p={article.post_id}").status == 404


def test_datelines_are_the_french_forms(french: Site) -> None:
    openings = [a.body_html.removeprefix("<p>").split("</p>")[0] for a in articles(french)]
    assert "Damas-SANA/" in openings  # its own paragraph
    assert any(text.startswith("Damas-SANA/ ") for text in openings)  # glued
    assert any(text.startswith("Caire-SANA / ") for text in openings)
    assert [text for text in openings if "SANA" not in text]
    for article in articles(french):
        raw = article.expected["dateline_raw"]
        assert raw is None or article.body_html.startswith("<p>" + raw)


def test_listings_page_on_and_print_french_dates(
    english: Site, editions: dict[str, Site], french: Site
) -> None:
    for target in ("/fr/", "/fr/?paged=2", "/fr/?cat=101", "/fr/?cat=101&paged=2"):
        answer = page(english, editions, target)
        assert answer.status == 200, target
        assert MIN_PAGE_BYTES <= len(answer.body.encode()) <= MAX_PAGE_BYTES, target
        items = Selector(text=answer.body).css("article.item-list")
        assert 1 <= len(items) <= 3, target
        for item in items:
            assert FRENCH_DATE.match(item.css("span.tie-date::text").get(default="")), target
            assert (
                item.css("h2.post-box-title a::attr(href)")
                .get(default="")
                .startswith(f"{BASE}/fr/?p=")
            )
    first = Selector(text=page(english, editions, "/fr/?cat=101").body)
    assert first.css("#tie-next-page a::attr(href)").get() == f"{BASE}/fr/?cat=101&paged=2"
    assert page(english, editions, "/fr/?cat=101&paged=3").status == 404


def test_feeds_are_well_formed_and_list_the_french_posts(
    english: Site, editions: dict[str, Site], french: Site
) -> None:
    expected = [f"{BASE}/fr/?p={post_id}" for post_id in french.home]
    for target in ("/fr/feed/", "/fr/?feed=rss2"):
        answer = page(english, editions, target)
        assert answer.content_type == routes.RSS
        feed = ET.fromstring(answer.body)
        assert feed.findtext("channel/language") == "fr-FR"
        assert [item.findtext("link") for item in feed.iter("item")] == expected
