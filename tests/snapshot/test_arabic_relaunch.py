"""The Arabic edition's relaunched layout (Foxiz at the site root): sections, articles, feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from lxml import etree
from parsel import Selector

from newscrawler.snapshot import routes
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, ContentArticle, load_content
from newscrawler.snapshot.site import Site, other_edition_sites

BASE = "http://snapshot.test"
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 60_000, 150_000


@pytest.fixture(scope="module")
def english() -> Site:
    return Site(load_content(PACKAGE_CONTENT_DIR))


@pytest.fixture(scope="module")
def editions() -> dict[str, Site]:
    return other_edition_sites()


@pytest.fixture(scope="module")
def arabic(editions: dict[str, Site]) -> Site:
    return editions["ar"]


def page(english: Site, editions: dict[str, Site], target: str) -> routes.Page:
    return routes.resolve(english, target, BASE, editions=editions)


def articles(site: Site) -> list[ContentArticle]:
    return list(site.content.relaunch.values())


def address(article: ContentArticle) -> str:
    return f"/{article.section}/{article.post_id}/"


def test_eight_relaunched_arabic_articles_or_more(arabic: Site) -> None:
    assert len(articles(arabic)) >= 8
    assert {article.section for article in articles(arabic)} == set(arabic.sections)


def test_articles_and_section_listings_are_right_to_left_at_real_sizes(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    targets = [address(article) for article in articles(arabic)]
    targets += [f"/{section}/" for section in arabic.sections] + ["/politics/page/2/"]
    for target in targets:
        answer = page(english, editions, target)
        assert answer.status == 200, target
        assert MIN_PAGE_BYTES <= len(answer.body.encode()) <= MAX_PAGE_BYTES, target
        html = Selector(text=answer.body)
        assert html.xpath("/html/@dir").get() == "rtl", target
        assert html.xpath("/html/@lang").get() == "ar", target
        assert html.css("body::attr(class)").get(default="").split()[0] == "rtl", target
        assert html.css("link#foxiz-rtl-css[href*='/themes/foxiz/']"), target
        hrefs = html.css("a:not(.lang-link)::attr(href)").getall()
        assert not [href for href in hrefs if href.startswith(f"{BASE}/en/")], target
        assert html.css("a.lang-link[hreflang=en]::attr(href)").get() == f"{BASE}/en/"


def test_json_ld_carries_the_local_plus_three_dates(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    for article in articles(arabic):
        html = Selector(text=page(english, editions, address(article)).body)
        graph = json.loads(html.css("script.rank-math-schema::text").get(default="{}"))
        node = next(n for n in graph["@graph"] if n["@type"] == "NewsArticle")
        assert node["datePublished"] == article.published
        assert node["datePublished"].endswith("+03:00")
        assert node["inLanguage"] == "ar"
        assert node["@id"] == f"https://sana.sy{address(article)}#richSnippet"
        assert html.css("h1.s-title::text").get() == article.title
        published = html.css("div.single-meta time.date.published::attr(datetime)").get()
        assert published == article.published


def test_section_listings_and_their_cards_point_into_the_edition(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    size = arabic.edition.relaunch_page_size
    for section, post_ids in arabic.by_section.items():
        shown = []
        for number in range(1, -(-len(post_ids) // size) + 1):
            target = f"/{section}/" if number == 1 else f"/{section}/page/{number}/"
            html = Selector(text=page(english, editions, target).body)
            assert html.css("h1.archive-title::text").get() == arabic.sections[section]
            shown += html.css("div.blog-content h3.entry-title a.p-url::attr(href)").getall()
        assert shown == [f"{BASE}/{section}/{post_id}/" for post_id in post_ids]
    politics = Selector(text=page(english, editions, "/politics/").body)
    assert politics.css("a.next.page-numbers::attr(href)").get() == f"{BASE}/politics/page/2/"
    assert page(english, editions, "/politics/page/2/").status == 200
    assert page(english, editions, "/politics/page/3/").status == 404
    assert page(english, editions, "/culture/").status == 404


def test_next_post_fragment_is_served_for_arabic_articles(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    article = articles(arabic)[0]
    for target in (address(article) + "?rbsnp=1", address(article) + "rbsnp/"):
        html = Selector(text=page(english, editions, target).body)
        assert html.css("meta[name=robots]::attr(content)").get() == "noindex, nofollow"
        assert html.xpath("/html/@dir").get() == "rtl"


def test_root_feed_is_not_well_formed_and_section_feeds_are(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    root_feed = page(english, editions, "/feed/").body
    with pytest.raises(ET.ParseError, match="duplicate attribute"):
        ET.fromstring(root_feed)
    lenient = etree.fromstring(root_feed.encode(), etree.XMLParser(recover=True))
    links = [item.findtext("link") for item in lenient.iter("item")]
    expected = [
        f"{BASE}/{a.section}/{a.post_id}/" for a in arabic.relaunch_articles(arabic.relaunch_all)
    ]
    assert links == expected[:20]
    for section in arabic.sections:
        feed = ET.fromstring(page(english, editions, f"/{section}/feed/").body)
        assert [item.findtext("link") for item in feed.iter("item")] == [
            f"{BASE}/{section}/{post_id}/" for post_id in arabic.by_section[section]
        ]


def test_relaunched_datelines_vary_and_one_article_has_none(arabic: Site) -> None:
    openings = [a.body_html.removeprefix("<p>").split("</p>")[0] for a in articles(arabic)]
    assert any(text.endswith("-سانا") for text in openings)  # its own paragraph
    assert any("-سانا  " in text for text in openings)  # glued, two spaces
    assert any("-سانا " in text and "-سانا  " not in text for text in openings)
    assert any(text.startswith("دير الزور-سانا") for text in openings)
    assert [text for text in openings if "سانا" not in text]
    for article in articles(arabic):
        assert article.expected["url"] == f"https://sana.sy{address(article)}"
