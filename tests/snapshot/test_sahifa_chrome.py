"""Archive-layout pages in full Sahifa chrome: every option on some page, real sizes, the traps."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from parsel import Selector
from w3lib.html import remove_tags

from newscrawler.snapshot import render_archive, routes
from newscrawler.snapshot.common import parse_time
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, load_content
from newscrawler.snapshot.generate import GeneratedArchive
from newscrawler.snapshot.sahifa_chrome import SahifaOptions, arabic_date, site_clock
from newscrawler.snapshot.site import Site

BASE = "http://snapshot.test"
ARABIC_HEADER_DATE = re.compile(r"[\u0600-\u06ff]+ , \d{1,2} [\u0600-\u06ff]+ \d{4}")
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 60_000, 150_000


@pytest.fixture(scope="module")
def package_site() -> Site:
    content = load_content(PACKAGE_CONTENT_DIR)
    return Site(content, GeneratedArchive(40, list(content.categories)))


def archive_ids(site: Site) -> list[int]:
    return [*site.content.archive, *(site.generated.post_ids if site.generated else [])]


def served(site: Site, target: str) -> str:
    answer = routes.resolve(site, target, BASE)
    assert answer.status == 200, target
    return answer.body


@pytest.fixture(scope="module")
def article_pages(package_site: Site) -> dict[int, Selector]:
    return {
        post_id: Selector(text=served(package_site, f"/en/?p={post_id}"))
        for post_id in archive_ids(package_site)
    }


# Each theme option value, recognised from the markup alone.
OPTION_MARKS: dict[str, Callable[[Selector], bool]] = {
    "related inside div.entry": lambda p: bool(p.css("div.entry > section#related_posts")),
    "related after the post": lambda p: bool(p.css("div.content > section#related_posts")),
    "related off": lambda p: not p.css("section#related_posts"),
    "share bar at the top": lambda p: bool(p.css("div.entry > div.share-post")),
    "no share bar at the top": lambda p: not p.css("div.entry > div.share-post"),
    "bottom share bar": lambda p: bool(p.css("div.post-inner > div.share-post")),
    "tag bar": lambda p: bool(p.css("p.post-tag a[rel=tag]")),
    "no tag bar": lambda p: not p.css("p.post-tag"),
    "author box": lambda p: bool(p.css("section#author-box h3")),
    "no author box": lambda p: not p.css("section#author-box"),
    "previous and next": lambda p: bool(p.css("div.post-navigation div.post-previous a span")),
    "no previous/next": lambda p: not p.css("div.post-navigation"),
    "check also right": lambda p: bool(p.css("section#check-also-box.check-also-right")),
    "check also left": lambda p: bool(p.css("section#check-also-box.check-also-left")),
    "comments and reply form": lambda p: bool(p.css("div#comments ol.commentlist li")),
    "no comments": lambda p: not p.css("div#comments"),
    "tie-schema-graph": lambda p: bool(p.css("script.tie-schema-graph")),
    "no tie-schema-graph": lambda p: not p.css("script.tie-schema-graph"),
    "breadcrumb JSON-LD": lambda p: "BreadcrumbList" in p.get(),
}


@pytest.mark.parametrize("option", list(OPTION_MARKS))
def test_every_option_appears_on_some_article_page(
    option: str, article_pages: dict[int, Selector]
) -> None:
    assert any(OPTION_MARKS[option](page) for page in article_pages.values())


def test_breadcrumb_json_ld_and_schema_graph_share_one_switch(
    article_pages: dict[int, Selector],
) -> None:
    for page in article_pages.values():
        breadcrumb = bool(page.xpath("//script[contains(., 'BreadcrumbList')]"))
        assert breadcrumb == bool(page.css("script.tie-schema-graph"))


def test_every_page_carries_the_site_wide_chrome(article_pages: dict[int, Selector]) -> None:
    for post_id, page in article_pages.items():
        assert page.css("#breaking-news span.breaking-news-title span::text").get() == (
            "Breaking News"
        ), post_id
        assert len(page.css("#breaking-news ul li a")) == 5
        assert page.css("h3.post-box-title > a.mega-menu-link")
        assert page.css("div.mega-check-also h3.post-box-title > a.mega-menu-link")
        assert page.css("nav#crumbs span.current")
        assert page.css("div.logo > h2")
        assert page.css("form#searchform-header")
        assert [t.strip() for t in page.css("#tabbed-widget ul.tabs a::text").getall()] == [
            "Popular",
            "Recent",
            "Comments",
            "Tags",
        ]
        assert page.css("#tabbed-widget h3 a") and page.css("#tabbed-widget span.tie-date")
        tabs = page.css("#tabbed-widget ul.tabs a")
        assert [(a.attrib["href"], a.css("::text").get()) for a in tabs[:2]] == [
            ("#tab1", "Popular"),
            ("#tab2", "Recent"),
        ]
        comments = page.css("#tabbed-widget #tab3 li > a::attr(href)").getall()
        assert comments and all("#comment-" in href for href in comments)
        assert not page.css("#tabbed-widget #tab3 h3")
        sizes = page.css("#tab4 a.tag-cloud-link::attr(style)").getall()
        assert 0 < len(sizes) <= 25 and set(sizes) == {"font-size: 8pt;"}
        assert page.css("div.posts-list h3 a")
        assert len(page.css("div.footer-widget")) == 4
        assert page.css("div.e3lan") and page.css("#topcontrol")
        assert page.css("head style") and page.css("script[src]")


def test_article_pages_weigh_what_real_ones_do(package_site: Site) -> None:
    sizes = {
        post_id: len(served(package_site, f"/en/?p={post_id}").encode())
        for post_id in archive_ids(package_site)
    }
    outside = {
        pid: size for pid, size in sizes.items() if not MIN_PAGE_BYTES <= size <= MAX_PAGE_BYTES
    }
    assert not outside


def test_listing_pages_carry_the_same_chrome(package_site: Site) -> None:
    for target in ("/en/", "/en/?cat=4", "/en/?tag=aleppo"):
        body = served(package_site, target)
        page = Selector(text=body)
        assert MIN_PAGE_BYTES <= len(body.encode()) <= MAX_PAGE_BYTES, target
        assert page.css("#breaking-news ul li a") and page.css("#tabbed-widget")
        assert page.css("span.today-date") and page.css("div.footer-widget")


def test_header_date_is_arabic_and_is_the_render_date(package_site: Site) -> None:
    """The day after the newest post, so it is no article's date (the crawl checks the same)."""
    clock = site_clock(package_site)
    newest = package_site.archive_articles(package_site.home[:1])[0]
    assert clock.date() == (parse_time(newest.published) + timedelta(days=1)).date()
    for target in ("/en/?p=101234", "/en/", "/en/?cat=3"):
        label = Selector(text=served(package_site, target)).css("span.today-date::text").get()
        assert label == arabic_date(clock), target
        assert ARABIC_HEADER_DATE.fullmatch(label)


