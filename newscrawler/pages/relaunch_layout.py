"""Relaunched layout (`/en/<section>/<id>/`, since Aug 2025): article pages and listings."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.etree import _Element
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
    first_element,
    first_int,
    first_of,
    has_class,
    selector_text,
)

ARTICLE_PATH = re.compile(r"/en/([^/]+)/(\d+)/?$")
LISTING_PAGE_PATH = re.compile(r"/page/(\d+)/?$")
DIGITS = re.compile(r"(\d+)")
BODY_END_CLASSES = ("efoot", "entry-bottom", "e-shared")
TAGGED_LABEL = "TAGGED:"
# Cards outside the page's chrome: header promos, sidebar widgets and footers are p-wraps too.
LISTING_CARDS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' p-wrap ')]"
    "[not(ancestor::header or ancestor::aside or ancestor::footer)]"
)


def parse_article(url: str, selector: Selector) -> RawArticle:
    """Everything a relaunched article page says about its article, not normalized."""
    base = base_url(url, selector)
    canonical = absolute_url(base, selector.css("link[rel=canonical]::attr(href)").get())
    article_path = _article_path(canonical) or _article_path(url)
    json_ld = article_node(selector.root)
    body = read_body(first_element(selector.css("div.entry-content")), base, ends_body)
    return RawArticle(
        url=url,
        layout=LAYOUT_RELAUNCH,
        canonical_url=canonical,
        post_id=_post_id(selector, article_path),
        section=article_path[0] if article_path else None,
        title=_title(selector),
        published=json_ld_string(json_ld, "datePublished")
        or _meta(selector, "article:published_time"),
        modified=json_ld_string(json_ld, "dateModified")
        or _meta(selector, "article:modified_time"),
        published_stamp=_stamp(selector, "meta-date", "Published") or None,
        modified_stamp=_stamp(selector, "meta-update", "Updated") or None,
        categories=json_ld_sections(json_ld) or _printed_categories(selector),
        tags=_tags(selector),
        blocks=body.blocks,
        images=_featured_images(selector, base) + body.images,
        links=body.links,
        article_body=json_ld_string(json_ld, "articleBody"),
        markup_problems=body.problems,
    )


def parse_listing(url: str, selector: Selector) -> Listing:
    """Cards of a section listing page (link and `datetime`) and its pagination."""
    base = base_url(url, selector)
    cards: dict[str, str | None] = {}
    for card in selector.xpath(LISTING_CARDS):
        href = card.css("a.p-url::attr(href)").get() or card.css(".entry-title a::attr(href)").get()
        card_url = absolute_url(base, href)
        if card_url and card_url not in cards:
            cards[card_url] = card.css("time::attr(datetime)").get()
    pagination = selector.css("nav.pagination-wrap")
    page_hrefs = pagination.css("a.page-numbers::attr(href)").getall()
    return Listing(
        article_urls=list(cards),
        article_dates=list(cards.values()),
        next_url=absolute_url(base, _next_href(selector)),
        page_urls=absolute_urls(base, page_hrefs),
        current_page=_current_page(url, selector),
        total_pages=None,
    )


def _next_href(selector: Selector) -> str | None:
    """The pagination's Next link (sliders elsewhere on the page have `a.next` arrows too)."""
    return (
        selector.css(".pagination-wrap a.next::attr(href), a.next.page-numbers::attr(href)").get()
        or selector.css("link[rel=next]::attr(href)").get()
    )


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
    """(section slug, post id) from an `/en/<section>/<id>/` address."""
    match = ARTICLE_PATH.search(urlsplit(url).path) if url else None
    return (match.group(1), int(match.group(2))) if match else None


def _post_id(selector: Selector, article_path: tuple[str, int] | None) -> int | None:
    from_body = first_int(POST_ID_CLASS, selector.css("body::attr(class)").get())
    if from_body is not None:
        return from_body
    return article_path[1] if article_path else None


def _title(selector: Selector) -> str:
    title = selector_text(first_of(selector.css("h1.s-title")))
    return title or (_meta(selector, "og:title") or "").strip()


def _meta(selector: Selector, prop: str) -> str | None:
    return selector.xpath("//meta[@property=$prop]/@content", prop=prop).get()


def _stamp(selector: Selector, css_class: str, label: str) -> str:
    """A printed date stamp as written, found by its class or, failing that, its label."""
    stamp = selector_text(first_of(selector.css(f".single-meta .{css_class}")))
    if stamp:
        return stamp
    for meta in selector.css(".single-meta .meta-el"):
        text = selector_text(meta)
        if text.startswith(label):
            return text
    return ""


def _tags(selector: Selector) -> list[str]:
    return [
        selector_text(link) for link in selector.css(".tag-list").xpath(f".//a[{REL_TAG_XPATH}]")
    ]


def _printed_categories(selector: Selector) -> list[str]:
    return [selector_text(link) for link in selector.css(".s-cats a")]


def _featured_images(selector: Selector, base: str) -> list[Image]:
    images: list[Image] = []
    for figure in selector.css("div.s-feat"):
        caption = selector_text(first_of(figure.css("figcaption")))
        for img in figure.css("img"):
            image = image_of(img.root, base, caption)
            if image is not None:
                images.append(image)
    return images


def _current_page(url: str, selector: Selector) -> int:
    """The pagination's current number, else `/page/N/` in the URL, else 1."""
    printed = first_int(DIGITS, selector.css("nav.pagination-wrap .current::text").get())
    from_path = first_int(LISTING_PAGE_PATH, urlsplit(url).path)
    return printed or from_path or 1
