"""The relaunch parser over every Foxiz page of the package: chrome gives no text and no date."""

from __future__ import annotations

import pytest
from parsel import Selector

from newscrawler.pages import relaunch_layout
from newscrawler.snapshot import routes
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, ContentArticle, load_content
from newscrawler.snapshot.foxiz_chrome import (
    FORCE_MODIFIED_SECTION,
    HUMAN_TIME_SECTION,
    options_for,
)
from newscrawler.snapshot.foxiz_single import COMMENTS
from newscrawler.snapshot.site import Site

BASE = "https://sana.sy"
CONTENT = load_content(PACKAGE_CONTENT_DIR)
SITE = Site(CONTENT)
ARTICLES = [article for article in CONTENT.relaunch.values() if article.body_html]
WITH_COMMENTS = [
    article for article in CONTENT.relaunch.values() if options_for(article.post_id).comments
]


def page_of(article: ContentArticle) -> Selector:
    answer = routes.resolve(SITE, f"/en/{article.section}/{article.post_id}/", BASE)
    assert answer.status == 200
    return Selector(text=answer.body)


@pytest.mark.parametrize("article", WITH_COMMENTS, ids=[str(a.post_id) for a in WITH_COMMENTS])
def test_comments_in_ul_entry_give_no_text_and_no_date(article: ContentArticle) -> None:
    page = page_of(article)
    assert page.css("ul.comment-list.entry time[datetime]")
    raw = relaunch_layout.parse_article(f"{BASE}/en/{article.section}/{article.post_id}/", page)
    text = " ".join(block.text for block in raw.blocks)
    assert raw.blocks and not any(comment in text for _, comment in COMMENTS)
    comment_times = page.css("ul.comment-list time::attr(datetime)").getall()
    assert raw.published not in comment_times and raw.modified not in comment_times
    if article.json_ld:
        assert raw.published == article.published
    printed = page.css(".single-meta .meta-date").xpath("string()").get().strip()
    assert raw.published_stamp == printed


def listing(section: str) -> relaunch_layout.Listing:
    answer = routes.resolve(SITE, f"/en/{section}/", BASE)
    return relaunch_layout.parse_listing(f"{BASE}/en/{section}/", Selector(text=answer.body))


def test_human_time_cards_are_dated_by_their_publication_datetime() -> None:
    parsed = listing(HUMAN_TIME_SECTION)
    published = [
        SITE.relaunch_article(int(url.rstrip("/").rsplit("/", 1)[1])) for url in parsed.article_urls
    ]
    assert parsed.article_dates == [article.published for article in published if article]


def test_cards_with_forced_modified_dates_are_undated() -> None:
    parsed = listing(FORCE_MODIFIED_SECTION)
    assert parsed.article_urls and parsed.article_dates == [None] * len(parsed.article_urls)


@pytest.mark.parametrize("article", ARTICLES, ids=[str(a.post_id) for a in ARTICLES])
def test_cards_after_the_article_are_no_links_and_no_text(article: ContentArticle) -> None:
    page = page_of(article)
    raw = relaunch_layout.parse_article(f"{BASE}/en/{article.section}/{article.post_id}/", page)
    footer = page.css(
        ".single-standard-1 aside.sfoter-sec, .single-standard-1 aside.single-popular"
    )
    footer_urls = set(footer.css("a.p-url::attr(href)").getall())
    footer_titles = set(footer.css("a.p-url::text").getall())
    assert not footer_urls & {link.url for link in raw.links if link.kind != "inline"}
    assert not any(block.text in footer_titles for block in raw.blocks)
