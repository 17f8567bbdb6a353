"""The snapshot site over HTTP: routes, listings, feeds and article pages of both layouts."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from parsel import Selector

from newscrawler.snapshot.process import running_snapshot
from tests.snapshot.conftest import GENERATED, TEST_CONTENT, fetch

CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
LISTED_ARCHIVE = 3  # test content: 200101, 200120, 200130 (200050 is unlisted)


def test_robots_txt_asks_for_a_crawl_delay(snapshot_url: str) -> None:
    answer = fetch(f"{snapshot_url}/robots.txt")
    assert answer.status == 200
    assert answer.text == (
        "User-agent: *\nCrawl-delay: 5\nDisallow: /wp-admin/\n\n"
        f"Sitemap: {snapshot_url}/en/wp-sitemap.xml\n"
        f"Sitemap: {snapshot_url}/en/sitemap_index.xml\n"
    )


def test_robots_txt_crawl_delay_is_an_option() -> None:
    with running_snapshot("--content", str(TEST_CONTENT), "--crawl-delay", "1") as url:
        assert "\nCrawl-delay: 1\n" in fetch(f"{url}/robots.txt").text


def test_archive_article_carries_body_meta_and_check_also(snapshot_url: str) -> None:
    answer = fetch(f"{snapshot_url}/en/?p=200101")
    page = Selector(text=answer.text)
    assert answer.status == 200
    assert "postid-200101" in page.css("body::attr(class)").get(default="").split()
    assert page.css("h1.post-title span[itemprop=name]::text").get() == (
        "Updated-Lavrov urges coordination against terrorism"
    )
    entry = page.css("article#the-post div.entry")
    assert entry.css("p::text").get(default="").startswith("Moscow, SANA – Foreign Minister")
    assert "next week &amp; beyond" in answer.text
    assert "<!-- .entry /-->" in answer.text
    assert page.css("meta[property='article:section']::attr(content)").getall() == ["Politics"]
    assert page.css("p.post-tag a[rel=tag]::text").getall() == ["Lavrov", "Russia"]
    box = page.css("section#check-also-box .check-also-post")
    assert box.css("h2.post-title > a::attr(href)").get() == f"{snapshot_url}/en/?p=200050"
    assert box.css("h2.post-title > a::text").get() == (
        "Lavrov: silence over armed groups in Idleb cannot last"
    )
    assert box.css("p::text").get(default="").startswith("Berlin, SANA- Lavrov said")


def test_article_without_check_also_has_no_box(snapshot_url: str) -> None:
    page = Selector(text=fetch(f"{snapshot_url}/en/?p=200050").text)
    assert page.css("section#check-also-box").get() is None
    assert page.css("section#related_posts h3 a").getall()


def test_unknown_article_and_path_are_404(snapshot_url: str) -> None:
    for path in ("/en/?p=999", "/en/?p=abc", "/wp-admin/", "/en/?s=lavrov", "/en/politics/1/"):
        answer = fetch(snapshot_url + path)
        assert answer.status == 404, path
        assert "Not Found" in answer.text


def test_home_listing_pages_newest_first_and_404_past_end(snapshot_url: str) -> None:
    total = GENERATED + LISTED_ARCHIVE
    last_page = -(-total // 10)
    first = Selector(text=fetch(f"{snapshot_url}/en/").text)
    links = first.css("h2.post-box-title > a::attr(href)").getall()
    assert len(links) == 10
    assert links[0] == f"{snapshot_url}/en/?p=600025"
    assert first.css("span.pages::text").get() == f"Page 1 of {last_page}"
    assert first.css("#tie-next-page a::attr(href)").get() == f"{snapshot_url}/en/?paged=2"
    last = Selector(text=fetch(f"{snapshot_url}/en/?paged={last_page}").text)
    assert len(last.css("h2.post-box-title > a")) == total - 10 * (last_page - 1)
    assert last.css("#tie-next-page").get() is None
    assert fetch(f"{snapshot_url}/en/?paged={last_page + 1}").status == 404
    assert fetch(f"{snapshot_url}/en/?paged=0").status == 404


def test_unlisted_article_is_on_no_listing(snapshot_url: str) -> None:
    pages = [fetch(f"{snapshot_url}/en/?paged={n}").text for n in (1, 2, 3)]
    pages.append(fetch(f"{snapshot_url}/en/?cat=3").text)
    assert not any("?p=200050" in page.split("check-also-box")[0] for page in pages)
    assert "?p=200101" in "".join(pages)


def test_category_and_tag_listings(snapshot_url: str) -> None:
    politics = Selector(text=fetch(f"{snapshot_url}/en/?cat=3").text)
    assert politics.css("h1.page-title::text").get() == "Politics"
    assert (
        f"{snapshot_url}/en/?p=200101" in politics.css("h2.post-box-title a::attr(href)").getall()
    )
    lavrov = Selector(text=fetch(f"{snapshot_url}/en/?tag=lavrov").text)
    assert lavrov.css("h2.post-box-title a::attr(href)").getall() == [
        f"{snapshot_url}/en/?p=200101"
    ]
    assert fetch(f"{snapshot_url}/en/?cat=99").status == 404
    assert fetch(f"{snapshot_url}/en/?tag=no-such-tag").status == 404


def test_culture_listing_is_sahifas_timeline_of_month_headers_and_day_labels(
    snapshot_url: str,
) -> None:
    culture = Selector(text=fetch(f"{snapshot_url}/en/?cat=7").text)
    timeline = culture.css("div.archive-box > div.post-inner > div.timeline-contents")
    months = timeline.css("h2.timeline-head::text").getall()
    assert "April, 2017" in months
    assert all(re.fullmatch(r"[A-Z][a-z]+, \d{4}", month) for month in months)
    days = timeline.css("ul.timeline > li.timeline-post span.timeline-date::text").getall()
    assert days and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+", day) for day in days)
    assert culture.css("div.archive-box span.tie-date, div.archive-box a.more-link").get() is None
    items = timeline.css("li.timeline-post h2.post-box-title a::attr(href)").getall()
    assert f"{snapshot_url}/en/?p=200120" in items


def test_archive_feed_is_rss_with_full_text(snapshot_url: str) -> None:
    answer = fetch(f"{snapshot_url}/en/?feed=rss2")
    assert answer.headers["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(answer.body).findall("./channel/item")
    assert len(items) == 20
    links = [item.findtext("link") for item in items]
    assert f"{snapshot_url}/en/?p=200050" not in links
    assert all(item.findtext(CONTENT_NS, "").startswith("<p>") for item in items)
    assert all(item.findtext("pubDate") for item in items)


def test_relaunch_article_has_json_ld_stamps_and_efoot(snapshot_url: str) -> None:
    answer = fetch(f"{snapshot_url}/en/politics/2270101/")
    page = Selector(text=answer.text)
    assert page.css("h1.s-title::text").get() == "Syria and Jordan discuss border crossings"
    graph = json.loads(page.css("script[type='application/ld+json']::text").get(default=""))[
        "@graph"
    ]
    article = next(node for node in graph if node["@type"] == "NewsArticle")
    assert article["datePublished"] == "2025-10-21T15:02:00+03:00"
    assert article["dateModified"] == "2025-10-21T16:10:00+03:00"
    assert article["articleSection"] == ["Politics"]
    assert (
        page.css(".single-meta span.meta-date time.published::text").get()
        == "Published: 2025/10/21 3:02 PM"
    )
    assert (
        page.css(".single-meta span.meta-update time.updated::text").get()
        == "Updated: 2025/10/21 4:10 PM"
    )
    assert page.css(".efoot .tag-bar a[rel=tag]::text").getall() == ["Syria", "Jordan"]
    assert page.css("div.entry-content .inline-post a::attr(href)").get() == "/en/economy/2270050/"


def test_relaunch_article_without_json_ld_prints_given_stamps(snapshot_url: str) -> None:
    page = Selector(text=fetch(f"{snapshot_url}/en/economy/2270050/").text)
    assert page.css("script[type='application/ld+json']").get() is None
    assert (
        page.css(".single-meta span.meta-date time::text").get() == "Published: 2025/10/20 9:30 AM"
    )
    assert page.css(".single-meta span.meta-update").get() is None


def test_relaunch_article_under_the_wrong_section_is_404(snapshot_url: str) -> None:
    assert fetch(f"{snapshot_url}/en/economy/2270101/").status == 404


def test_relaunch_section_listing_and_feeds(snapshot_url: str) -> None:
    listing = Selector(text=fetch(f"{snapshot_url}/en/politics/").text)
    assert listing.css("h3.entry-title a.p-url::attr(href)").getall() == [
        f"{snapshot_url}/en/politics/2270101/"
    ]
    # Politics cards show Foxiz's default card meta: the modified date only.
    card = listing.css(".blog-content div.p-wrap")
    assert card.css("time.updated::attr(datetime)").getall() == ["2025-10-21T16:10:00+03:00"]
    assert card.css("time.published").getall() == []
    assert fetch(f"{snapshot_url}/en/politics/page/2/").status == 404
    assert fetch(f"{snapshot_url}/en/nowhere/").status == 404
    for path in ("/en/feed/", "/en/politics/feed/"):
        items = ET.fromstring(fetch(snapshot_url + path).body).findall("./channel/item")
        assert [item.findtext("link") for item in items] == [f"{snapshot_url}/en/politics/2270101/"]
    economy = ET.fromstring(fetch(f"{snapshot_url}/en/economy/feed/").body)
    assert economy.findall("./channel/item") == []


def test_head_sends_headers_without_body(snapshot_url: str) -> None:
    answer = fetch(f"{snapshot_url}/en/?p=200101", method="HEAD")
    assert answer.status == 200
    assert int(answer.headers["Content-Length"]) > 1000
    assert answer.body == b""
