"""Markup helpers shared by the page parsers: printed text of an element, classes, absolute URLs."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from urllib.parse import urljoin

from lxml.etree import ErrorTypes, HTMLParser, XMLSyntaxError, XPath, _Element, fromstring
from parsel import Selector, SelectorList
from parsel.csstranslator import css2xpath
from w3lib.html import strip_html5_whitespace

ASCII_SPACE = " \t\n\r\f"
POST_ID_CLASS = re.compile(r"(?:^|\s)postid-(\d+)(?:\s|$)")
# The word `tag` in `rel`; the plain `contains()` first, as parsel writes class tests.
REL_TAG_XPATH = (
    "(contains(@rel, 'tag') and contains(concat(' ', normalize-space(@rel), ' '), ' tag '))"
)
# Tags whose content a reader never sees as text.
UNREAD_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "object"})
# The whitespace of XPath's `normalize-space()`.
_XPATH_SPACE = re.compile(r"[ \t\r\n]+")
# A line break in the HTML source is whitespace, not a line of its own: only `<br>` breaks lines.
_SOURCE_BREAK = re.compile(r" *[\t\n\r\f][ \t\n\r\f]*")


def tag_of(element: _Element) -> str:
    """Lower-case tag name, or '' for comments and processing instructions."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def classes_of(element: _Element) -> set[str]:
    return set((element.get("class") or "").split())


def has_class(element: _Element, *names: str) -> bool:
    return not classes_of(element).isdisjoint(names)


def has_word(value: str | None, word: str) -> bool:
    """XPath's (and parsel's CSS) class test, `contains(concat(' ', normalize-space(@class),
    ' '), ' word ')`, exactly: words split at XPath's four whitespace characters only."""
    if value is None or word not in value:
        return False
    return f" {word} " in f" {_XPATH_SPACE.sub(' ', value)} "


def source_text(text: str) -> str:
    # Most text nodes hold no source line break; skipping the regex for them halves this cost.
    if "\n" not in text and "\t" not in text and "\r" not in text and "\f" not in text:
        return text
    return _SOURCE_BREAK.sub(" ", text)


def raw_text(element: _Element) -> str:
    """The element's text with `<br>` as '\\n', unread tags skipped, not stripped."""
    parts: list[str] = []
    pending: list[_Element | str] = [element]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            parts.append(source_text(item))
            continue
        tag = tag_of(item)
        if tag == "br":
            parts.append("\n")
            continue
        if not tag or tag in UNREAD_TAGS:
            continue
        if item.text:
            parts.append(source_text(item.text))
        # Iterative rather than recursive: broken pages can nest thousands of levels deep.
        for child in reversed(item):
            if child.tail:
                pending.append(child.tail)
            pending.append(child)
    return "".join(parts)


def printed_text(text: str) -> str:
    """Trim HTML-source whitespace around each `<br>` line; NBSP and inner spaces stay."""
    lines = (line.strip(ASCII_SPACE) for line in text.split("\n"))
    return "\n".join(lines).strip(ASCII_SPACE)


def element_text(element: _Element) -> str:
    return printed_text(raw_text(element))


def compiled_css(query: str) -> XPath:
    """A parsel CSS query (`::attr()` and `::text` allowed) compiled once into an lxml XPath.

    Parsel translates and compiles a query on every call; a page parser asks the same dozen
    queries of every page, so it compiles them at import and runs them on `selector.root`.
    """
    return compiled_xpath(css2xpath(query))


def compiled_css_below(query: str) -> XPath:
    """`compiled_css` for an element's descendants only, as the later steps of a longer CSS
    query (`article#the-post div.entry` is `div.entry` below each `article#the-post`)."""
    return compiled_xpath(css2xpath(query).replace("descendant-or-self::", "descendant::"))


def below(elements: list[_Element], query: XPath) -> list[_Element]:
    """`query` (a `compiled_css_below`) under each of `elements`, in page order, each match once:
    what the whole CSS query answers when `elements` are its first step's matches."""
    return list(dict.fromkeys(match for element in elements for match in query(element)))


def compiled_xpath(query: str) -> XPath:
    """An XPath compiled once, returning plain strings as parsel does."""
    return XPath(query, smart_strings=False)


def first_value(results: list[str]) -> str | None:
    """The first string an attribute query found, like parsel's `.get()`."""
    return results[0] if results else None


def first_of(selection: SelectorList[Selector]) -> Selector | None:
    return selection[0] if selection else None


