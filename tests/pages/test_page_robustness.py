"""Odd, truncated or hostile markup never makes a parser raise; readable parts are still read."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parsel import Selector

from newscrawler.items import RawArticle
from newscrawler.pages import archive_layout, feeds, relaunch_layout
from newscrawler.pages.detect import PageKind, page_kind
from newscrawler.pages.listing import Listing
from tests.pages.saved_pages import SAVED_PAGES, SavedPage, parse_text, parsed_fields

ARCHIVE_URL = "https://sana.sy/en/?p=4711"
RELAUNCH_URL = "https://sana.sy/en/politics/2270101/"
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def saved(name: str) -> SavedPage:
    return next(page for page in SAVED_PAGES if page.name == name)


@pytest.mark.parametrize("page", SAVED_PAGES, ids=[page.name for page in SAVED_PAGES])
@FUZZ
@given(cut=st.floats(min_value=0, max_value=1))
def test_page_cut_anywhere_still_parses(page: SavedPage, cut: float) -> None:
    truncated = page.text[: int(len(page.text) * cut)]
    record = parse_text(page.kind, page.url, truncated)
    records = (RawArticle, Listing, relaunch_layout.NextPost)
    assert isinstance(record, list if page.kind is PageKind.FEED else records)


@pytest.mark.parametrize("name", ["seed_archive", "archive_quirks", "relaunch_graph"])
@FUZZ
@given(cut=st.floats(min_value=0, max_value=1))
def test_page_cut_after_its_first_paragraph_keeps_title_and_that_paragraph(
    name: str, cut: float
) -> None:
    page = saved(name)
    first_paragraph_end = page.text.index("</p>", page.text.index('<div class="entry')) + len(
        "</p>"
    )
    end = first_paragraph_end + int((len(page.text) - first_paragraph_end) * cut)
    record = parse_text(page.kind, page.url, page.text[:end])
    expected = parsed_fields(name)
    assert (record.title, record.blocks[0].text) == (
        expected["title"],
        expected["blocks"][0]["text"],
    )


@FUZZ
@given(text=st.text(alphabet=st.sampled_from("<>/=\"' apbrdivhlsent#.:-?&;\n"), max_size=300))
def test_markup_soup_never_raises(text: str) -> None:
    selector = Selector(text=text)
    page_kind(ARCHIVE_URL, selector)
    archive_layout.parse_article(ARCHIVE_URL, selector)
    archive_layout.parse_listing(ARCHIVE_URL, selector)
    relaunch_layout.parse_article(RELAUNCH_URL, selector)
    relaunch_layout.parse_next_post(RELAUNCH_URL, selector)
    relaunch_layout.parse_listing(RELAUNCH_URL, selector)
    feeds.parse_feed(RELAUNCH_URL, text)


@pytest.mark.parametrize("text", ["", "   ", "\x00", "not markup at all"])
def test_empty_page_gives_an_empty_record(text: str) -> None:
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=text or " "))
    assert (raw.title, raw.blocks, raw.links, raw.published) == ("", [], [], None)


def test_feed_that_is_not_xml_announces_nothing() -> None:
    assert feeds.parse_feed("https://sana.sy/en/feed/", "<html><body>503 Service</body>") == []


def test_a_thousand_unclosed_containers_are_read_without_recursion_error() -> None:
    html = '<div class="entry">' + "<div>" * 1500 + "Deep text<br>second line"
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=html))
    assert [block.text for block in raw.blocks] == ["Deep text\nsecond line"]


def test_relaunch_article_without_anything_but_its_address() -> None:
    raw = relaunch_layout.parse_article(RELAUNCH_URL, Selector(text="<html></html>"))
    assert (raw.post_id, raw.section, raw.title, raw.blocks) == (2270101, "politics", "", [])
