"""Archive layout (WordPress "Sahifa", `/en/?p=N`, `/?p=N`): article pages and listings."""

from __future__ import annotations

import re
from datetime import datetime

from lxml.etree import Comment, _Element
from parsel import Selector, SelectorList
from w3lib.url import url_query_parameter

from newscrawler.items import LAYOUT_ARCHIVE, Image, Link, RawArticle
from newscrawler.pages.body import image_of, read_body
from newscrawler.pages.json_ld import article_node_in, json_ld_string
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
    first_of,
    first_value,
    has_class,
    has_word,
    selector_text,
    tag_of,
)

POST_CLASS = re.compile(r"(?:^|\s)post-(\d+)(?:\s|$)")
CATEGORY_CLASS = re.compile(r"(?:^|\s)category-([^\s]+)")
# `span.pages` in the edition's words: `Page 1 of 4,163`, `صفحة 1 من 20`, `Page 1 sur 9`: the
# current page is its first number, the total its second.
PAGE_OF_TOTAL = re.compile(r"(\d[\d,]*)\D+\d")
TOTAL_PAGES = re.compile(r"\d[\d,]*\D+(\d[\d,]*)")
DIGITS = re.compile(r"(\d[\d,]*)")
# Sahifa closes the article text with `</div><!-- .entry /-->`.
ENTRY_END = ".entry /"
NO_ENTRY_END = "no end-of-entry marker: the body may be cut short"
TIE_DATE = "/descendant::span[contains(concat(' ', normalize-space(@class), ' '), ' tie-date ')]"
# The forms `.tie-date` prints an item's date in: the English edition's, the Arabic one's.
TIE_DATE_FORMS = ("%B %d, %Y", "%Y-%m-%d")
_HAS_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
# Sahifa's timeline loop: `li.timeline-post` prints "14 March", its month's `h2.timeline-head`
# before the `ul.timeline` prints "March, 2017".
_TIMELINE_DAY = (
    f"ancestor::li[{_HAS_CLASS.format('timeline-post')}][1]"
    f"//span[{_HAS_CLASS.format('timeline-date')}]"
)
_TIMELINE_HEAD = f"ancestor::ul[1]/preceding-sibling::h2[{_HAS_CLASS.format('timeline-head')}][1]"

# The elements the article's queries start from, found in one walk of the page (`_Page`): each
# whole-page query walks its ~3,000 nodes again, 25–40 µs each on a 115 KB page.
_START_TAGS = ("article", "body", "h1", "link", "meta", "p", "script", "section")
# The article page's queries, compiled once (see `compiled_css`); the `_BELOW` ones run under
# an element `_Page` found (`article#the-post div.entry` is `div.entry` below the post).
_ENTRY_BELOW_POST = compiled_css_below("div.entry")
_ANY_ENTRY = compiled_css("div.entry")
_TITLE_NAME = compiled_css("span[itemprop=name]")
_TAG_LINKS = compiled_xpath(f"descendant::a[{REL_TAG_XPATH}]")
_FEATURED_BELOW_POST = compiled_css_below("div.single-post-thumb img")
_CHECK_ALSO_BELOW_BOX = compiled_css_below(".check-also-post")
_CHECK_ALSO_ANCHORS = compiled_css("h2.post-title a")
# A listing's items: `h2.post-box-title` headings, their first link and their date.
LISTING_ITEM_CLASS = "post-box-title"
_ITEM_HREF = compiled_xpath("(.//a[@href])[1]/@href")
_ITEM_DATES = compiled_xpath(f"ancestor::article[1]{TIE_DATE}")
_TIMELINE_DAYS = compiled_xpath(_TIMELINE_DAY)
_TIMELINE_HEADS = compiled_xpath(_TIMELINE_HEAD)
_CHECK_ALSO_TEASERS = compiled_xpath(
    "descendant::h2[contains(@class, 'post-title')]/following-sibling::p[1]"
)


class _Page:
    """An article page's starting elements by tag name, in page order, from one walk; each
    query below answers as its CSS or XPath over the whole page would."""

    def __init__(self, root: _Element) -> None:
        self.root = root
        self.found: dict[str, list[_Element]] = {tag: [] for tag in _START_TAGS}
        for element in root.iter(*_START_TAGS):
            self.found[element.tag].append(element)
        # `article#the-post`
        self.posts = [post for post in self.found["article"] if post.get("id") == "the-post"]
        # `meta[@property=…]/@content`, every value of each property in page order
        self.meta: dict[str, list[str]] = {}
        for meta in self.found["meta"]:
            prop, content = meta.get("property"), meta.get("content")
            if prop is not None and content is not None:
                self.meta.setdefault(prop, []).append(content)

    def first(self, tag: str, attribute: str, **equal: str) -> str | None:
        """`tag[name=value…]::attr(attribute)` of the first such element that has it."""
        for element in self.found[tag]:
            value = element.get(attribute)
            if value is not None and all(element.get(k) == v for k, v in equal.items()):
                return value
        return None

    def with_class(self, tag: str, name: str) -> list[_Element]:
        """`tag.name`"""
        return [element for element in self.found[tag] if has_word(element.get("class"), name)]


