"""The archive parser over every Sahifa option: the body is the article's own, no chrome edges."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from parsel import Selector

from newscrawler.items import Link
from newscrawler.pages import archive_layout
from newscrawler.pages.body import Body, read_body
from newscrawler.snapshot import render_archive, routes
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, ContentArticle, load_content
from newscrawler.snapshot.generate import GeneratedArchive
from newscrawler.snapshot.sahifa_chrome import (
    CHECK_ALSO_SIDES,
    RELATED_POSITIONS,
    SahifaOptions,
    arabic_date,
    site_clock,
)
from newscrawler.snapshot.site import Site

BASE = "https://archive.sana.sy"
CONTENT = load_content(PACKAGE_CONTENT_DIR)
SITE = Site(CONTENT, GeneratedArchive(30, list(CONTENT.categories)))
# Every related position and top-share choice, once with every other part on, once with all off.
OPTION_SETS = [
    SahifaOptions(
        related_position=position,
        share_top=share_top,
        post_tags=parts,
        author_box=parts,
        post_navigation=parts,
        check_also_side=CHECK_ALSO_SIDES[parts],
        comments=parts,
        structure_data=parts,
    )
    for position, share_top, parts in itertools.product(
        RELATED_POSITIONS, (False, True), (False, True)
    )
]
ARTICLES = [article for article in CONTENT.archive.values() if article.body_html]


def bare_body(article: ContentArticle) -> Body:
    """What the parser reads from the article's own content with no chrome around it."""
    page = Selector(text=f'<div class="entry">{article.body_html}</div><!-- .entry /-->')
    return read_body(page.css("div.entry")[0].root, f"{BASE}/en/?p={article.post_id}")


def expected_links(article: ContentArticle) -> list[Link]:
    if article.check_also is None:
        return []
    target = SITE.archive_article(article.check_also.post_id)
    assert target is not None
    return [
        Link(
            kind="check_also",
            url=f"{BASE}/en/?p={target.post_id}",
            anchor_text=target.title,
            teaser=article.check_also.teaser,
        )
    ]


@pytest.mark.parametrize("article", ARTICLES, ids=[str(a.post_id) for a in ARTICLES])
def test_every_option_set_reads_the_same_article(article: ContentArticle) -> None:
    url = f"{BASE}/en/?p={article.post_id}"
    bare = bare_body(article)
    for options in OPTION_SETS:
        page = render_archive.render_article(SITE, article, BASE, options=options)
        raw = archive_layout.parse_article(url, Selector(text=page))
        assert raw.blocks == bare.blocks, options
        assert raw.links == bare.links + expected_links(article), options
        assert (raw.title, raw.published, raw.modified) == (
            article.title,
            article.published,
            article.modified,
        )
        assert raw.tags == list(article.tags), options
        assert raw.markup_problems == [], options


def test_header_date_is_never_the_article_date() -> None:
    header = arabic_date(site_clock(SITE))
    article = CONTENT.archive[101234]
    page = render_archive.render_article(SITE, article, BASE)
    assert header in page
    raw = archive_layout.parse_article(f"{BASE}/en/?p=101234", Selector(text=page))
    assert raw.published == article.published
    assert header not in "".join(block.text for block in raw.blocks)


@pytest.mark.parametrize("target", ["/en/", "/en/?cat=4", "/en/?cat=5", "/en/?tag=syria"])
def test_listing_reads_only_its_items_never_a_relative_date(target: str) -> None:
    page = Selector(text=routes.resolve(SITE, target, BASE).body)
    listing = archive_layout.parse_listing(f"{BASE}{target}", page)
    items = page.css("div.archive-box h2.post-box-title > a::attr(href)").getall()
    assert listing.article_urls == items
    labels = [
        "".join(span.css("::text").getall()) for span in page.css("div.archive-box .tie-date")
    ]
    for label, date in zip(labels, listing.article_dates, strict=True):
        if label.endswith(" ago"):
            assert date is None
        else:
            assert date == datetime.strptime(label, "%B %d, %Y").date().isoformat()


def test_recent_items_of_a_relative_listing_have_no_date() -> None:
    page = Selector(text=routes.resolve(SITE, "/en/?tag=syria", BASE).body)
    listing = archive_layout.parse_listing(f"{BASE}/en/?tag=syria", page)
    assert None in listing.article_dates


def test_timeline_listing_dates_its_items_from_day_and_month_header() -> None:
    page = Selector(text=routes.resolve(SITE, "/en/?cat=7", BASE).body)
    listing = archive_layout.parse_listing(f"{BASE}/en/?cat=7", page)
    assert page.css("li.timeline-post span.timeline-date") and listing.article_urls
    for url, date in zip(listing.article_urls, listing.article_dates, strict=True):
        article = SITE.archive_article(int(url.rsplit("=", 1)[1]))
        assert article is not None
        assert date == article.published[:10]


def test_entry_swallowed_by_an_unclosed_script_is_a_markup_problem() -> None:
    article = CONTENT.archive[101234]
    broken = article.body_html.replace("<p>Meanwhile,", "<script>var x = 1;<p>Meanwhile,", 1)
    page = render_archive.render_article(SITE, article, BASE).replace(article.body_html, broken)
    raw = archive_layout.parse_article(f"{BASE}/en/?p=101234", Selector(text=page))
    # The body reader names the cause; the missing end marker is then not said twice.
    assert raw.markup_problems == [
        "text swallowed by an unclosed <script>: the body stops where it opens"
    ]
    assert raw.blocks[0].text.startswith("Moscow, SANA –")
