"""XML sitemaps as the English edition's WordPress serves them: core, an SEO plugin's, news."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, timedelta
from xml.sax.saxutils import escape

from newscrawler.snapshot.common import DAMASCUS, parse_time, sort_key
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.site import Site

# WordPress core (5.5+, `wp_sitemaps_get_max_urls`) and Yoast SEO (`entries_per_page`) page sizes.
CORE_PAGE_SIZE = 2000
PLUGIN_PAGE_SIZE = 1000
# Google News takes articles of the last two days; Yoast News SEO lists at most 1,000.
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX = 1000

CORE_INDEX = "/en/wp-sitemap.xml"
PLUGIN_INDEX = "/en/sitemap_index.xml"
NEWS = "/en/news-sitemap.xml"
# The addresses robots.txt names in its `Sitemap:` lines.
ROBOTS_SITEMAPS = (CORE_INDEX, PLUGIN_INDEX)
CORE_PAGE_RE = re.compile(r"^/en/wp-sitemap-posts-post-(?P<page>[1-9]\d*)\.xml$")
# Yoast's first page has no number (`post-sitemap.xml`), then `post-sitemap2.xml`, …
PLUGIN_PAGE_RE = re.compile(r"^/en/post-sitemap(?P<page>[2-9]|[1-9]\d+)?\.xml$")

# Core answers `application/xml`, Yoast `text/xml`; both with an XSL stylesheet for browsers.
CORE_TYPE = "application/xml"
PLUGIN_TYPE = "text/xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Post:
    """One published, listed post as a sitemap names it."""

    post_id: int
    path: str
    published: str
    modified: str


def posts(site: Site) -> list[Post]:
    """Every listed post of both layouts, oldest first; `modified` follows the served version.

    Unlisted posts (reachable only through Check Also) stay out, as they do of every listing.
    """
    found = [_post(article, f"/en/?p={article.post_id}") for article in _content_archive(site)]
    found += [
        _post(article, f"/en/{article.section}/{article.post_id}/")
        for article in site.relaunch_articles(site.relaunch_all)
    ]
    generated = site.generated
    if generated is not None:
        found += [
            Post(pid, f"/en/?p={pid}", generated.meta(pid).published, generated.modified(pid))
            for pid in generated.post_ids
        ]
    return sorted(found, key=lambda post: (sort_key(post.published), post.post_id))


def resolve(site: Site, path: str, base: str) -> tuple[str, str] | None:
    """(XML, content type) of the sitemap at `path`, or None when `path` is none of them."""
    if path == CORE_INDEX:
        return core_index(site, base), CORE_TYPE
    if path == PLUGIN_INDEX:
        return plugin_index(site, base), PLUGIN_TYPE
    if path == NEWS:
        return news_sitemap(site, base), PLUGIN_TYPE
    if match := CORE_PAGE_RE.match(path):
        xml = core_page(site, base, int(match["page"]))
        return None if xml is None else (xml, CORE_TYPE)
    if match := PLUGIN_PAGE_RE.match(path):
        xml = plugin_page(site, base, int(match["page"] or 1))
        return None if xml is None else (xml, PLUGIN_TYPE)
    return None


def robots_lines(base: str) -> str:
    return "".join(f"Sitemap: {base}{path}\n" for path in ROBOTS_SITEMAPS)


def core_index(site: Site, base: str) -> str:
    """`wp-sitemap.xml`: one `<sitemap>` per posts page; core gives the index no lastmod."""
    pages = _page_count(len(posts(site)), CORE_PAGE_SIZE)
    entries = "".join(
        f"<sitemap><loc>{escape(_core_page_url(base, page))}</loc></sitemap>"
        for page in range(1, pages + 1)
    )
    return _document(base, "wp-sitemap-index.xsl", f'<sitemapindex xmlns="{SITEMAP_NS}">', entries)


def core_page(site: Site, base: str, page: int) -> str | None:
    """`wp-sitemap-posts-post-N.xml`: posts by id, each `<lastmod>` in UTC (WordPress 6.5+)."""
    by_id = sorted(posts(site), key=lambda post: post.post_id)
    chunk = _chunk(by_id, page, CORE_PAGE_SIZE)
    if chunk is None:
        return None
    entries = "".join(
        f"<url><loc>{escape(base + post.path)}</loc><lastmod>{_utc(post.modified)}</lastmod></url>"
        for post in chunk
    )
    return _document(base, "wp-sitemap.xsl", f'<urlset xmlns="{SITEMAP_NS}">', entries)


def plugin_index(site: Site, base: str) -> str:
    """`sitemap_index.xml`: the post pages, each with its newest lastmod, and the news sitemap."""
    everything = posts(site)
    pages = _page_count(len(everything), PLUGIN_PAGE_SIZE)
    entries = []
    for page in range(1, pages + 1):
        chunk = _chunk(everything, page, PLUGIN_PAGE_SIZE) or []
        newest = max((post.modified for post in chunk), key=sort_key, default=None)
        lastmod = f"<lastmod>{_local(newest)}</lastmod>" if newest else ""
        entries.append(
            f"<sitemap><loc>{escape(_plugin_page_url(base, page))}</loc>{lastmod}</sitemap>"
        )
    entries.append(f"<sitemap><loc>{escape(base + NEWS)}</loc></sitemap>")
    return _document(
        base, "main-sitemap.xsl", f'<sitemapindex xmlns="{SITEMAP_NS}">', "\n".join(entries)
    )


def plugin_page(site: Site, base: str, page: int) -> str | None:
    """`post-sitemap[N].xml`: posts oldest first, `<lastmod>` in the site's time zone."""
    chunk = _chunk(posts(site), page, PLUGIN_PAGE_SIZE)
    if chunk is None:
        return None
    entries = "\n".join(
        f"<url>\n\t<loc>{escape(base + post.path)}</loc>\n"
        f"\t<lastmod>{_local(post.modified)}</lastmod>\n</url>"
        for post in chunk
    )
    return _document(base, "main-sitemap.xsl", f'<urlset xmlns="{SITEMAP_NS}">', entries)


