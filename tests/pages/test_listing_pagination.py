"""Foxiz's number pagination as `paginate_links` prints it: the walk finds the next page."""

from __future__ import annotations

import re

import pytest
from parsel import Selector

from newscrawler.pages import relaunch_layout
from newscrawler.snapshot.render_relaunch import _pagination
from tests.pages.saved_pages import SAVED_PAGES

SECTION = "https://sana.sy/en/economy/"
_NAV = re.compile(r'<nav class="pagination-wrap pagination-number">.*?</nav>', re.S)
_LISTING = next(page for page in SAVED_PAGES if page.name == "relaunch_foxiz_listing")


def page_url(number: int) -> str:
    return SECTION if number == 1 else f"{SECTION}page/{number}/"


def listing_page(number: int, total: int) -> relaunch_layout.Listing:
    """The saved listing page with the pagination the snapshot prints for page `number`."""
    nav = _pagination("economy", number, total, "https://sana.sy")
    text = _NAV.sub(lambda _: nav, _LISTING.text)
    return relaunch_layout.parse_listing(page_url(number), Selector(text=text))


@pytest.mark.parametrize(("number", "total"), [(1, 2), (1, 12), (3, 12), (6, 12), (11, 12)])
def test_icon_only_next_link_is_the_next_page(number: int, total: int) -> None:
    listing = listing_page(number, total)
    assert listing.next_url == page_url(number + 1)
    assert listing.current_page == number


def test_last_page_has_no_next_page() -> None:
    assert listing_page(12, 12).next_url is None


def test_end_pages_and_window_are_listed_but_not_the_dotted_gaps() -> None:
    listing = listing_page(6, 12)
    # prev (5), then the numbers once each; 3, 9 and 10 are behind the dots
    shown = [5, 1, 2, 4, 7, 8, 11, 12]
    assert listing.page_urls == [page_url(number) for number in shown]