def parse_article(url: str, selector: Selector) -> RawArticle:
    """Everything an archive article page says about its article, not normalized."""
    base = base_url(url, selector)
    page = _Page(selector.root)
    post_class = next((c for post in page.posts if (c := post.get("class")) is not None), "")
    entry = _entry(page)
    body = read_body(entry, base, closes_container=is_entry_end)
    check_also = _check_also_links(page, base)
    return RawArticle(
        url=url,
        layout=LAYOUT_ARCHIVE,
        canonical_url=absolute_url(base, page.first("link", "href", rel="canonical")),
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
        article_body=json_ld_string(article_node_in(page.found["script"]), "articleBody"),
        # The reader names what broke the entry when it saw it; else a missing marker says so.
        markup_problems=body.problems or _entry_problems(entry),
    )


def parse_listing(url: str, selector: Selector) -> Listing:
    """Article links of a category, tag or home listing page and its pagination."""
    base = base_url(url, selector)
    items: dict[str, str | None] = {}
    # Walked lazily, one lxml element at a time: a selector list of every heading held a
    # Python Selector per item, 140 MB on a hostile page of 200,000 (benchmarks, figure 7b).
    for heading in selector.root.iter("h2"):
        if not has_class(heading, LISTING_ITEM_CLASS):
            continue
        item_url = absolute_url(base, first_value(_ITEM_HREF(heading)))
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


def _item_date(heading: _Element) -> str | None:
    """The item's `.tie-date` (`March 14, 2017` in English, `2023-07-24` in Arabic) as an ISO
    date, else its timeline day under its month header; None when it prints neither ("3 days
    ago" dates nothing)."""
    label = _first_text(_ITEM_DATES(heading))
    for form in TIE_DATE_FORMS:
        try:
            return datetime.strptime(label, form).date().isoformat()
        except ValueError:
            continue
    return _timeline_date(heading)


def _timeline_date(heading: _Element) -> str | None:
    """`14 March` under `March, 2017` as `2017-03-14`; None unless both agree on the month."""
    day = _first_text(_TIMELINE_DAYS(heading))
    month = _first_text(_TIMELINE_HEADS(heading))
    try:
        header = datetime.strptime(month, "%B, %Y")
        # With the header's year, so that "29 February" reads in a leap year.
        moment = datetime.strptime(f"{day} {header.year}", "%d %B %Y")
    except ValueError:
        return None
    return moment.date().isoformat() if moment.month == header.month else None


def is_entry_end(node: _Element) -> bool:
    """Sahifa's `<!-- .entry /-->`, printed right after `div.entry` closes."""
    return not tag_of(node) and (node.text or "").strip() == ENTRY_END


def _entry(page: _Page) -> _Element | None:
    entries = below(page.posts, _ENTRY_BELOW_POST) or _ANY_ENTRY(page.root)
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


def _post_id(url: str, page: _Page, post_class: str) -> int | None:
    from_body = first_int(POST_ID_CLASS, page.first("body", "class"))
    if from_body is not None:
        return from_body
    from_article = first_int(POST_CLASS, post_class)
    if from_article is not None:
        return from_article
    return first_int(DIGITS, url_query_parameter(url, "p"))


def _title(page: _Page) -> str:
    headings = page.with_class("h1", "post-title")
    names = [name for heading in headings for name in _TITLE_NAME(heading)]
    title = _first_text(names or headings)
    return title or (_meta(page, "og:title") or "").strip()


def _first_text(elements: list[_Element]) -> str:
    """Printed text of the first element, '' when there is none."""
    return element_text(elements[0]) if elements else ""


def _meta(page: _Page, prop: str) -> str | None:
    return first_value(page.meta.get(prop, []))


def _categories(page: _Page, post_class: str) -> list[str]:
    sections = page.meta.get("article:section", [])
    if sections:
        return sections
    return CATEGORY_CLASS.findall(post_class)


def _tags(page: _Page) -> list[str]:
    tag_links = [link for line in page.with_class("p", "post-tag") for link in _TAG_LINKS(line)]
    if tag_links:
        return [element_text(link) for link in tag_links]
    return page.meta.get("article:tag", [])


def _featured_images(page: _Page, base: str) -> list[Image]:
    images = (image_of(img, base) for img in below(page.posts, _FEATURED_BELOW_POST))
    return [image for image in images if image is not None]


def _check_also_links(page: _Page, base: str) -> list[Link]:
    """The Check Also box: the same category's latest post at render time, with its teaser."""
    links: list[Link] = []
    boxes = [box for box in page.found["section"] if box.get("id") == "check-also-box"]
    for box in below(boxes, _CHECK_ALSO_BELOW_BOX):
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
