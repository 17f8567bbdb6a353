"""Rendering without HTTP: pagination shapes, month grouping, versions, feeds' CDATA and JSON-LD."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from parsel import Selector

from newscrawler.snapshot import routes
from newscrawler.snapshot.common import sort_key
from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, Content, load_content
from newscrawler.snapshot.faults import parse_fault, truncate
from newscrawler.snapshot.generate import GeneratedArchive
from newscrawler.snapshot.site import Site

BASE = "http://snapshot.test"


@pytest.fixture(scope="module")
def big_site(test_content: Content) -> Site:
    return Site(test_content, GeneratedArchive(12_000, list(test_content.categories)))


def page(site: Site, target: str) -> Selector:
    answer = routes.resolve(site, target, BASE)
    assert answer.status == 200, target
    return Selector(text=answer.body)


def test_pagination_shows_thousands_window_next_and_last(big_site: Site) -> None:
    middle = page(big_site, "/en/?paged=1000")
    assert middle.css("span.pages::text").get() == "Page 1,000 of 1,201"
    assert middle.css("span.current::text").get() == "1,000"
    assert middle.css("a.page::text").getall() == ["998", "999", "1,001", "1,002"]
    assert middle.css("#tie-next-page a::attr(href)").get() == f"{BASE}/en/?paged=1001"
    assert middle.css("a.last::attr(href)").get() == f"{BASE}/en/?paged=1201"
    assert middle.css("a.first::attr(href)").get() == f"{BASE}/en/"
    assert routes.resolve(big_site, "/en/?paged=1202", BASE).status == 404


def test_category_pagination_links_escape_the_ampersand(big_site: Site) -> None:
    html = routes.resolve(big_site, "/en/?cat=3&paged=2", BASE).body
    assert 'href="http://snapshot.test/en/?cat=3&#038;paged=3"' in html
    assert 'href="http://snapshot.test/en/?cat=3" class="page"' in html


def test_listing_is_newest_first_across_content_and_generated(site: Site) -> None:
    links = page(site, "/en/").css("h2.post-box-title > a::attr(href)").getall()
    articles = site.archive_articles(int(link.rsplit("=", 1)[1]) for link in links)
    times = [sort_key(article.published) for article in articles]
    assert len(times) == 10
    assert times == sorted(times, reverse=True)
    culture = page(site, "/en/?cat=7").css("h2.post-box-title > a::attr(href)").getall()
    assert f"{BASE}/en/?p=200120" in culture


def test_served_version_changes_page_and_last_modified(test_content: Content) -> None:
    versioned = Site(test_content, served_versions={200130: 1})
    answer = routes.resolve(versioned, "/en/?p=200130", BASE)
    assert answer.modified == "2017-04-03T15:40:00+03:00"
    assert "Update-Water station" in answer.body
    base = routes.resolve(Site(test_content), "/en/?p=200130", BASE)
    assert base.modified == "2017-04-03T08:15:00+03:00"


def test_json_ld_survives_a_closing_script_tag_in_the_title(test_content: Content) -> None:
    relaunch = dict(test_content.relaunch)
    relaunch[2270101] = replace(relaunch[2270101], title="Talks </script> continue")
    tricky = Site(replace(test_content, relaunch=relaunch))
    selector = page(tricky, "/en/politics/2270101/")
    graph = json.loads(selector.css("script[type='application/ld+json']::text").get(default=""))
    news = [node for node in graph["@graph"] if node["@type"] == "NewsArticle"]
    assert [node["headline"] for node in news] == ["Talks </script> continue"]
    assert selector.css("h1.s-title::text").get() == "Talks </script> continue"


def test_feed_content_keeps_a_cdata_terminator_in_the_body(test_content: Content) -> None:
    archive = dict(test_content.archive)
    archive[200101] = replace(archive[200101], body_html="<p>a ]]> b</p>")
    tricky = Site(replace(test_content, archive=archive))
    rss = ET.fromstring(routes.resolve(tricky, "/en/?feed=rss2", BASE).body)
    bodies = [
        item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        for item in rss.iter("item")
    ]
    assert "<p>a ]]> b</p>" in bodies


def test_fault_specs_parse_and_reject() -> None:
    fault = parse_fault("503:p=\\d+:3:120")
    assert (fault.pattern.pattern, fault.count, fault.retry_after) == ("p=\\d+", 3, 120)
    assert parse_fault("503:a:b").pattern.pattern == "a:b"
    assert parse_fault("slow:/en/:2.5").seconds == 2.5
    for spec in ("teapot:x", "503", "slow:x:soon", "broken:("):
        with pytest.raises(ValueError, match="bad fault"):
            parse_fault(spec)


def test_truncate_keeps_whole_characters() -> None:
    body = ("<p>" + "–" * 50 + "</p>").encode()
    cut = truncate(body)
    assert cut.decode("utf-8").startswith("<p>–")
    assert len(cut) <= 0.4 * len(body)


def test_every_package_article_is_served_with_its_body() -> None:
    package = Site(load_content(PACKAGE_CONTENT_DIR))
    targets = [f"/en/?p={pid}" for pid in package.content.archive]
    targets += [f"/en/{a.section}/{a.post_id}/" for a in package.content.relaunch.values()]
    for target in targets:
        answer = routes.resolve(package, target, BASE)
        assert answer.status == 200, target
        post_id = int(target.strip("/").rsplit("/", 1)[-1].rsplit("=", 1)[-1])
        article = package.archive_article(post_id) or package.relaunch_article(post_id)
        assert article is not None, target
        # Foxiz inserts ads and related posts between a relaunched post's paragraphs.
        for line in article.body_html.split("\n"):
            assert line in answer.body, target