def news_sitemap(site: Site, base: str) -> str:
    """`news-sitemap.xml`: posts of the two days before the newest, newest first, no lastmod."""
    everything = posts(site)
    if not everything:
        recent: list[Post] = []
    else:
        cutoff = parse_time(everything[-1].published) - NEWS_WINDOW
        recent = [post for post in everything if parse_time(post.published) > cutoff]
    entries = "\n".join(
        _news_entry(base, post, _title_of(site, post)) for post in reversed(recent[-NEWS_MAX:])
    )
    opening = f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">'
    return _document(base, "main-sitemap.xsl", opening, entries)


def _news_entry(base: str, post: Post, title: str) -> str:
    return (
        f"<url>\n\t<loc>{escape(base + post.path)}</loc>\n\t<news:news>\n"
        "\t\t<news:publication>\n\t\t\t<news:name>SANA</news:name>\n"
        "\t\t\t<news:language>en</news:language>\n\t\t</news:publication>\n"
        f"\t\t<news:publication_date>{_local(post.published)}</news:publication_date>\n"
        f"\t\t<news:title>{escape(title)}</news:title>\n\t</news:news>\n</url>"
    )


def _title_of(site: Site, post: Post) -> str:
    article = site.archive_article(post.post_id) or site.relaunch_article(post.post_id)
    return article.title if article is not None else ""


def _content_archive(site: Site) -> list[ContentArticle]:
    listed = [pid for pid, article in site.content.archive.items() if article.listed]
    return site.archive_articles(listed)


def _post(article: ContentArticle, path: str) -> Post:
    return Post(article.post_id, path, article.published, article.modified or article.published)


def _document(base: str, stylesheet: str, opening: str, entries: str) -> str:
    closing = "</" + opening[1:].split(" ", 1)[0] + ">"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-stylesheet type="text/xsl" href="{escape(base)}/en/{stylesheet}"?>\n'
        f"{opening}\n{entries}\n{closing}\n"
    )


def _chunk(items: Sequence[Post], page: int, size: int) -> Sequence[Post] | None:
    """Page `page` (1-based) of `items`; the first page exists even when there are none."""
    if not 1 <= page <= _page_count(len(items), size):
        return None
    return items[(page - 1) * size : page * size]


def _page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def _core_page_url(base: str, page: int) -> str:
    return f"{base}/en/wp-sitemap-posts-post-{page}.xml"


def _plugin_page_url(base: str, page: int) -> str:
    return f"{base}/en/post-sitemap{page if page > 1 else ''}.xml"


def _utc(value: str) -> str:
    """Core's `DATE_W3C` of the GMT time: `2025-03-01T09:00:00+00:00`."""
    return parse_time(value).astimezone(UTC).replace(microsecond=0).isoformat()


def _local(value: str) -> str:
    """Yoast's: the site's local time with its offset, `2025-03-01T12:00:00+03:00`."""
    return parse_time(value).astimezone(DAMASCUS).replace(microsecond=0).isoformat()
