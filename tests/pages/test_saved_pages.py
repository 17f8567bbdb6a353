"""Each saved page parses to the fields in its expected JSON: one test per field per page."""

from __future__ import annotations

import pytest

from newscrawler.pages.detect import PageKind
from tests.pages.saved_pages import SAVED_PAGES, SPIDER_FIELDS, SavedPage, parsed_fields

FIELD_CASES = [(page, field) for page in SAVED_PAGES for field in page.expected]
ARTICLE_PAGES = [
    page
    for page in SAVED_PAGES
    if page.kind in (PageKind.ARCHIVE_ARTICLE, PageKind.RELAUNCH_ARTICLE)
]


def test_every_kind_of_page_is_saved() -> None:
    assert {page.kind for page in SAVED_PAGES} == set(PageKind) - {PageKind.UNKNOWN}


@pytest.mark.parametrize(
    ("page", "field"), FIELD_CASES, ids=[f"{page.name}-{field}" for page, field in FIELD_CASES]
)
def test_field_as_saved(page: SavedPage, field: str) -> None:
    assert parsed_fields(page.name)[field] == page.expected[field]


@pytest.mark.parametrize("page", SAVED_PAGES, ids=[page.name for page in SAVED_PAGES])
def test_expectation_names_every_parsed_field(page: SavedPage) -> None:
    assert set(page.expected) == set(parsed_fields(page.name)) - SPIDER_FIELDS


@pytest.mark.parametrize("page", ARTICLE_PAGES, ids=[page.name for page in ARTICLE_PAGES])
def test_fetch_fields_are_left_to_the_spider(page: SavedPage) -> None:
    fields = parsed_fields(page.name)
    assert (fields["fetched_urls"], fields["source"]) == ([], b"")
