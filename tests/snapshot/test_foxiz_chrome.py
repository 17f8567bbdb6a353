"""The relaunched pages carry Foxiz's chrome: every option on some page, real sizes, rbsnp pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from functools import cache

import pytest
from parsel import Selector

from newscrawler.snapshot import render_relaunch, routes
from newscrawler.snapshot.common import parse_time
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, ContentArticle, load_content
from newscrawler.snapshot.foxiz_chrome import (
    FORCE_MODIFIED_SECTION,
    HUMAN_TIME_SECTION,
    human_time_diff,
    options_for,
)
from newscrawler.snapshot.site import Site

BASE = "http://snapshot.test"
MIN_BYTES, MAX_BYTES = 60_000, 150_000
# Markup each theme part prints; each must be on some package page and missing from another.
OPTIONAL_PARTS = {
    "sticky title": "#s-title-sticky .sticky-title-label",
    "tagline": "header.single-header .s-tagline",
    "last updated": ".single-meta .smeta-bottom time.updated-date",
    "top share": ".single-meta .t-shared-sec",
    "read time": ".single-meta .single-time-read",
    "featured caption": ".s-feat-outer .feat-caption",
    "entry top": ".e-ct-outer > .entry-top",
    "highlights": ".e-ct-outer > .s-hl",
    "inline ads": "div.entry-content > div.inline-single-ad",
    "inline related": "div.entry-content > div.related-sec",
    "page links": "aside.pagination-wrap.page-links",
    "entry bottom": ".e-ct-outer > .entry-bottom",
    "sources bar": ".efoot .source-bar",
    "via bar": ".efoot .via-bar",
    "bottom share": ".e-shared-sec",
    "reactions": ".reaction-sec",
    "author box": ".author-box",
    "previous/next": ".entry-pagination .nav-el .p-url",
    "comments": ".comment-box-wrap #respond",
    "sidebar": ".sidebar-wrap.single-sidebar",
    "you might also like": "aside.sfoter-sec.single-related",
    "popular": "aside.single-popular",
    "next-post holder": "#single-post-infinite[data-nextposturl] > .single-post-outer.activated",
}
ALWAYS = {
    "mega menus": "nav#site-navigation .mega-dropdown.is-mega-category .mega-col-trending .p-url",
    "latest in mega menu": "nav#site-navigation .mega-col-latest time.updated",
    "language switch": ".header-lang .lang-link",
    "privacy bar": "#rb-privacy .privacy-content",
    "category": "header.single-header .s-cats a",
    "stamps": ".single-meta span.meta-date time.date.published",
    "inline css": "style#foxiz-main-inline-css",
    "scripts": "script#foxiz-global-js-extra",
    "footer": "footer.footer-wrap .footer-copyright",
}


@cache
def package_site() -> Site:
    return Site(load_content(PACKAGE_CONTENT_DIR))


def relaunch_articles() -> list[ContentArticle]:
    return list(package_site().content.relaunch.values())


@cache
def article_page(post_id: int) -> str:
    article = package_site().content.relaunch[post_id]
    answer = routes.resolve(package_site(), f"/en/{article.section}/{post_id}/", BASE)
    assert answer.status == 200
    return answer.body


def pages() -> Iterator[tuple[ContentArticle, Selector]]:
    for article in relaunch_articles():
        yield article, Selector(text=article_page(article.post_id))


def paragraphs_before(block: Selector) -> int:
    return len(block.xpath("preceding-sibling::p"))


@pytest.mark.parametrize("part", sorted(OPTIONAL_PARTS))
def test_each_optional_part_is_on_some_pages_and_off_on_others(part: str) -> None:
    found = [bool(page.css(OPTIONAL_PARTS[part])) for _, page in pages()]
    assert any(found) and not all(found)


@pytest.mark.parametrize("part", sorted(ALWAYS))
def test_site_wide_parts_are_on_every_page(part: str) -> None:
    assert all(page.css(ALWAYS[part]) for _, page in pages())


def test_every_breadcrumb_plugin_and_efoot_style_is_used() -> None:
    breadcrumbs, efoots = set(), set()
    for _, page in pages():
        breadcrumb = page.css("header.single-header .breadcrumb-wrap::attr(class)").get("")
        breadcrumbs.add(breadcrumb.split()[1])
        efoots.add(page.css("div.efoot::attr(class)").get(""))
    assert breadcrumbs == {"breadcrumb-navxt", "breadcrumb-yoast", "rank-math-breadcrumb"}
    # As `foxiz_get_single_entry_footer` prints them: default, `bg` (double space) and `dark`.
    layouts = {"efoot efoot-commas h5", "efoot efoot-bg  p-categories"}
    assert layouts | {"efoot efoot-border p-categories"} == efoots - {""}


def test_navxt_breadcrumb_uses_the_greater_than_separator() -> None:
    navxt = [page for _, page in pages() if page.css(".breadcrumb-navxt")]
    text = "".join(navxt[0].css(".breadcrumb-navxt ::text").getall())
    assert text.startswith("Syrian Arab News Agency (SANA) > Latest News > ")


def test_inline_related_sits_after_paragraph_n_for_several_n() -> None:
    positions = {
        paragraphs_before(related)
        for _, page in pages()
        for related in page.css("div.entry-content > div.related-sec")
    }
    assert {1, 2, 3, 5} <= positions


def test_ads_follow_paragraphs_4_9_and_12_as_far_as_the_post_has_them() -> None:
    seen = []
    for article, page in pages():
        ads = [paragraphs_before(ad) for ad in page.css("div.entry-content > .inline-single-ad")]
        if options_for(article.post_id).ads:
            assert ads == [n for n in (4, 9, 12) if n <= len(page.css("div.entry-content > p"))]
        seen += ads
        for ad in page.css("div.entry-content > .inline-single-ad"):
            assert ad.css(".ad-description::text").get() == "- Advertisement -"
    assert {4, 9, 12} <= set(seen)


def test_article_pages_weigh_what_real_ones_do() -> None:
    sizes = {a.post_id: len(article_page(a.post_id).encode()) for a in relaunch_articles()}
    assert all(MIN_BYTES <= size <= MAX_BYTES for size in sizes.values()), sizes


def test_schema_graph_is_rank_math_like_and_some_carry_article_body() -> None:
    with_body = []
    for article, page in pages():
        script = page.css("script[type='application/ld+json']::text").get()
        if script is None:
            assert not article.json_ld
            continue
        graph = json.loads(script)["@graph"]
        types = [node["@type"] for node in graph]
        assert types[-1] == "NewsArticle" and {"WebSite", "WebPage", "BreadcrumbList"} <= set(types)
        news = graph[-1]
        assert news["datePublished"].endswith("+03:00")
        with_body.append("articleBody" in news)
    assert any(with_body) and not all(with_body)


def test_some_modified_dates_are_months_after_publication() -> None:
    gaps = [
        (parse_time(a.modified) - parse_time(a.published)).days
        for a in relaunch_articles()
        if a.modified
    ]
    assert max(gaps) >= 60


def test_article_with_ajax_next_post_points_at_its_older_neighbour() -> None:
    site = package_site()
    for article, page in pages():
        holder = page.css("#single-post-infinite")
        if not holder:
            continue
        older = site.relaunch_all[site.relaunch_all.index(article.post_id) + 1]
        next_url = holder.attrib["data-nextposturl"]
        assert next_url.startswith(f"{BASE}/en/") and next_url.endswith(f"/{older}/")
        assert not holder.css(".single-post-outer[data-nextposturl]")
        return
    pytest.fail("no page with the next-post holder")


@pytest.mark.parametrize("suffix", ["?rbsnp=1", "rbsnp/"])
def test_rbsnp_page_is_a_bare_noindex_page_holding_the_whole_post(suffix: str) -> None:
    article = relaunch_articles()[0]
    address = f"/en/{article.section}/{article.post_id}/"
    answer = routes.resolve(package_site(), address + suffix, BASE)
    assert answer.status == 200
    page = Selector(text=answer.body)
    assert page.css("meta[name=robots]::attr(content)").get() == "noindex, nofollow"
    assert page.css("link[rel=canonical]::attr(href)").get() == BASE + address
    outer = page.xpath("/html/body/div[contains(@class, 'single-post-outer')]")
    assert outer.attrib["data-postid"] == str(article.post_id)
    assert outer.css("h1.s-title::text").get() == article.title
    assert len(outer.css("div.entry-content > p")) == article.body_html.count("<p>")
    assert not page.css("#site-header, script[type='application/ld+json']")
    assert "rbsnp" not in outer.attrib["data-nextposturl"]
    assert outer.css("div.continue-reading > a.continue-reading-btn::attr(href)").get() == (
        BASE + address
    )


def test_other_queries_on_an_article_are_not_found() -> None:
    article = relaunch_articles()[0]
    address = f"/en/{article.section}/{article.post_id}/"
    assert routes.resolve(package_site(), address + "?rbsnp=2&x=1", BASE).status == 404


def listing_cards(section: str) -> list[Selector]:
    page = Selector(text=routes.resolve(package_site(), f"/en/{section}/", BASE).body)
    return page.css(".blog-content div.p-wrap[data-pid]")


def test_listing_cards_show_the_modified_date_by_default() -> None:
    cards = listing_cards("politics")
    assert cards and all(card.css("span.meta-update > time.updated") for card in cards)
    assert not any(card.css("time.published") for card in cards)


def test_some_listing_layouts_also_show_the_publication_date() -> None:
    cards = listing_cards("economy")
    assert all(card.css("time.updated") and card.css("time.date.published") for card in cards)
    assert all(card.css("h3.entry-title > a.p-url") for card in cards)


def test_listing_pages_carry_the_site_chrome() -> None:
    page = Selector(text=routes.resolve(package_site(), "/en/society/", BASE).body)
    assert page.css("nav#site-navigation .mega-dropdown .p-url")
    assert page.css(".sidebar-wrap .p-wrap .p-url")
    assert page.css("footer.footer-wrap .p-url")


def test_number_pagination_is_paginate_links_with_icon_only_arrows() -> None:
    nav = Selector(text=render_relaunch._pagination("politics", 6, 12, BASE))
    numbers = nav.css("a.page-numbers:not(.prev):not(.next)::text").getall()
    assert numbers == ["1", "2", "4", "5", "7", "8", "11", "12"]
    assert nav.css("span.page-numbers.current::text").get() == "6"
    assert nav.css("span.page-numbers.dots::text").getall() == ["…", "…"]
    for arrow, icon in (("prev", "rbi-cleft"), ("next", "rbi-cright")):
        link = nav.css(f"a.{arrow}.page-numbers")
        assert link.css(f"i.{icon}") and not "".join(link.css("::text").getall()).strip()


def test_first_and_last_listing_pages_have_one_arrow() -> None:
    first = Selector(text=render_relaunch._pagination("politics", 1, 3, BASE))
    last = Selector(text=render_relaunch._pagination("politics", 3, 3, BASE))
    assert first.css("a.next") and not first.css("a.prev, .dots")
    assert last.css("a.prev") and not last.css("a.next, .dots")


@pytest.mark.parametrize("target", ["/en/politics/", "/en/politics/2270240/"])
def test_header_and_footer_sit_in_site_outer_as_the_template_prints_them(target: str) -> None:
    page = Selector(text=routes.resolve(package_site(), target, BASE).body)
    assert page.css("body > div.site-outer > div#site-header.header-wrap > aside#rb-privacy")
    assert page.css("body > div.site-outer > div.site-wrap > div.site-main")
    assert page.css("body > div.site-outer > footer.footer-wrap")
    assert not page.css("header#site-header")


def test_sticky_title_is_in_the_header_after_the_menu() -> None:
    titles = [
        page.css("#site-header .navbar-left > nav#site-navigation + #s-title-sticky")
        for article, page in pages()
        if options_for(article.post_id).sticky_title
    ]
    assert titles and all(titles)
    assert all(len(page.css("#s-title-sticky")) <= 1 for _, page in pages())


def test_comments_are_wordpress_html5_items_in_ul_comment_list_entry() -> None:
    boxes = [
        (article, page.css(".comment-box-wrap > .comment-holder > #comments.comments-area"))
        for article, page in pages()
        if options_for(article.post_id).comments
    ]
    assert boxes
    for article, box in boxes:
        items = box.css("div.rb-section > ul.comment-list.entry > li.comment > .comment-body")
        assert len(items) == 2 and box.css("#comments > #respond form#commentform")
        for item in items:
            assert item.css("footer.comment-meta .comment-author.vcard b.fn")
            written = item.css(".comment-metadata a > time::attr(datetime)").get()
            assert written and parse_time(written) > parse_time(article.published)


def test_human_time_cards_say_ago_and_keep_their_datetimes() -> None:
    cards = listing_cards(HUMAN_TIME_SECTION)
    assert cards
    for card in cards:
        article = package_site().relaunch_article(int(card.attrib["data-pid"]))
        assert article is not None
        published = card.css("span.meta-date > time.date.published")
        assert published.attrib["datetime"] == article.published
        assert card.css("span.meta-update.human-format > time.updated")
        assert all(text.endswith(" ago") for text in card.css("time::text").getall())


def test_forced_modified_date_cards_show_the_modified_date_in_classless_times() -> None:
    cards = listing_cards(FORCE_MODIFIED_SECTION)
    assert cards and not any(card.css("time.published, time.updated") for card in cards)
    for card in cards:
        article = package_site().relaunch_article(int(card.attrib["data-pid"]))
        assert article is not None
        shown = card.css("span.meta-date > time::attr(datetime)").get()
        assert shown == (article.modified or article.published)


AGES = [
    (30, "1 min"),
    (90 * 60, "2 hours"),
    (36 * 3600, "2 days"),
    (10 * 86400, "1 week"),
    (45 * 86400, "2 months"),
    (44 * 86400, "1 month"),
    (400 * 86400, "1 year"),
]


@pytest.mark.parametrize(("seconds", "expected"), AGES)
def test_human_time_diff_rounds_as_wordpress_does(seconds: int, expected: str) -> None:
    now = parse_time("2026-11-04T07:45:35+03:00")
    assert human_time_diff(now - timedelta(seconds=seconds), now) == expected


def test_mega_menu_card_titles_are_spans_sized_h4() -> None:
    page = Selector(text=routes.resolve(package_site(), "/en/politics/", BASE).body)
    menus = page.css("nav#site-navigation .mega-dropdown")
    titles = menus.css(".p-wrap .p-content > *:first-child")
    assert titles and all(
        title.root.tag == "span" and title.attrib["class"] == "entry-title h4" for title in titles
    )
    assert not menus.css("h4.entry-title")


def test_you_might_also_like_and_popular_sit_after_the_article_in_its_container() -> None:
    placed = 0
    for article, page in pages():
        for block in page.css("aside.sfoter-sec.single-related, aside.single-popular"):
            parent = block.xpath("..")
            assert parent.xpath("self::div[contains(@class, 'rb-container')]")
            assert parent.xpath("parent::div[contains(@class, 'single-standard-1')]")
            assert block.xpath("preceding-sibling::article")
            placed += 1
        if options_for(article.post_id).ajax_next_post and page.css("#single-post-infinite"):
            inside = page.css("#single-post-infinite .single-post-outer aside.sfoter-sec")
            assert bool(inside) == options_for(article.post_id).footer_related
    assert placed
