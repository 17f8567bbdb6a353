"""Archive layout (WordPress "Sahifa", `/en/?p=N`): article pages and listings, as printed."""

from __future__ import annotations

import re
from datetime import datetime

from lxml.etree import Comment, _Element
from parsel import Selector, SelectorList
from w3lib.url import url_query_parameter

from newscrawler.items import LAYOUT_ARCHIVE, Image, Link, RawArticle
from newscrawler.pages.body import image_of, read_body
from newscrawler.pages.json_ld import article_body
from newscrawler.pages.listing import Listing
from newscrawler.pages.markup import (
    POST_ID_CLASS,
    REL_TAG_XPATH,
    absolute_url,
    absolute_urls,
    base_url,
    compiled_css,
    compiled_xpath,
    element_text,
    first_int,
    first_of,
    first_value,
    selector_text,
    tag_of,
)

POST_CLASS = re.compile(r"(?:^|\s)post-(\d+)(?:\s|$)")
CATEGORY_CLASS = re.compile(r"(?:^|\s)category-([^\s]+)")
PAGE_OF_TOTAL = re.compile(r"Page\s+(\d[\d,]*)\s+of\s+(\d[\d,]*)")
TOTAL_PAGES = re.compile(r"of\s+(\d[\d,]*)")
DIGITS = re.compile(r"(\d[\d,]*)")
# Sahifa closes the article text with `</div><!-- .entry /-->`.
ENTRY_END = ".entry /"
NO_ENTRY_END = "no end-of-entry marker: the body may be cut short"
TIE_DATE = "/descendant::span[contains(concat(' ', normalize-space(@class), ' '), ' tie-date ')]"

# The article page's queries, compiled once (see `compiled_css`).
_POST_CLASS_ATTR = compiled_css("article#the-post::attr(class)")
_BODY_CLASS_ATTR = compiled_css("body::attr(class)")
_CANONICAL_HREF = compiled_css("link[rel=canonical]::attr(href)")
_ENTRY_IN_POST = compiled_css("article#the-post div.entry")
_ANY_ENTRY = compiled_css("div.entry")
_TITLE_HEADINGS = compiled_css("h1.post-title")
_TITLE_NAME = compiled_css("span[itemprop=name]")
# `/descendant::x[…]`, never `//x[…]`: libxml2 reads `//` as every node's children (3,000 and
# more on a full page), unless the step has no predicate; the same nodes, ~8 times faster.
_META_CONTENT = compiled_xpath("/descendant::meta[@property=$prop]/@content")
_SECTIONS = compiled_xpath("/descendant::meta[@property='article:section']/@content")
_META_TAGS = compiled_xpath("/descendant::meta[@property='article:tag']/@content")
_TAG_LINE = compiled_css("p.post-tag")
_TAG_LINKS = compiled_xpath(f"descendant::a[{REL_TAG_XPATH}]")
# Scoped to the post: a class test on every div of a 100 KB page costs five times as much.
_FEATURED_IMAGES = compiled_css("article#the-post div.single-post-thumb img")
_CHECK_ALSO_POSTS = compiled_css("section#check-also-box .check-also-post")
_CHECK_ALSO_ANCHORS = compiled_css("h2.post-title a")
_CHECK_ALSO_TEASERS = compiled_xpath(
    "descendant::h2[contains(@class, 'post-title')]/following-sibling::p[1]"
)


def parse_article(url: str, selector: Selector) -> RawArticle:
    """Everything an archive article page says about its article, not normalized."""
    base = base_url(url, selector)
    page = selector.root
    post_class = first_value(_POST_CLASS_ATTR(page)) or ""
    entry = _entry(page)
    body = read_body(entry, base, closes_container=is_entry_end)
    check_also = _check_also_links(page, base)
    return RawArticle(
        url=url,
        layout=LAYOUT_ARCHIVE,
        canonical_url=absolute_url(base, first_value(_CANONICAL_HREF(page))),
        post_id=_post_id(url, page, post_class),
        section=None,
        title=_title(page),
        published=_meta(page, "article:published_time"),
        modified=_meta(page, "article:modified_time"),
        categories=_categories(page, post_class),
        tags=_tags(page),
        blocks=body.blocks,
        images=_featured_images(page, base) + body.images,
        links=body.links + check_also,
        article_body=article_body(page),
        # The reader names what broke the entry when it saw it; else a missing marker says so.
        markup_problems=body.problems or _entry_problems(entry),
    )


