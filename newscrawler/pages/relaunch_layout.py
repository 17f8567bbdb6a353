"""Relaunched layout (`/en/<section>/<id>/`, `/<section>/<id>/`): article pages and listings."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml.etree import Element, _Element
from parsel import Selector

from newscrawler.items import LAYOUT_RELAUNCH, Image, RawArticle
from newscrawler.pages.body import image_of, read_body
from newscrawler.pages.json_ld import article_node, json_ld_sections, json_ld_string
from newscrawler.pages.listing import Listing
from newscrawler.pages.markup import (
    POST_ID_CLASS,
    REL_TAG_XPATH,
    absolute_url,
    absolute_urls,
    base_url,
    below,
    compiled_css,
    compiled_css_below,
    compiled_xpath,
    element_text,
    first_int,
    first_value,
    has_class,
    has_word,
)
from newscrawler.sites import profile_for_path

# An article's path within its edition (`politics/2270101/` of `/en/politics/2270101/`).
ARTICLE_PATH = re.compile(r"^([^/]+)/(\d+)/?$")
LISTING_PAGE_PATH = re.compile(r"/page/(\d+)/?$")
DIGITS = re.compile(r"(\d+)")
BODY_END_CLASSES = ("efoot", "entry-bottom", "e-shared")
TAGGED_LABEL = "TAGGED:"
# The class test parsel writes for `.name`: the plain `contains()` first rejects nearly every
# element of the page cheaply, the exact word test (two strings built per element) runs on few.
_CLASS = (
    "(contains(@class, '{0}') and contains(concat(' ', normalize-space(@class), ' '), ' {0} '))"
)
# Cards outside the page's chrome: the header's mega menus, sidebar and footer widgets,
# "You Might Also Like" and popular blocks are p-wraps too.
CHROME_ANCESTORS = " or ".join(
    ["ancestor::header", "ancestor::aside", "ancestor::footer", "ancestor::nav"]
    + [f"ancestor::*[{_CLASS.format(name)}]" for name in ("sidebar-wrap", "mega-dropdown")]
)
# `/descendant::`, not `//`, which libxml2 reads as every node's children (see archive_layout).
LISTING_CARDS = f"/descendant::*[{_CLASS.format('p-wrap')}][not({CHROME_ANCESTORS})]"

# The page's queries, compiled once (see `compiled_css`).
# Head and body attributes are read from their fixed places, not by scanning a 100 KB page.
_CANONICAL_HREF = compiled_xpath("/html/head/link[@rel='canonical']/@href")
_BODY_CLASS_ATTR = compiled_xpath("/html/body/@class")
_META_CONTENT = compiled_xpath("/html/head/meta[@property=$prop]/@content")
# The article's other queries start from elements of these classes, found in one walk of the
# page (`_Classes`): a class test over the whole page costs 0.2–0.4 ms a query. Foxiz prints
# tags in `div.efoot-bar.tag-bar`; older markup used `div.tag-list`.
_START_CLASSES = {
    name: (name,) for name in ("entry-content", "s-title", "single-meta", "s-cats", "s-feat")
} | {"tag bar": ("tag-bar", "tag-list")}
_ANY_START_CLASS = frozenset(name for names in _START_CLASSES.values() for name in names)
_META_ITEMS_BELOW = compiled_css_below(".meta-el")
_TAG_LINKS_BELOW = compiled_xpath(f"descendant::a[{REL_TAG_XPATH}]")
_LINKS_BELOW = compiled_css_below("a")
_FEATURED_CAPTION = compiled_css("figcaption, .feat-caption .caption-text")
_LISTING_CARDS = compiled_xpath(LISTING_CARDS)
_CARD_LINK = compiled_css("a.p-url::attr(href)")
_CARD_TITLE_LINK = compiled_css(".entry-title a::attr(href)")
# A card's publication date only: Foxiz's default card meta is the *modified* date
# (`time.updated`), which says nothing about when the article was published.
_CARD_PUBLISHED = compiled_css("time.published::attr(datetime)")
_PAGINATION_HREFS = compiled_css("nav.pagination-wrap a.page-numbers::attr(href)")
_PAGINATION_CURRENT = compiled_css("nav.pagination-wrap .current::text")
_NEXT_HREF = compiled_css(".pagination-wrap a.next::attr(href), a.next.page-numbers::attr(href)")
_LINK_NEXT_HREF = compiled_css("link[rel=next]::attr(href)")
_NEXT_POST_ID = compiled_xpath(
    "/html/body/div[contains(concat(' ', normalize-space(@class), ' '), ' single-post-outer ')]"
    "/@data-postid"
)


@dataclass
class NextPost:
    """A Foxiz next-post fragment (`?rbsnp=1`): which article it repeats, never archived itself."""

    canonical_url: str | None
    post_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Classes:
    """The page's elements of each `_START_CLASSES` entry, in page order, from one walk; each
    answers as parsel's class test (`.name`) over the whole page would."""

    def __init__(self, root: _Element) -> None:
        self.found: dict[str, list[_Element]] = {key: [] for key in _START_CLASSES}
        for element in root.iter(Element):
            value = element.get("class")
            # Any class word in the XPath sense is a word of `str.split()` too.
            if value is None or _ANY_START_CLASS.isdisjoint(value.split()):
                continue
            for key, names in _START_CLASSES.items():
                if any(has_word(value, name) for name in names):
                    self.found[key].append(element)

    def tagged(self, tag: str, key: str) -> list[_Element]:
        """`tag.name`"""
        return [element for element in self.found[key] if element.tag == tag]


