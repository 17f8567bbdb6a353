"""Reading sitemaps: urlsets, indexes, news dates, gzip files and what is no sitemap."""

from __future__ import annotations

import gzip

import pytest

from newscrawler.archive.sitemaps import SitemapState
from newscrawler.pages.sitemaps import BadSitemap, read_sitemap, robots_url, sitemaps_in_robots
from newscrawler.sitemaps import lastmod_moved

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/en/main-sitemap.xsl"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://sana.sy/en/politics/2270101/</loc><lastmod>2025-10-21T16:10:00+03:00</lastmod>
</url>
<url><loc>https://sana.sy/en/economy/2270102/</loc><news:news>
<news:publication><news:name>SANA</news:name></news:publication>
<news:publication_date>2025-10-22T09:00:00+03:00</news:publication_date></news:news></url>
</urlset>
"""
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://sana.sy/en/post-sitemap.xml</loc></sitemap>
</sitemapindex>
"""


def test_a_urlset_gives_each_url_with_its_lastmod_or_news_date() -> None:
    page = read_sitemap("https://sana.sy/en/post-sitemap.xml", URLSET, True, 10**6)
    assert not page.is_index and not page.damaged
    first, second = page.entries
    assert (first.loc, first.lastmod, first.published) == (
        "https://sana.sy/en/politics/2270101/",
        "2025-10-21T16:10:00+03:00",
        None,
    )
    assert (second.lastmod, second.published) == (None, "2025-10-22T09:00:00+03:00")


def test_an_index_gives_its_sitemaps() -> None:
    page = read_sitemap("https://sana.sy/en/sitemap_index.xml", INDEX, True, 10**6)
    assert page.is_index and [e.loc for e in page.entries] == [
        "https://sana.sy/en/post-sitemap.xml"
    ]


def test_a_gzip_file_is_inflated_within_the_size_cap() -> None:
    packed = gzip.compress(URLSET)
    assert len(read_sitemap("https://x/s.xml.gz", packed, False, 10**6).entries) == 2
    with pytest.raises(BadSitemap, match="inflates past 100 bytes"):
        read_sitemap("https://x/s.xml.gz", packed, False, 100)


def test_a_truncated_sitemap_is_damaged_and_keeps_what_it_read() -> None:
    page = read_sitemap(
        "https://x/s.xml", URLSET[: URLSET.index(b"<url><loc>https://sana.sy/en/e")], True, 10**6
    )
    assert page.damaged and len(page.entries) == 1


@pytest.mark.parametrize(
    ("url", "body", "is_xml", "reason"),
    [
        ("https://x/s.xml", b"", True, "not XML"),
        ("https://x/s.xml", b"plain words", True, "not XML"),
        ("https://x/s.xml", b"<html><body>Not here</body></html>", False, "<html>"),
        ("https://x/en/", b"<urlset/>", False, "neither XML nor gzip"),
    ],
)
def test_what_is_no_sitemap_says_why(url: str, body: bytes, is_xml: bool, reason: str) -> None:
    with pytest.raises(BadSitemap, match=reason):
        read_sitemap(url, body, is_xml, 10**6)


def test_robots_txt_sitemap_lines_resolve_against_it() -> None:
    body = b"User-agent: *\nCrawl-delay: 5\n\nSitemap: /en/wp-sitemap.xml\nsitemap: https://sana.sy/s.xml\n"
    robots = robots_url("https://sana.sy/en/?paged=1")
    assert robots == "https://sana.sy/robots.txt"
    assert sitemaps_in_robots(robots, body) == [
        "https://sana.sy/en/wp-sitemap.xml",
        "https://sana.sy/s.xml",
    ]


def state(sitemap_lastmod: str | None, modified: str | None) -> SitemapState:
    published = "2025-10-21T12:02:00+00:00"
    return SitemapState("u", "u", published, modified, sitemap_lastmod, None, None)


@pytest.mark.parametrize(
    ("stored", "modified", "lastmod", "moved"),
    [
        # Against the lastmod stored at the last fetch, when there is one: any change counts.
        ("2025-10-21T13:10:00+00:00", None, "2025-10-21T13:10:00+00:00", False),
        ("2025-10-21T13:10:00+00:00", None, "2025-10-22T08:00:00+00:00", True),
        ("2025-10-21T13:10:00+00:00", None, "2025-10-21T13:00:00+00:00", True),
        # Archived from a listing: against the page's own modified (else published) time.
        (None, "2025-10-21T13:10:00+00:00", "2025-10-21T13:10:00+00:00", False),
        (None, "2025-10-21T13:10:00+00:00", "2025-10-21T14:00:00+00:00", True),
        (None, None, "2025-10-21T12:02:00+00:00", False),
    ],
)
def test_lastmod_moved(stored: str | None, modified: str | None, lastmod: str, moved: bool) -> None:
    assert lastmod_moved(state(stored, modified), lastmod) is moved