def parse_listing(url: str, selector: Selector) -> Listing:
    """Article links of a category, tag or home listing page and its pagination."""
    base = base_url(url, selector)
    items: dict[str, str | None] = {}
    for heading in selector.css("h2.post-box-title"):
        item_url = absolute_url(base, heading.xpath("(.//a[@href])[1]/@href").get())
        if item_url and item_url not in items:
            items[item_url] = _item_date(heading)
    pagination = selector.css("div.pagination")
    pages_label = selector_text(first_of(pagination.css("span.pages")))
    page_hrefs = pagination.xpath(".//a/@href").getall()
    next_href = (
        selector.css("#tie-next-page a::attr(href)").get()
        or selector.css("link[rel=next]::attr(href)").get()
    )
    return Listing(
        article_urls=list(items),
        article_dates=list(items.values()),
        next_url=absolute_url(base, next_href),
        page_urls=absolute_urls(base, page_hrefs),
        current_page=_current_page(url, pagination, pages_label),
        total_pages=first_int(TOTAL_PAGES, pages_label),
    )


def _item_date(heading: Selector) -> str | None:
    """The item's `.tie-date` (`March 14, 2017`) as an ISO date; None when it prints none.

    Month-grouped listings print day labels without a year, which date nothing on their own.
    """
    label = selector_text(first_of(heading.xpath(f"ancestor::article[1]{TIE_DATE}")))
    try:
        return datetime.strptime(label, "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def is_entry_end(node: _Element) -> bool:
    """Sahifa's `<!-- .entry /-->`, printed right after `div.entry` closes."""
    return not tag_of(node) and (node.text or "").strip() == ENTRY_END


def _entry(page: _Element) -> _Element | None:
    entries = _ENTRY_IN_POST(page) or _ANY_ENTRY(page)
    return entries[0] if entries else None


def _entry_problems(entry: _Element | None) -> list[str]:
    """A `div.entry` not followed by Sahifa's `<!-- .entry /-->` did not close where the theme
    closes it: broken markup (an unclosed `<script>`, a cut page) swallowed the rest."""
    if entry is None:
        return []
    marker = entry.getnext()
    if marker is not None and marker.tag is Comment and (marker.text or "").strip() == ENTRY_END:
        return []
    return [NO_ENTRY_END]


def _post_id(url: str, page: _Element, post_class: str) -> int | None:
    from_body = first_int(POST_ID_CLASS, first_value(_BODY_CLASS_ATTR(page)))
    if from_body is not None:
        return from_body
    from_article = first_int(POST_CLASS, post_class)
    if from_article is not None:
        return from_article
    return first_int(DIGITS, url_query_parameter(url, "p"))


def _title(page: _Element) -> str:
    headings = _TITLE_HEADINGS(page)
    names = [name for heading in headings for name in _TITLE_NAME(heading)]
    title = _first_text(names or headings)
    return title or (_meta(page, "og:title") or "").strip()


def _first_text(elements: list[_Element]) -> str:
    """Printed text of the first element, '' when there is none."""
    return element_text(elements[0]) if elements else ""


def _meta(page: _Element, prop: str) -> str | None:
    return first_value(_META_CONTENT(page, prop=prop))


def _categories(page: _Element, post_class: str) -> list[str]:
    sections: list[str] = _SECTIONS(page)
    if sections:
        return sections
    return CATEGORY_CLASS.findall(post_class)


def _tags(page: _Element) -> list[str]:
    tag_links = [link for line in _TAG_LINE(page) for link in _TAG_LINKS(line)]
    if tag_links:
        return [element_text(link) for link in tag_links]
    tags: list[str] = _META_TAGS(page)
    return tags


def _featured_images(page: _Element, base: str) -> list[Image]:
    images = (image_of(img, base) for img in _FEATURED_IMAGES(page))
    return [image for image in images if image is not None]


def _check_also_links(page: _Element, base: str) -> list[Link]:
    """The Check Also box: the same category's latest post at render time, with its teaser."""
    links: list[Link] = []
    for box in _CHECK_ALSO_POSTS(page):
        anchors = _CHECK_ALSO_ANCHORS(box)
        url = absolute_url(base, anchors[0].get("href")) if anchors else None
        if url is None:
            continue
        links.append(
            Link(
                kind="check_also",
                url=url,
                anchor_text=_first_text(anchors),
                teaser=_first_text(_CHECK_ALSO_TEASERS(box)),
            )
        )
    return links


def _current_page(url: str, pagination: SelectorList[Selector], pages_label: str) -> int:
    """The page number the pagination marks current, else 'Page N of …', else `paged=N`."""
    for value in (
        pagination.css("span.current::text").get(),
        _first_group(PAGE_OF_TOTAL, pages_label),
        url_query_parameter(url, "paged"),
    ):
        number = first_int(DIGITS, value)
        if number is not None and number > 0:
            return number
    return 1


def _first_group(pattern: re.Pattern[str], value: str) -> str | None:
    match = pattern.search(value)
    return match.group(1) if match else None
