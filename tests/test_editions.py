"""Editions through the crawl: spider arguments, page kinds and feeds of every edition, and the
profile each article is normalized with (found from its URL path, never its host)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
import sqlite_utils
from parsel import Selector
from scrapy import Request
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.archive import Archive
from newscrawler.items import Article, PageFailure, RawArticle
from newscrawler.normalize.article import normalize_in_edition
from newscrawler.pages import archive_layout
from newscrawler.pages.detect import PageKind, page_kind
from newscrawler.pages.feeds import FEED_RECOVERED, FEED_UNUSABLE, FEED_WELL_FORMED, read_feed
from newscrawler.pipelines import NormalizePipeline
from newscrawler.reparse import reparse
from newscrawler.sites import profiles
from newscrawler.spiders.sana import LIVE_START_URLS, SanaSpider
from tests.archive.test_archive_upgrade import SCHEMA_V1
from tests.test_warc_reparse import write_warc

FIXTURES = Path(__file__).parent / "pages" / "fixtures"
SITE = "http://127.0.0.1:8123"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_english_stays_the_default_edition() -> None:
    spider = SanaSpider()
    assert [profile.edition for profile in spider.editions] == ["en"]
    assert spider.start_urls == list(LIVE_START_URLS) == list(profiles()["en"].start_urls)


def test_one_edition_starts_from_its_profile() -> None:
    spider = SanaSpider(edition="ar")
    assert spider.start_urls == ["https://sana.sy/feed/", "https://sana.sy/?cat=29582&paged=1"]
    assert "sanasyria.org" in spider.allowed_domains


def test_several_editions_start_from_each_profile_in_order() -> None:
    spider = SanaSpider(editions="en,ar")
    assert spider.start_urls == [*profiles()["en"].start_urls, *profiles()["ar"].start_urls]


def test_all_editions_start_from_every_profile() -> None:
    spider = SanaSpider(editions="all")
    assert {profile.edition for profile in spider.editions} == set(profiles())
    for profile in profiles().values():
        assert set(profile.start_urls) <= set(spider.start_urls)


def test_start_urls_replace_the_editions_start_points_but_keep_their_hosts() -> None:
    spider = SanaSpider(edition="ar", start_urls=f"{SITE}/?cat=29582")
    assert spider.start_urls == [f"{SITE}/?cat=29582"]
    assert {"127.0.0.1", "sanasyria.org", "sana.sy"} <= set(spider.allowed_domains)


def test_an_unknown_edition_is_an_error_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown edition 'xx': choose from ar, en, es, fa, fr"):
        SanaSpider(edition="xx")


def test_edition_and_editions_together_are_refused() -> None:
    with pytest.raises(ValueError, match="either edition or editions"):
        SanaSpider(edition="ar", editions="en")


@pytest.mark.parametrize(
    ("url", "html", "kind"),
    [
        # Under an edition's prefix a cut-off page is known by its path, as in English …
        (f"{SITE}/fr/?p=4711", "<html><head><title>Dam", PageKind.ARCHIVE_ARTICLE),
        # … but the site root's `/?p=N` is every WordPress site's: the markup must say so.
        (f"{SITE}/?p=4711", "<html><head><title>Dam", PageKind.UNKNOWN),
        (f"{SITE}/ru/politika/31/", "<h1 class='s-title'>Алеппо", PageKind.RELAUNCH_ARTICLE),
        (f"{SITE}/tourism/2051/", "<h1 class='s-title'>قلعة", PageKind.RELAUNCH_ARTICLE),
        (f"{SITE}/tourism/2051/", "<h1>قلعة</h1>", PageKind.UNKNOWN),
        (
            f"{SITE}/?cat=29582&paged=900",
            fixture("ar_archive_listing.html").replace("post-box-title", "post-box"),
            PageKind.ARCHIVE_LISTING,
        ),
        (f"{SITE}/feed/", "<?xml version='1.0'?><rss><chan", PageKind.FEED),
        (f"{SITE}/fr/feed/", "<html><body><p>Maintenance</p></body></html>", PageKind.UNKNOWN),
    ],
)
def test_page_kinds_of_other_editions(url: str, html: str, kind: PageKind) -> None:
    assert page_kind(url, Selector(text=html)) is kind


def test_a_well_formed_feed_is_read_as_such() -> None:
    feed = read_feed("https://sana.sy/en/feed/", (FIXTURES / "feed.xml").read_bytes())
    assert (feed.reading, feed.problem) == (FEED_WELL_FORMED, None)
    assert len(feed.urls) == 3


def test_the_arabic_feed_with_a_repeated_attribute_is_read_leniently() -> None:
    feed = read_feed("https://sana.sy/feed/", (FIXTURES / "ar_feed_malformed.xml").read_bytes())
    assert feed.reading == FEED_RECOVERED
    assert feed.problem is not None and "redefined" in feed.problem
    assert feed.urls == ["https://sana.sy/tourism/2051/", "https://sana.sy/tourism/2040/"]


def test_a_feed_with_nothing_readable_is_unusable() -> None:
    feed = read_feed("https://sana.sy/feed/", b"<?xml version='1.0'?>\n<rss><<<")
    assert (feed.reading, feed.urls) == (FEED_UNUSABLE, [])
    assert feed.problem


def feed_spider() -> SanaSpider:
    crawler = get_crawler(SanaSpider, {"NEWSCRAWLER_MAX_LINKS_PER_PAGE": 500})
    spider: SanaSpider = SanaSpider.from_crawler(crawler, start_urls=f"{SITE}/feed/")
    return spider


def stop_reasons(spider: SanaSpider) -> dict[str, dict[str, object]]:
    assert spider.crawler.stats is not None
    return dict(spider.crawler.stats.get_value("newscrawler/stop_reasons") or {})


def test_spider_follows_a_recovered_feed_and_notes_it() -> None:
    spider = feed_spider()
    body = (FIXTURES / "ar_feed_malformed.xml").read_bytes()
    outputs = list(spider.parse(XmlResponse(f"{SITE}/feed/", body=body)))
    assert [o.url for o in outputs if isinstance(o, Request)] == [
        "https://sana.sy/tourism/2051/",
        "https://sana.sy/tourism/2040/",
    ]
    assert not [o for o in outputs if isinstance(o, PageFailure)]
    assert stop_reasons(spider)["feed_recovered"] == {"count": 1, "first_url": f"{SITE}/feed/"}


def test_an_unusable_feed_is_a_failure_and_the_editions_listings_are_walked() -> None:
    spider = feed_spider()
    body = b"<?xml version='1.0'?>\n<rss><<<"
    outputs = list(spider.parse(XmlResponse(f"{SITE}/feed/", body=body)))
    [failure] = [o for o in outputs if isinstance(o, PageFailure)]
    assert failure.source == body
    assert failure.reason.startswith("unreadable feed (")
    listings = [o.url for o in outputs if isinstance(o, Request)]
    assert listings == [f"{SITE}/?cat=29582&paged=1", f"{SITE}/?paged=1"]
    assert stop_reasons(spider)["feed_unusable"]["count"] == 1


def test_an_unusable_french_feed_falls_back_to_french_listings() -> None:
    spider = feed_spider()
    outputs = list(spider.parse(XmlResponse(f"{SITE}/fr/feed/", body=b"<?xml version='1.0'?><")))
    assert [o.url for o in outputs if isinstance(o, Request)] == [f"{SITE}/fr/?paged=1"]


def arabic_article(url: str) -> RawArticle:
    return archive_layout.parse_article(url, Selector(text=fixture("ar_archive_article.html")))


@pytest.mark.parametrize(
    "host", ["https://sana.sy", "https://www.sana.sy", "https://sanasyria.org", SITE]
)
def test_an_arabic_article_is_one_row_whatever_host(host: str) -> None:
    article = normalize_in_edition(arabic_article(f"{host}/?p=1937600"))
    assert article.url == "https://sana.sy/?p=1937600"
    assert (article.site, article.edition, article.language) == ("sana", "ar", "ar")
    assert article.published == "2023-07-24T07:15:00+00:00"
    assert article.published_local == "2023-07-24T10:15:00+03:00"
    [check_also] = article.links
    assert check_also.url == "https://sana.sy/?p=1937580"


def test_the_same_post_id_in_english_is_another_article() -> None:
    english = normalize_in_edition(arabic_article(f"{SITE}/en/?p=1937600"))
    assert english.url == "https://archive.sana.sy/en/?p=1937600"
    assert (english.edition, english.language) == ("en", "en")


def test_a_french_article_is_normalized_in_its_edition() -> None:
    page = Selector(text=fixture("fr_archive_article.html"))
    article = normalize_in_edition(archive_layout.parse_article(f"{SITE}/fr/?p=310455", page))
    assert article.url == "https://sana.sy/fr/?p=310455"
    assert (article.edition, article.language) == ("fr", "fr")
    assert [link.url for link in article.links] == ["https://sana.sy/fr/?p=310401"]


PROFILE_DIR = Path(__file__).parent.parent / "newscrawler" / "sites" / "sana"
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
PROFILE_FORMAT = README.split("### The profile format", 1)[1].split("\n### ", 1)[0]


@pytest.mark.parametrize("path", sorted(PROFILE_DIR.glob("*.toml")), ids=lambda path: path.stem)
def test_readme_documents_every_key_of_the_profile(path: Path) -> None:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    for key, value in table.items():
        names = (
            [f"| `[{key}]` `{name}` |" for name in value]
            if isinstance(value, dict)
            else [f"| `{key}` |"]
        )
        for name in names:
            assert name in PROFILE_FORMAT, name


def test_normalize_pipeline_reads_each_article_in_its_edition() -> None:
    pipeline = NormalizePipeline()
    arabic = pipeline.process_item(arabic_article(f"{SITE}/?p=1937600"))
    english = pipeline.process_item(arabic_article(f"{SITE}/en/?p=1937600"))
    assert isinstance(arabic, Article) and isinstance(english, Article)
    assert (arabic.url, arabic.edition, arabic.language) == (
        "https://sana.sy/?p=1937600",
        "ar",
        "ar",
    )
    assert (english.edition, english.language) == ("en", "en")


def test_reparse_reads_each_capture_in_the_edition_of_its_url(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    page = (FIXTURES / "ar_archive_article.html").read_bytes()
    french = (FIXTURES / "fr_archive_article.html").read_bytes()
    write_warc(
        warc_dir / "a.warc.gz",
        [
            ("https://sanasyria.org/?p=1937600", page, "2025-03-01T08:00:00Z"),
            (f"{SITE}/fr/?p=310455", french, "2025-03-01T08:00:01Z"),
        ],
    )
    summary = reparse(tmp_path / "archive.db", warc_dir)
    assert summary.outcomes["new"] == 2
    rows = sqlite_utils.Database(tmp_path / "archive.db").query(
        "select url, edition, language from articles order by url"
    )
    assert [tuple(row.values()) for row in rows] == [
        ("https://sana.sy/?p=1937600", "ar", "ar"),
        ("https://sana.sy/fr/?p=310455", "fr", "fr"),
    ]


def test_m013_gives_the_rows_of_an_old_archive_the_english_language(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    shutil.copy(SCHEMA_V1, path)
    Archive(path).close()
    rows = sqlite_utils.Database(path).query("select edition, language from articles")
    assert [tuple(row.values()) for row in rows] == [("en", "en"), ("en", "en")]
