"""Which kind of page a response is, from its path and its markup (never from its host)."""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import urlsplit

from lxml.etree import XPath, _Element
from parsel import Selector
from parsel.csstranslator import css2xpath
from w3lib.url import url_query_cleaner, url_query_parameter

from newscrawler.sites import profile_for_path


class PageKind(StrEnum):
    ARCHIVE_ARTICLE = "archive_article"
    ARCHIVE_LISTING = "archive_listing"
    RELAUNCH_ARTICLE = "relaunch_article"
    RELAUNCH_LISTING = "relaunch_listing"
    RELAUNCH_NEXT_POST = "relaunch_next_post"
    FEED = "feed"
    UNKNOWN = "unknown"


# Paths within an edition (`politics/2270101/` of `/en/politics/2270101/`, `tourism/2051/` of
# the Arabic root's `/tourism/2051/`).
RELAUNCH_ARTICLE_PATH = re.compile(r"^[^/]+/\d+/?$")
# Feed addresses of both layouts within an edition: `feed/`, `<section>/feed/`, `?feed=rss2`.
FEED_PATH = re.compile(r"(?:^|/)feed/?$")
ARCHIVE_LISTING_QUERY = ("cat", "tag", "paged")
# A bare `time[datetime]` is on half the web; on SANA it sits in a `.p-wrap` card.
RELAUNCH_LISTING_MARKUP = ".p-wrap a.p-url, .p-wrap time[datetime], nav.pagination-wrap"
# Foxiz's "next post" endpoint: `<post url>?rbsnp=1` or `<post url>rbsnp/` answers a bare noindex
# page holding one whole post in `body > div.single-post-outer`, for its script to append.
NEXT_POST_ENDPOINT = "rbsnp"
NEXT_POST_PATH = re.compile(r"/rbsnp(?:/\d*)?/?$")
NEXT_POST_MARKUP = (
    "/html/body/div[contains(concat(' ', normalize-space(@class), ' '), ' single-post-outer ')]"
)


class _Markup:
    """A markup test, compiled once (parsel compiles a query on every call) as an XPath
    `boolean()`: listing every match first held 100 MB for a moment on a hostile listing of
    200,000 items (benchmarks, figure 7b)."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.compiled = XPath(f"boolean({query})")

    def on(self, selector: Selector) -> bool:
        """Whether the page holds a match; parsel's own answer for a tree-less (JSON) page."""
        if isinstance(selector.root, _Element):
            return bool(self.compiled(selector.root))
        return bool(selector.xpath(self.query))


def _css(query: str) -> _Markup:
    return _Markup(css2xpath(query))


_FEED = _Markup("//rss[channel]")
_NEXT_POST = _Markup(NEXT_POST_MARKUP)
_ARCHIVE_ARTICLE = _css("article#the-post")
# Cheapest first: `body` and `h1` are few, every `div` of the chrome gets the class test.
_RELAUNCH_ARTICLE = (_css("body.single-post"), _css("h1.s-title"), _css("div.entry-content"))
_ARCHIVE_LISTING = _css("h2.post-box-title")
_ARCHIVE_LISTING_FRAME = _css("div.archive-box, #theme-header")
_RELAUNCH_LISTING = _css(RELAUNCH_LISTING_MARKUP)


