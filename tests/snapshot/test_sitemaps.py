"""The snapshot's sitemaps: WordPress core's, the SEO plugin's with lastmod, and the news one."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from newscrawler.snapshot import routes
from newscrawler.snapshot.content import Content
from newscrawler.snapshot.generate import GeneratedArchive
from newscrawler.snapshot.site import Site
from tests.snapshot.conftest import fetch

BASE = "http://sana.test"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
EDITED = 200130  # test content with one later version


def served(site: Site, path: str) -> ET.Element:
    page = routes.resolve(site, path, BASE)
    assert page.status == 200, path
    assert page.content_type in {"application/xml", "text/xml"}
    return ET.fromstring(page.body.encode())


def locs(root: ET.Element, tag: str) -> list[str]:
    return [loc.text or "" for loc in root.findall(f"s:{tag}/s:loc", NS)]


def lastmods(root: ET.Element) -> dict[str, str]:
    return {
        entry.findtext("s:loc", namespaces=NS) or "": entry.findtext("s:lastmod", namespaces=NS)
        or ""
        for entry in root.findall("s:url", NS)
    }


def urlset(site: Site, index: str) -> dict[str, str]:
    """Every URL of every sitemap an index lists (news sitemap aside), with its lastmod."""
    found: dict[str, str] = {}
    for loc in locs(served(site, index), "sitemap"):
        path = loc.removeprefix(BASE)
        if path != "/en/news-sitemap.xml":
            page = lastmods(served(site, path))
            assert not found.keys() & page.keys(), "a URL on two sitemap pages"
            found.update(page)
    return found


def listed_paths(site: Site) -> set[str]:
    archive = [f"/en/?p={pid}" for pid in site.home]
    relaunch = [f"/en/{a.section}/{a.post_id}/" for a in site.relaunch_articles(site.relaunch_all)]
    return {BASE + path for path in archive + relaunch}


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


@pytest.mark.parametrize("index", ["/en/wp-sitemap.xml", "/en/sitemap_index.xml"])
def test_both_indexes_list_every_listed_post_once_and_no_unlisted_one(
    site: Site, index: str
) -> None:
    found = urlset(site, index)
    assert set(found) == listed_paths(site)
    assert f"{BASE}/en/?p=200050" not in found and f"{BASE}/en/economy/2270050/" not in found


@pytest.mark.parametrize("index", ["/en/wp-sitemap.xml", "/en/sitemap_index.xml"])
def test_lastmod_is_the_served_pages_modified_time(site: Site, index: str) -> None:
    found = urlset(site, index)
    article = site.archive_article(200101)
    generated = site.archive_article(min(site.generated.post_ids))  # type: ignore[union-attr]
    relaunched = site.relaunch_article(2270101)
    assert article is not None and generated is not None and relaunched is not None
    for path, served_article in [
        ("/en/?p=200101", article),
        (f"/en/?p={generated.post_id}", generated),
        ("/en/politics/2270101/", relaunched),
    ]:
        assert served_article.modified is not None
        assert instant(found[BASE + path]) == instant(served_article.modified), path


def test_core_writes_lastmod_in_utc_and_the_plugin_in_local_time(site: Site) -> None:
    core = urlset(site, "/en/wp-sitemap.xml")
    plugin = urlset(site, "/en/sitemap_index.xml")
    url = f"{BASE}/en/?p=200101"
    assert (core[url], plugin[url]) == ("2017-03-14T10:40:11+00:00", "2017-03-14T12:40:11+02:00")


def test_core_index_carries_no_lastmod_and_the_plugins_index_the_newest_of_each_page(
    site: Site,
) -> None:
    assert served(site, "/en/wp-sitemap.xml").findall("s:sitemap/s:lastmod", NS) == []
    [page] = served(site, "/en/sitemap_index.xml").findall("s:sitemap", NS)[:-1]
    page_lastmods = lastmods(served(site, "/en/post-sitemap.xml")).values()
    assert instant(page.findtext("s:lastmod", namespaces=NS) or "") == max(
        map(instant, page_lastmods)
    )


def test_an_edited_article_moves_its_lastmod_and_only_its(test_content: Content) -> None:
    before = Site(test_content)
    after = Site(test_content, served_versions={EDITED: 1})
    for index in ("/en/wp-sitemap.xml", "/en/sitemap_index.xml"):
        old, new = urlset(before, index), urlset(after, index)
        moved = {url for url in old if old[url] != new[url]}
        assert moved == {f"{BASE}/en/?p={EDITED}"}
        version = test_content.archive[EDITED].versions[0]
        assert instant(new[f"{BASE}/en/?p={EDITED}"]) == instant(version.modified or "")


def test_sitemaps_are_paged_as_wordpress_and_yoast_page_them(test_content: Content) -> None:
    big = Site(test_content, GeneratedArchive(2500, list(test_content.categories)))
    core = locs(served(big, "/en/wp-sitemap.xml"), "sitemap")
    assert core == [f"{BASE}/en/wp-sitemap-posts-post-{n}.xml" for n in (1, 2)]
    plugin = locs(served(big, "/en/sitemap_index.xml"), "sitemap")
    assert plugin == [
        f"{BASE}/en/post-sitemap.xml",
        f"{BASE}/en/post-sitemap2.xml",
        f"{BASE}/en/post-sitemap3.xml",
        f"{BASE}/en/news-sitemap.xml",
    ]
    assert len(lastmods(served(big, "/en/wp-sitemap-posts-post-1.xml"))) == 2000
    assert len(lastmods(served(big, "/en/post-sitemap2.xml"))) == 1000
    assert len(urlset(big, "/en/sitemap_index.xml")) == len(listed_paths(big))
    for past_the_end in ("/en/wp-sitemap-posts-post-3.xml", "/en/post-sitemap4.xml"):
        assert routes.resolve(big, past_the_end, BASE).status == 404
    assert routes.resolve(big, "/en/post-sitemap1.xml", BASE).status == 404


def test_the_news_sitemap_lists_the_last_two_days_with_publication_dates(site: Site) -> None:
    root = served(site, "/en/news-sitemap.xml")
    entries = root.findall("s:url", NS)
    assert entries and root.findall("s:url/s:lastmod", NS) == []
    dates = [instant(e.findtext(f"{NEWS}news/{NEWS}publication_date") or "") for e in entries]
    assert dates == sorted(dates, reverse=True)
    newest_posts = site.archive_articles(site.home[:1]) + site.relaunch_articles(
        site.relaunch_all[:1]
    )
    newest = max(instant(article.published) for article in newest_posts)
    assert dates[0] == newest
    assert all((newest - date).days < 2 for date in dates)
    assert entries[0].findtext(f"{NEWS}news/{NEWS}title")


def test_sitemaps_are_served_as_xml_and_named_in_robots_txt(snapshot_url: str) -> None:
    robots = fetch(f"{snapshot_url}/robots.txt").text
    assert f"Sitemap: {snapshot_url}/en/wp-sitemap.xml\n" in robots
    assert f"Sitemap: {snapshot_url}/en/sitemap_index.xml\n" in robots
    core = fetch(f"{snapshot_url}/en/wp-sitemap.xml")
    plugin = fetch(f"{snapshot_url}/en/sitemap_index.xml")
    assert core.headers["Content-Type"] == "application/xml; charset=UTF-8"
    assert plugin.headers["Content-Type"] == "text/xml; charset=UTF-8"
    assert locs(ET.fromstring(core.body), "sitemap")[0].startswith(snapshot_url)
    assert fetch(f"{snapshot_url}/en/wp-sitemap.xml?x=1").status == 404
