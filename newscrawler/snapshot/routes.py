"""Maps a request target (path and query) to the page the snapshot serves for it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

from newscrawler.snapshot import feeds, render_archive, render_relaunch, sitemaps
from newscrawler.snapshot.editions import EDITIONS
from newscrawler.snapshot.site import Site

DEFAULT_CRAWL_DELAY = 5.0  # what SANA's robots.txt asks for
HTML = "text/html"
RSS = "application/rss+xml"
# Addresses inside an edition, after its prefix (`/en`, `/fr`, or none for Arabic).
ARCHIVE_PATH = "/"
FEED_PATH = "/feed/"
ARCHIVE_QUERY_KEYS = frozenset({"p", "cat", "paged", "tag", "feed"})
RELAUNCH_RE = re.compile(
    r"^/(?P<section>[a-z0-9-]+)/"
    r"(?:(?P<post_id>\d+)/(?P<rbsnp>rbsnp/)?|page/(?P<page>\d+)/|(?P<feed>feed)/)?$"
)
# Longest prefix first, so that `/en/…` never falls to the Arabic edition at the root.
EDITION_PREFIXES = tuple(sorted((e.prefix for e in EDITIONS), key=len, reverse=True))
# Foxiz's next-post endpoint as its script asks for it: `<article url>?rbsnp=1`.
NEXT_POST_QUERY = "rbsnp=1"
NOT_FOUND_HTML = (
    '<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="UTF-8" />'
    '<title>Page not found | SANA</title></head>\n<body class="error404">'
    "<h1>Not Found</h1><p>Nothing was found at this address.</p></body></html>\n"
)


@dataclass(frozen=True)
class Page:
    """What a route answers; `modified` (ISO) is set on article pages only."""

    status: int
    body: str
    content_type: str = HTML
    modified: str | None = None


NOT_FOUND = Page(404, NOT_FOUND_HTML)


def is_archive_address(path: str) -> bool:
    """Archive-layout addresses are an edition's root (`/en/`, `/fr/`, `/`) plus a query."""
    return any(path == prefix + ARCHIVE_PATH for prefix in EDITION_PREFIXES)


def robots_txt(crawl_delay: float = DEFAULT_CRAWL_DELAY, base: str = "") -> str:
    """SANA's robots.txt, with the Crawl-delay (seconds) the snapshot was started with, and
    the `Sitemap:` lines WordPress and its SEO plugin add (`base` prefixes them)."""
    delay = int(crawl_delay) if float(crawl_delay).is_integer() else crawl_delay
    rules = f"User-agent: *\nCrawl-delay: {delay}\nDisallow: /wp-admin/\n"
    return rules + "\n" + sitemaps.robots_lines(base)


def resolve(
    site: Site,
    target: str,
    base: str,
    drift: bool = False,
    crawl_delay: float = DEFAULT_CRAWL_DELAY,
    editions: Mapping[str, Site] | None = None,
) -> Page:
    """The page for `target`; `base` (scheme and host) prefixes every link it prints.

    `site` is the English edition; `editions` adds others by code (`ar`, `fr`), each served
    under its own prefix.
    """
    path, _, query = target.partition("?")
    if path == "/robots.txt":
        return Page(200, robots_txt(crawl_delay, base), content_type="text/plain")
    # The English edition's sitemaps (`site` is English), at their full `/en/…` paths.
    sitemap = sitemaps.resolve(site, path, base) if not query else None
    if sitemap is not None:
        return Page(200, *sitemap)
    found = _edition_site(site, editions or {}, path)
    if found is None:
        return NOT_FOUND
    site, path = found
    if path == ARCHIVE_PATH:
        return _archive(site, query, base, drift)
    if path == FEED_PATH:
        return _feed(_front_feed(site, base))
    match = RELAUNCH_RE.match(path)
    next_post = query == NEXT_POST_QUERY and match is not None and bool(match["post_id"])
    if match is None or (query and not next_post):
        return NOT_FOUND
    return _relaunch(site, match, base, drift, next_post)


def _edition_site(
    english: Site, editions: Mapping[str, Site], path: str
) -> tuple[Site, str] | None:
    """The edition serving `path`, and the path inside it; None when no served edition does."""
    served = [english, *editions.values()]
    for prefix in EDITION_PREFIXES:
        if path == prefix + "/" or path.startswith(prefix + "/"):
            site = next((s for s in served if s.edition.prefix == prefix), None)
            return None if site is None else (site, path[len(prefix) :])
    return None


def _front_feed(site: Site, base: str) -> str:
    """`<edition>/feed/`: the relaunched site's feed, or for an edition served in the archive
    layout only (French), its archive feed."""
    if site.content.relaunch:
        return feeds.relaunch_feed(site, base)
    return feeds.archive_feed(site, base)


def _archive(site: Site, query: str, base: str, drift: bool) -> Page:
    params = {key: values[0] for key, values in parse_qs(query, keep_blank_values=True).items()}
    if not params.keys() <= ARCHIVE_QUERY_KEYS:
        return NOT_FOUND
    if "p" in params:
        post_id = _number(params["p"])
        article = site.archive_article(post_id) if post_id is not None else None
        if article is None:
            return NOT_FOUND
        html = render_archive.render_article(site, article, base, drift)
        return Page(200, html, modified=article.modified or article.published)
    if "feed" in params:
        return _feed(feeds.archive_feed(site, base)) if params["feed"] == "rss2" else NOT_FOUND
    page = _number(params.get("paged", "1"))
    listing = _archive_listing(site, params)
    if page is None or listing is None:
        return NOT_FOUND
    listing_html = render_archive.render_listing(site, listing, page, base)
    return NOT_FOUND if listing_html is None else Page(200, listing_html)


def _archive_listing(site: Site, params: dict[str, str]) -> render_archive.ArchiveListing | None:
    if "cat" in params:
        category_id = _number(params["cat"])
        return None if category_id is None else render_archive.category_listing(site, category_id)
    if "tag" in params:
        return render_archive.tag_listing(site, params["tag"])
    return render_archive.home_listing(site)


def _relaunch(
    site: Site, match: re.Match[str], base: str, drift: bool, next_post: bool = False
) -> Page:
    section = match["section"]
    if match["feed"]:
        rss = feeds.section_feed(site, base, section)
        return NOT_FOUND if rss is None else _feed(rss)
    if match["post_id"]:
        article = site.relaunch_article(int(match["post_id"]))
        if article is None or article.section != section:
            return NOT_FOUND
        if next_post or match["rbsnp"]:
            html = render_relaunch.render_next_post(site, article, base)
        else:
            html = render_relaunch.render_article(site, article, base, drift)
        return Page(200, html, modified=article.modified or article.published)
    page = int(match["page"]) if match["page"] else 1
    listing = render_relaunch.render_listing(site, section, page, base)
    return NOT_FOUND if listing is None else Page(200, listing)


def _feed(rss: str) -> Page:
    return Page(200, rss, content_type=RSS)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None