def page_kind(url: str, selector: Selector) -> PageKind:
    """The kind of SANA page `selector` holds, or `unknown`."""
    path = urlsplit(url).path or "/"
    edition = profile_for_path(path)
    within = edition.path_within(path)
    # Under an edition's own prefix (`/en/`, `/fr/`) a path alone may name a SANA page; the
    # site root's paths are every other site's too, so there the markup must say so.
    prefixed = edition.path_prefix != "/"
    if _is_feed(selector):
        return PageKind.FEED
    if is_next_post_address(url) or _NEXT_POST.on(selector):
        return PageKind.RELAUNCH_NEXT_POST
    if _ARCHIVE_ARTICLE.on(selector) or (prefixed and _archive_post_id(url)):
        return PageKind.ARCHIVE_ARTICLE
    if RELAUNCH_ARTICLE_PATH.match(within) and _has_relaunch_article_markup(selector):
        return PageKind.RELAUNCH_ARTICLE
    if _ARCHIVE_LISTING.on(selector) or _is_empty_archive_listing(url, selector):
        return PageKind.ARCHIVE_LISTING
    if _RELAUNCH_LISTING.on(selector):
        return PageKind.RELAUNCH_LISTING
    if is_feed_address(url) and _looks_like_xml(selector):
        # A feed so broken that not even a lenient reading finds its `rss/channel` (the
        # Arabic feed is not well-formed XML): still a feed, which the spider reports.
        return PageKind.FEED
    return PageKind.UNKNOWN


def is_feed_address(url: str) -> bool:
    """Whether `url` asks for an edition's or a section's RSS feed."""
    parts = urlsplit(url)
    return bool(FEED_PATH.search(parts.path)) or url_query_parameter(url, "feed") is not None


def _looks_like_xml(selector: Selector) -> bool:
    """No HTML page: an HTML `body` is what a feed address answers when it serves a page."""
    root = selector.root
    return isinstance(root, _Element) and next(root.iter("body"), None) is None


def _is_feed(selector: Selector) -> bool:
    """`//rss[channel]`; lxml answers `iter("rss")` at once when no element has that name."""
    root = selector.root
    if not isinstance(root, _Element):
        return _FEED.on(selector)
    return any(rss.find("channel") is not None for rss in root.iter("rss"))


# Both themes end every page with `</html>`; caches may append a comment after it.
CLOSING_TAG = re.compile(r"</html\s*>", re.IGNORECASE)
CLOSING_TAG_WINDOW = 4096


def is_truncated(html: str) -> bool:
    """True when the page stops before its closing `</html>`: a cut-off download or render."""
    return not CLOSING_TAG.search(html[-CLOSING_TAG_WINDOW:])


def is_next_post_address(url: str) -> bool:
    """Whether `url` asks for Foxiz's next-post fragment rather than the article page."""
    if not _may_spell(url, NEXT_POST_ENDPOINT):
        return False
    return url_query_parameter(url, NEXT_POST_ENDPOINT) is not None or bool(
        NEXT_POST_PATH.search(urlsplit(url).path)
    )


def _may_spell(url: str, text: str) -> bool:
    """Whether `url`, once parsed, can hold `text`: as written, or spelt by percent escapes or
    across the tabs and line breaks URL parsers remove. Parsing a URL the first time costs
    w3lib 15–150 µs; most addresses are ruled out by this test alone."""
    return text in url or any(character in url for character in "%\t\n\r")


def without_next_post(url: str) -> str:
    """`url` with the next-post endpoint taken off: the post's own address."""
    if not is_next_post_address(url):
        return url
    cleaned = url_query_cleaner(url, [NEXT_POST_ENDPOINT], remove=True, keep_fragments=True)
    parts = urlsplit(cleaned)
    path = NEXT_POST_PATH.sub("/", parts.path)
    return parts._replace(path=path).geturl()


def _archive_post_id(url: str) -> bool:
    if not _may_spell(url, "p="):
        return False
    post_id = url_query_parameter(url, "p")
    return bool(post_id and post_id.isdigit())


def _has_relaunch_article_markup(selector: Selector) -> bool:
    return any(markup.on(selector) for markup in _RELAUNCH_ARTICLE)


def _is_empty_archive_listing(url: str, selector: Selector) -> bool:
    """A listing page past the last item still carries the Sahifa listing frame."""
    asks_listing = any(url_query_parameter(url, key) for key in ARCHIVE_LISTING_QUERY)
    return asks_listing and _ARCHIVE_LISTING_FRAME.on(selector)