def test_arabic_date_format() -> None:
    moment = parse_time("2024-09-17T10:00:00+03:00")
    assert arabic_date(moment) == "الثلاثاء , 17 سبتمبر 2024"


def test_schema_graph_carries_dates_and_the_plain_article_text(package_site: Site) -> None:
    article = package_site.archive_article(101234)
    assert article is not None
    page = render_archive.render_article(
        package_site, article, BASE, options=SahifaOptions(structure_data=True)
    )
    raw = Selector(text=page).css("script.tie-schema-graph::text").get(default="")
    assert "</" not in raw
    graph = json.loads(raw)
    assert (graph["datePublished"], graph["dateModified"]) == (article.published, article.modified)
    assert graph["headline"] == article.title
    assert graph["keywords"] == "Lavrov,Russia"
    assert graph["articleSection"] == "Politics"
    body = graph["articleBody"]
    assert body.startswith("Moscow, SANA – Russian Foreign Minister")
    assert "Gatilov: Russia assumes its duty" in body
    assert body.endswith("Manar al-Freih /Mazen/ Hazem Sabbagh")
    assert "<" not in body and "Check Also" not in body and "Related" not in body
    assert body == remove_tags(article.body_html).strip()  # entities as the post writes them


def test_schema_article_body_drops_captions_as_strip_shortcodes_does(package_site: Site) -> None:
    article = package_site.archive_article(101303)
    assert article is not None
    page = render_archive.render_article(
        package_site, article, BASE, options=SahifaOptions(structure_data=True)
    )
    graph = json.loads(Selector(text=page).css("script.tie-schema-graph::text").get(default=""))
    body = graph["articleBody"]
    assert body.startswith("Tartus, SANA –&nbsp;Citrus growers")
    assert "Growers called for opening new markets" in body and body.endswith("Shaza/ Manar")
    assert "Picking oranges" not in body and "mandarins" not in body


def test_related_inside_entry_comes_before_the_content(package_site: Site) -> None:
    article = package_site.archive_article(101234)
    assert article is not None
    page = Selector(
        text=render_archive.render_article(
            package_site,
            article,
            BASE,
            options=SahifaOptions(related_position="in", share_top=True),
        )
    )
    children = page.xpath("//div[@class='entry']/*")
    assert children[0].attrib.get("class") == "share-post"
    assert children[1].attrib.get("id") == "related_posts"
    related = children[1].css("h3 a::attr(href)").getall()
    assert len(related) == 3
    assert f"{BASE}/en/?p={article.post_id}" not in related
    assert f"{BASE}/en/?p=101200" not in related  # the Check Also post is kept out of Related
    assert children[2].css("::text").get(default="").startswith("Moscow, SANA –")


def tie_dates(site: Site, target: str) -> list[str]:
    page = Selector(text=served(site, target))
    return ["".join(span.css("::text").getall()) for span in page.css("div.archive-box .tie-date")]


def test_recent_posts_on_even_categories_say_ago_others_print_dates() -> None:
    site = Site(load_content(PACKAGE_CONTENT_DIR))
    long_date = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}")
    local = tie_dates(site, "/en/?cat=4")
    assert local[0] == "1 day ago"
    assert all(long_date.fullmatch(label) for label in local[1:])
    assert all(long_date.fullmatch(label) for label in tie_dates(site, "/en/?cat=3"))


def test_hidden_hatom_updated_stamp_is_the_publication_date(package_site: Site) -> None:
    article = package_site.archive_article(101234)
    assert article is not None
    edited = replace(article, modified="2017-04-02T10:00:00+03:00")
    page = Selector(text=render_archive.render_article(package_site, edited, BASE))
    assert page.css("span.updated::text").get() == "2017-03-14"


def test_listing_items_follow_loop_default_and_listings_carry_crumbs(package_site: Site) -> None:
    page = Selector(text=served(package_site, "/en/?cat=4"))
    assert page.css("div.content > nav#crumbs span.current::text").get() == "Local"
    assert page.css("div.content > nav#crumbs + div.page-head > div.stripe-line")
    items = page.css("div.archive-box > article.item-list")
    assert items
    for item in items:
        order = [child.root.tag + "." + child.attrib.get("class", "") for child in item.xpath("*")]
        assert order[:2] == ["h2.post-box-title", "p.post-meta"]
        assert order[-2:] == ["div.entry", "div.clear"]
        assert "div.post-thumbnail" in order[2:-2] or len(order) == 4
