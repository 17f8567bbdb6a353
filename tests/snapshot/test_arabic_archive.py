"""The Arabic edition's archive layout (Sahifa at the site root): pages, listings and feeds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import unquote

import pytest
from lxml import etree
from parsel import Selector

from newscrawler.snapshot import routes
from newscrawler.snapshot.common import parse_time, slug_in_url, slugify
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, ContentArticle, load_content
from newscrawler.snapshot.editions import ARABIC
from newscrawler.snapshot.process import running_snapshot
from newscrawler.snapshot.sahifa_chrome import arabic_date, site_clock
from newscrawler.snapshot.site import Site, other_edition_sites
from tests.snapshot.conftest import fetch

BASE = "http://snapshot.test"
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 60_000, 150_000
NEWS_CATEGORY = 29582  # the category the Arabic profile starts from (`?cat=29582&paged=1`)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TELEGRAM_LINE = "تابعوا آخر الأخبار السياسية والميدانيـة عبر تطبيق تيلغرام"
TELEGRAM_URL = "https://telegram.me/SyrianArabNewsAgency"
ARABIC_DATELINE = re.compile(r"^(?P<city>[\u0600-\u06ff ]+)-سانا(?P<gap> {0,2})")


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
    return list(site.content.archive.values())


def listing_targets(site: Site) -> list[str]:
    targets = ["/", "/?paged=2"]
    targets += [f"/?cat={category}" for category in site.categories]
    targets.append(f"/?cat={NEWS_CATEGORY}&paged=2")
    targets += [f"/?tag={slug_in_url(slug)}" for slug in list(site.by_tag)[:5]]
    return targets


def test_the_arabic_content_is_ten_articles_or_more_in_the_arabic_id_range(arabic: Site) -> None:
    assert arabic.edition is ARABIC
    assert len(articles(arabic)) >= 10
    assert all(1_900_000 <= article.post_id < 2_000_000 for article in articles(arabic))


def test_article_and_listing_pages_are_right_to_left_with_real_page_sizes(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    targets = [f"/?p={article.post_id}" for article in articles(arabic)] + listing_targets(arabic)
    for target in targets:
        answer = page(english, editions, target)
        assert answer.status == 200, target
        assert MIN_PAGE_BYTES <= len(answer.body.encode()) <= MAX_PAGE_BYTES, target
        html = Selector(text=answer.body)
        assert html.xpath("/html/@dir").get() == "rtl", target
        assert html.xpath("/html/@lang").get() == "ar", target
        assert "rtl" in html.css("body::attr(class)").get(default="").split(), target
        assert html.css("link[href$='/wp-content/themes/sahifa/rtl.css']"), target


def test_links_stay_in_the_arabic_edition_at_the_site_root(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    first = articles(arabic)[0]
    html = Selector(text=page(english, editions, f"/?p={first.post_id}").body)
    hrefs = html.css("a::attr(href)").getall()
    assert f"{BASE}/?cat={first.category_ids[0]}" in hrefs
    assert not [href for href in hrefs if href.startswith(f"{BASE}/en/")]
    canonical = html.css("link[rel=canonical]::attr(href)").get()
    assert canonical == f"https://sana.sy/?p={first.post_id}"


def test_header_prints_the_crawl_date_in_arabic_never_an_article_date(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    clock = site_clock(arabic)
    newest = max(parse_time(article.published) for article in articles(arabic))
    assert clock.date() == (newest + timedelta(days=1)).date()
    for article in articles(arabic):
        html = Selector(text=page(english, editions, f"/?p={article.post_id}").body)
        assert html.css("span.today-date::text").get() == arabic_date(clock)
        assert html.css("#breaking-news .breaking-news-title span::text").get() == "عــاجــل"
        published = html.css("meta[property='article:published_time']::attr(content)").get()
        assert published == article.published
        assert parse_time(published).date() != clock.date()


def test_listing_items_print_iso_dates_and_teasers_that_end_in_almazid(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    answer = page(english, editions, f"/?cat={NEWS_CATEGORY}")
    items = Selector(text=answer.body).css("div.post-listing.archive-box article.item-list")
    assert len(items) == 10
    for item in items:
        post_id = int(item.css("h2.post-box-title a::attr(href)").get(default="").split("=")[-1])
        article = arabic.content.archive[post_id]
        date = item.css("span.tie-date::text").get(default="")
        assert ISO_DATE.match(date)
        assert date == parse_time(article.published).date().isoformat()
        assert item.css("div.entry p::text").get(default="").endswith(" …")
        assert item.css("a.more-link::text").get() == "المزيد"


def test_an_own_line_dateline_runs_into_the_listing_teaser(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    """Sahifa trims the whole text, so `القاهرة-سانا` on its own paragraph starts the teaser."""
    article = arabic.content.archive[1981266]
    assert article.body_html.startswith("<p>القاهرة-سانا</p>")
    html = Selector(text=page(english, editions, "/?cat=29601").body)
    teaser = html.xpath(
        f"//article[h2/a/@href='{BASE}/?p=1981266']//div[@class='entry']/p/text()"
    ).get(default="")
    assert teaser.startswith("القاهرة-سانا بحث وزراء")


def test_listings_page_on_with_arabic_labels(english: Site, editions: dict[str, Site]) -> None:
    first = Selector(text=page(english, editions, f"/?cat={NEWS_CATEGORY}").body)
    assert first.css("div.pagination span.pages::text").get() == "صفحة 1 من 2"
    assert first.css("#tie-next-page a::attr(href)").get() == (
        f"{BASE}/?cat={NEWS_CATEGORY}&paged=2"
    )
    second = page(english, editions, f"/?cat={NEWS_CATEGORY}&paged=2")
    assert second.status == 200
    assert Selector(text=second.body).css("article.item-list")
    assert page(english, editions, f"/?cat={NEWS_CATEGORY}&paged=3").status == 404
    assert page(english, editions, "/?paged=2").status == 200


def test_tag_listing_answers_to_the_percent_encoded_arabic_slug(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    article = arabic.content.archive[1981304]  # tagged ريف دمشق
    html = Selector(text=page(english, editions, "/?p=1981304").body)
    tag_links = html.css("a[href*='?tag=']::attr(href)").getall()
    expected = f"{BASE}/?tag=%d8%b1%d9%8a%d9%81-%d8%af%d9%85%d8%b4%d9%82"
    assert slugify(article.tags[0]) == "ريف-دمشق"
    assert expected in tag_links
    listing = page(english, editions, expected.removeprefix(BASE))
    assert listing.status == 200
    hrefs = Selector(text=listing.body).css("article.item-list h2 a::attr(href)").getall()
    assert f"{BASE}/?p=1981304" in hrefs
    assert unquote(expected.split("=")[1]) == "ريف-دمشق"


def test_promo_footer_sits_inside_div_entry_where_the_content_has_it(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    with_promo = [a for a in articles(arabic) if TELEGRAM_LINE in a.body_html]
    assert 3 <= len(with_promo) < len(articles(arabic))
    for article in articles(arabic):
        html = Selector(text=page(english, editions, f"/?p={article.post_id}").body)
        entry_text = " ".join(html.css("article#the-post div.entry p ::text").getall())
        entry_links = html.css("article#the-post div.entry a::attr(href)").getall()
        if article in with_promo:
            assert TELEGRAM_LINE in entry_text
            assert TELEGRAM_URL in entry_links
        else:
            assert TELEGRAM_LINE not in html.get()


def test_full_promo_footer_has_whatsapp_phone_and_vk_lines(arabic: Site) -> None:
    body = arabic.content.archive[1981258].body_html
    lines = re.findall(r"<p>(.*?)</p>", body)
    whatsapp = lines.index("تابعونا عبر تطبيق واتس أب :")
    assert re.search(r"\d{10}", lines[whatsapp + 1])
    assert any(line.startswith("تابعوا صفحتنا على موقع (VK)") for line in lines[whatsapp:])


def test_check_also_box_has_the_english_markup_and_an_arabic_label(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    boxed = [a for a in articles(arabic) if a.check_also is not None]
    assert boxed
    for article in boxed:
        assert article.check_also is not None
        target = arabic.content.archive[article.check_also.post_id]
        html = Selector(text=page(english, editions, f"/?p={article.post_id}").body)
        box = html.css("section#check-also-box.post-listing")
        assert box.css(".block-head h3::text").get() == "اقرأ أيضاً"
        link = box.css(".check-also-post h2.post-title a")
        assert link.css("::attr(href)").get() == f"{BASE}/?p={target.post_id}"
        assert link.css("::text").get() == target.title
        teaser = box.css(".check-also-post > p::text").get(default="")
        match = ARABIC_DATELINE.match(target.body_html.removeprefix("<p>"))
        if match:
            assert teaser.startswith(match["city"] + "-سانا")


def test_datelines_come_in_every_known_form(arabic: Site) -> None:
    """Own paragraph, glued with one or two spaces, tatweel, harakat, multi-word, a foreign
    capital, and none at all."""
    openings = [a.body_html.removeprefix("<p>").split("</p>")[0] for a in articles(arabic)]
    own = [text for text in openings if text.endswith("-سانا")]
    glued = [m for text in openings if (m := ARABIC_DATELINE.match(text)) and m["gap"]]
    assert own
    assert {len(m["gap"]) for m in glued} == {1, 2}
    assert any("ـ" in text.split("-سانا")[0] for text in openings)  # tatweel
    assert any(re.search("[\u064b-\u0652]", text.split("-سانا")[0]) for text in openings)
    assert "دير الزور-سانا" in " ".join(openings)
    assert "القاهرة-سانا" in openings
    assert [text for text in openings if "سانا" not in text]


def test_expected_rows_name_the_dateline_and_keep_promo_lines_out_of_the_body(
    arabic: Site,
) -> None:
    for article in articles(arabic):
        expected = article.expected
        assert expected["edition"] == "ar"
        assert expected["url"] == f"https://sana.sy/?p={article.post_id}"
        if expected["dateline_raw"] is not None:
            assert article.body_html.startswith("<p>" + expected["dateline_raw"])
        assert TELEGRAM_LINE not in expected["body"]
        assert "0900000000" not in expected["body"]
        for tag in expected["editor_tags"]:
            assert tag in (expected["editor_tags_raw"] or "")
            assert tag not in expected["body"]


def test_front_feeds_are_not_well_formed_but_a_lenient_parser_reads_them(
    english: Site, editions: dict[str, Site], arabic: Site
) -> None:
    for target in ("/feed/", "/?feed=rss2"):
        answer = page(english, editions, target)
        assert answer.content_type == routes.RSS
        with pytest.raises(ET.ParseError, match="duplicate attribute"):
            ET.fromstring(answer.body)
        with pytest.raises(etree.XMLSyntaxError, match="redefined"):
            etree.fromstring(answer.body.encode())
        lenient = etree.fromstring(answer.body.encode(), etree.XMLParser(recover=True))
        assert lenient.findtext("channel/language") == "ar"
        if target == "/?feed=rss2":
            links = [item.findtext("link") for item in lenient.iter("item")]
            assert links == [f"{BASE}/?p={post_id}" for post_id in arabic.home[:20]]


def test_the_english_routes_never_fall_to_the_arabic_edition(
    english: Site, editions: dict[str, Site]
) -> None:
    assert page(english, editions, "/en/?p=1981201").status == 404
    assert page(english, editions, "/?p=101234").status == 404
    assert page(english, editions, "/en/?p=101234").status == 200
    english_feed = page(english, editions, "/en/?feed=rss2").body
    ET.fromstring(english_feed)  # the English feeds stay well-formed


def test_the_served_snapshot_answers_arabic_addresses() -> None:
    with running_snapshot() as url:
        article = fetch(f"{url}/?p=1981201")
        assert article.status == 200
        assert article.headers["Last-Modified"]
        assert '<html dir="rtl" lang="ar"' in article.text
        feed = fetch(f"{url}/feed/")
        assert feed.status == 200
        assert feed.headers["Content-Type"].startswith("application/rss+xml")


def test_unreadable_fault_serves_a_feed_no_parser_reads_an_item_from(arabic: Site) -> None:
    with running_snapshot("--fault", r"unreadable:^/feed/$") as url:
        feed = fetch(f"{url}/feed/")
        assert feed.status == 200
        assert feed.headers["Content-Type"].startswith("application/rss+xml")
        lenient = etree.fromstring(feed.body, etree.XMLParser(recover=True))
        assert lenient is None or not list(lenient.iter("item"))
        other_feed = fetch(f"{url}/?feed=rss2").body
        assert other_feed.count(b"<item>") == len(arabic.home[:20]) > 0