def parse_article(url: str, selector: Selector) -> RawArticle:
    """Everything a relaunched article page says about its article, not normalized."""
    base = base_url(url, selector)
    root = selector.root
    classes = _Classes(root)
    canonical = absolute_url(base, first_value(_CANONICAL_HREF(root)))
    article_path = _article_path(canonical) or _article_path(url)
    json_ld = article_node(root)
    entries = classes.tagged("div", "entry-content")
    body = read_body(entries[0] if entries else None, base, ends_body)
    # `.single-meta .meta-el`
    meta_items = below(classes.found["single-meta"], _META_ITEMS_BELOW)
    return RawArticle(
        url=url,
        layout=LAYOUT_RELAUNCH,
        canonical_url=canonical,
        post_id=_post_id(root, article_path),
        section=article_path[0] if article_path else None,
        title=_title(root, classes),
        published=json_ld_string(json_ld, "datePublished") or _meta(root, "article:published_time"),
        modified=json_ld_string(json_ld, "dateModified") or _meta(root, "article:modified_time"),
        published_stamp=_stamp(meta_items, "meta-date", "Published") or None,
        modified_stamp=_stamp(meta_items, "meta-update", "Updated") or None,
        categories=json_ld_sections(json_ld) or _printed_categories(classes),
        tags=[element_text(link) for link in below(classes.found["tag bar"], _TAG_LINKS_BELOW)],
        blocks=body.blocks,
        images=_featured_images(classes, base) + body.images,
        links=body.links,
        article_body=json_ld_string(json_ld, "articleBody"),
        markup_problems=body.problems,
    )


def parse_next_post(url: str, selector: Selector) -> NextPost:
    """The article a next-post fragment belongs to: its canonical link and `data-postid`."""
    base = base_url(url, selector)
    root = selector.root
    canonical = absolute_url(base, first_value(_CANONICAL_HREF(root)))
    post_id = first_value(_NEXT_POST_ID(root))
    return NextPost(
        canonical_url=canonical, post_id=int(post_id) if post_id and post_id.isdigit() else None
    )


def parse_listing(url: str, selector: Selector) -> Listing:
    """Cards of a section listing page (link and publication date) and its pagination."""
    base = base_url(url, selector)
    root = selector.root
    cards: dict[str, str | None] = {}
    for card in _LISTING_CARDS(root):
        href = first_value(_CARD_LINK(card)) or first_value(_CARD_TITLE_LINK(card))
        card_url = absolute_url(base, href)
        if card_url and card_url not in cards:
            cards[card_url] = first_value(_CARD_PUBLISHED(card))
    return Listing(
        article_urls=list(cards),
        article_dates=list(cards.values()),
        next_url=absolute_url(base, _next_href(root)),
        page_urls=absolute_urls(base, _PAGINATION_HREFS(root)),
        current_page=_current_page(url, root),
        total_pages=None,
    )


def _next_href(root: _Element) -> str | None:
    """The pagination's Next link (sliders elsewhere on the page have `a.next` arrows too)."""
    return first_value(_NEXT_HREF(root)) or first_value(_LINK_NEXT_HREF(root))


def ends_body(element: _Element) -> bool:
    """The article text ends at the footer block, the tag list or the share bar."""
    if has_class(element, *BODY_END_CLASSES):
        return True
    return _starts_with_tagged_label(element)


def _starts_with_tagged_label(element: _Element) -> bool:
    """Whether the element's text opens with `TAGGED:`, reading only as far as needed."""
    seen = ""
    for piece in element.itertext():
        seen += piece if seen else piece.lstrip()
        if len(seen) >= len(TAGGED_LABEL):
            break
    return seen.startswith(TAGGED_LABEL)


def _article_path(url: str | None) -> tuple[str, int] | None:
    """(section slug, post id) from an `<edition prefix><section>/<id>/` address."""
    if not url:
        return None
    path = urlsplit(url).path or "/"
    match = ARTICLE_PATH.match(profile_for_path(path).path_within(path))
    return (match.group(1), int(match.group(2))) if match else None


def _post_id(root: _Element, article_path: tuple[str, int] | None) -> int | None:
    from_body = first_int(POST_ID_CLASS, first_value(_BODY_CLASS_ATTR(root)))
    if from_body is not None:
        return from_body
    return article_path[1] if article_path else None


def _title(root: _Element, classes: _Classes) -> str:
    headings = classes.tagged("h1", "s-title")
    title = element_text(headings[0]) if headings else ""
    return title or (_meta(root, "og:title") or "").strip()


def _meta(root: _Element, prop: str) -> str | None:
    return first_value(_META_CONTENT(root, prop=prop))


def _stamp(items: list[_Element], css_class: str, label: str) -> str:
    """A printed date stamp as written, found by its class or, failing that, its label."""
    for item in items:
        if has_class(item, css_class):
            return element_text(item)
    for item in items:
        text = element_text(item)
        if text.startswith(label):
            return text
    return ""


def _printed_categories(classes: _Classes) -> list[str]:
    """`.s-cats a`"""
    return [element_text(link) for link in below(classes.found["s-cats"], _LINKS_BELOW)]


def _featured_images(classes: _Classes, base: str) -> list[Image]:
    """The featured image; Foxiz prints its caption beside `div.s-feat`, not inside it."""
    images: list[Image] = []
    for figure in classes.tagged("div", "s-feat"):
        captions = _FEATURED_CAPTION(figure) or _FEATURED_CAPTION(figure.getparent())
        caption = element_text(captions[0]) if captions else ""
        for img in figure.iter("img"):
            image = image_of(img, base, caption)
            if image is not None:
                images.append(image)
    return images


def _current_page(url: str, root: _Element) -> int:
    """The pagination's current number, else `/page/N/` in the URL, else 1."""
    printed = first_int(DIGITS, first_value(_PAGINATION_CURRENT(root)))
    from_path = first_int(LISTING_PAGE_PATH, urlsplit(url).path)
    return printed or from_path or 1
