"""Archive layout (WordPress "Sahifa", `/en/?p=N`): article pages and listings, as printed."""

from __future__ import annotations

import re
from datetime import datetime

from lxml.etree import _Element
from parsel import Selector, SelectorList
from w3lib.url import url_query_parameter

from newscrawler.items import LAYOUT_ARCHIVE, Image, Link, RawArticle
from newscrawler.pages.body import image_of, read_body
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
    selector_text,
)

POST_CLASS = re.compile(r"(?:^|\s)post-(\d+)(?:\s|$)")
CATEGORY_CLASS = re.compile(r"(?:^|\s)category-([^\s]+)")
PAGE_OF_TOTAL = re.compile(r"Page\s+(\d[\d,]*)\s+of\s+(\d[\d,]*)")
TOTAL_PAGES = re.compile(r"of\s+(\d[\d,]*)")
DIGITS = re.compile(r"(\d[\d,]*)")
TIE_DATE = "//span[contains(concat(' ', normalize-space(@class), ' '), ' tie-date ')]"


def parse_article(url: str, selector: Selector) -> RawArticle:
    """Everything an archive article page says about its article, not normalized."""
    base = base_url(url, selector)
    post_class = selector.css("article#the-post::attr(class)").get() or ""
    body = read_body(_entry(selector), base)
    check_also = _check_also_links(selector, base)
    return RawArticle(
        url=url,
        layout=LAYOUT_ARCHIVE,
        canonical_url=absolute_url(base, selector.css("link[rel=canonical]::attr(href)").get()),
        post_id=_post_id(url, selector, post_class),
        section=None,
        title=_title(selector),
        published=_meta(selector, "article:published_time"),
        modified=_meta(selector, "article:modified_time"),
        categories=_categories(selector, post_class),
        tags=_tags(selector),
        blocks=body.blocks,
        images=_featured_images(selector, base) + body.images,
        links=body.links + check_also,
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


def _entry(selector: Selector) -> _Element | None:
    return first_element(selector.css("article#the-post div.entry") or selector.css("div.entry"))


def _post_id(url: str, selector: Selector, post_class: str) -> int | None:
    from_body = first_int(POST_ID_CLASS, selector.css("body::attr(class)").get())
    if from_body is not None:
        return from_body
    from_article = first_int(POST_CLASS, post_class)
    if from_article is not None:
        return from_article
    return first_int(DIGITS, url_query_parameter(url, "p"))


def _title(selector: Selector) -> str:
    heading = selector.css("h1.post-title")
    name = heading.css("span[itemprop=name]")
    title = selector_text(first_of(name or heading))
    return title or (_meta(selector, "og:title") or "").strip()


def _meta(selector: Selector, prop: str) -> str | None:
    return selector.xpath("//meta[@property=$prop]/@content", prop=prop).get()


def _categories(selector: Selector, post_class: str) -> list[str]:
    sections = selector.xpath("//meta[@property='article:section']/@content").getall()
    if sections:
        return sections
    return CATEGORY_CLASS.findall(post_class)


def _tags(selector: Selector) -> list[str]:
    tag_links = selector.css("p.post-tag").xpath(f".//a[{REL_TAG_XPATH}]")
    if tag_links:
        return [selector_text(link) for link in tag_links]
    return selector.xpath("//meta[@property='article:tag']/@content").getall()


def _featured_images(selector: Selector, base: str) -> list[Image]:
    images = (image_of(img.root, base) for img in selector.css("div.single-post-thumb img"))
    return [image for image in images if image is not None]


def _check_also_links(selector: Selector, base: str) -> list[Link]:
    """The Check Also box: the same category's latest post at render time, with its teaser."""
    links: list[Link] = []
    for box in selector.css("section#check-also-box .check-also-post"):
        anchor = box.css("h2.post-title a")
        url = absolute_url(base, anchor.attrib.get("href")) if anchor else None
        if url is None:
            continue
        teaser = box.xpath(".//h2[contains(@class, 'post-title')]/following-sibling::p[1]")
        links.append(
            Link(
                kind="check_also",
                url=url,
                anchor_text=selector_text(first_of(anchor)),
                teaser=selector_text(first_of(teaser)),
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