def first_element(selection: SelectorList[Selector]) -> _Element | None:
    """The first selected node when it is an element (not an attribute or text)."""
    selected = first_of(selection)
    return selected.root if selected is not None and isinstance(selected.root, _Element) else None


def selector_text(selector: Selector | None) -> str:
    """Printed text of a selected element, '' when nothing was selected."""
    if selector is None or not isinstance(selector.root, _Element):
        return ""
    return element_text(selector.root)


# Bytes that `str.strip()` removes from a page's edges but `bytes.strip()` keeps: the ASCII
# separators and any non-ASCII character (some are Unicode whitespace).
_TEXT_ONLY_SPACE = re.compile(rb"[\x1c-\x1f\x80-\xff]")
# What parsel takes for bytes that lxml could not read as UTF-8.
_ENCODING_ERRORS = frozenset({ErrorTypes.ERR_INVALID_CHAR, ErrorTypes.ERR_INVALID_ENCODING})


def utf8_selector(body: bytes, kind: str | None = "html") -> Selector | None:
    """The tree of a page whose bytes are UTF-8, parsed from those bytes; None where it could
    differ from `Selector(text=body.decode())`'s tree, and that one must be built instead.

    From a `str`, parsel drops NULs from and encodes the whole page back to UTF-8 for lxml:
    0.3 ms of a 120 KB page's 1.5 ms parse. The trees differ only at the page's edges (parsel
    strips the `str`, which strips a few characters more) or where NULs sit. An HTML page is
    parsed as parsel parses it, but into plain lxml elements: `lxml.html`'s elements, which
    parsel asks for, are looked up by a Python call for every element the parsers touch.
    """
    edges = body.strip()
    if b"\x00" in body or _TEXT_ONLY_SPACE.search(edges[:1] + edges[-1:]) is not None:
        return None
    if kind != "html":
        return Selector(body=body, encoding="utf-8", type=kind)
    # No table of `id` attributes: only XPath's `id()` reads it, and no query here uses it.
    parser = HTMLParser(recover=True, encoding="utf-8", huge_tree=True, collect_ids=False)
    try:
        root = fromstring(edges or b"<html/>", parser=parser)
    except XMLSyntaxError:
        if not _encoding_error(parser):
            raise
        return None
    if _encoding_error(parser):
        return None  # parsel reads such bytes from their decoded text
    if root is None:
        root = fromstring(b"<html/>", parser=parser)
    return Selector(root=root, type="html")


def page_selector(
    body: bytes, encoding: str, kind: str | None, decoded: Callable[[], Selector]
) -> Selector:
    """The tree the page parsers read, for the crawl and reparse alike: built from the bytes
    when they are UTF-8 (`utf8_selector`), else `decoded()`, the tree of the decoded text."""
    if codecs.lookup(encoding).name == "utf-8":
        selector = utf8_selector(body, kind)
        if selector is not None:
            return selector
    return decoded()


def _encoding_error(parser: HTMLParser) -> bool:
    return any(error.type in _ENCODING_ERRORS for error in parser.error_log)


_BASE_HREF = compiled_xpath("//head/base/@href")


def base_url(url: str, selector: Selector) -> str:
    """The URL relative links resolve against: the page's `<base href>`, else the page URL."""
    # lxml's `iter("base")` ends at once on a page without that element name (most pages).
    if next(selector.root.iter("base"), None) is None:
        return url
    base_href = first_value(_BASE_HREF(selector.root))
    return urljoin(url, strip_html5_whitespace(base_href)) if base_href else url


def absolute_url(base: str, href: str | None) -> str | None:
    """`href` resolved against `base`; None for a missing or empty link."""
    if href is None:
        return None
    href = strip_html5_whitespace(href)
    return urljoin(base, href) if href else None


def absolute_urls(base: str, hrefs: list[str]) -> list[str]:
    """Each non-empty `href` resolved against `base`, in order, each once."""
    return unique([url for url in (absolute_url(base, href) for href in hrefs) if url])


def unique(values: list[str]) -> list[str]:
    """Values in first-seen order, each once."""
    return list(dict.fromkeys(values))


def first_int(pattern: re.Pattern[str], value: str | None) -> int | None:
    """The first group of `pattern` in `value` as an int, thousands commas allowed."""
    match = pattern.search(value or "")
    return int(match.group(1).replace(",", "")) if match else None
