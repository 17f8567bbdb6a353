"""Reads an article body container into blocks, images and inline related links (both layouts)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml.etree import _Element

from newscrawler.items import Block, Image, Link
from newscrawler.pages.markup import (
    UNREAD_TAGS,
    absolute_url,
    classes_of,
    element_text,
    has_class,
    printed_text,
    raw_text,
    source_text,
    tag_of,
)

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
        "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
        "sub", "sup", "time", "u", "var", "wbr",
    }
)  # fmt: skip
BOLD_TAGS = frozenset({"strong", "b"})
IGNORED_TAGS = UNREAD_TAGS | frozenset({"form", "button", "input", "hr", "embed", "audio", "video"})
# Theme chrome that sits inside the body container: share buttons, clearing divs, ad slots,
# and the blocks Foxiz inserts between paragraphs (its "- Advertisement -" slots and its
# automatic related posts, which are chrome, unlike the post's own `block-wrap` links).
IGNORED_CLASSES = (
    "share-post", "clear", "e3lan", "stream-item", "adsbygoogle", "sharedaddy",
    "inline-single-ad", "related-sec",
)  # fmt: skip
# Sahifa's "Related Articles", which its `related_position = in` option prints inside div.entry.
IGNORED_IDS = frozenset({"related_posts"})
MEDIA_CLASSES = ("wp-caption", "gallery", "wp-block-image", "wp-block-gallery")
CAPTION_CLASSES = ("wp-caption-text", "gallery-caption")
INLINE_RELATED_CLASSES = ("block-wrap", "inline-post")
# Broken pages can nest containers thousands deep; below this depth a container is read as one
# paragraph so that the reader's recursion stays bounded.
MAX_CONTAINER_DEPTH = 60
# An unclosed `<script>` (or `<style>`) swallows the markup after it as raw text, up to the next
# `</script>`, which belongs to a later element. Its text is judged swallowed article markup when
# both signs hold, so an ordinary script that merely builds HTML strings is not flagged:
# - a `<p>` or `<h2>`-`<h6>` start tag opens a line (or follows a statement's `;` or `}`) and
#   is followed by at least five words of prose, as in a WordPress post's markup and unlike a
#   string literal such as `'<p>' + text`;
# - the text holds a start tag of its own element kind (the later element whose end tag closed
#   it) or the document's `</body>`/`</html>` (it ran to the end of the page).
_SWALLOWED_PROSE = re.compile(
    r"(?:^|[;}])[ \t]*<(?:p|h[2-6])(?:\s[^<>]*)?>\s*[^\W\d_]+(?:[^\w<]+\w+){4}",
    re.MULTILINE | re.IGNORECASE,
)
UNCLOSED_CONTAINER = (
    "no end-of-entry marker where the entry ends: it sits inside the entry (unclosed markup);"
    " the body was read up to it"
)
_PAGE_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


@dataclass
class Body:
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # What the reader saw wrong with the markup, one sentence each (`RawArticle.markup_problems`).
    problems: list[str] = field(default_factory=list)


def never_ends(_element: _Element) -> bool:
    return False


def read_body(
    container: _Element | None,
    base: str,
    ends_body: Callable[[_Element], bool] = never_ends,
    closes_container: Callable[[_Element], bool] = never_ends,
) -> Body:
    """Blocks, images and inline links of `container`'s children, up to the first end marker.

    `closes_container` tells the marker a theme prints right after the container closes; met
    inside it, the container's markup was left unclosed: reading stops there (what follows is
    the theme's chrome) and a markup problem is recorded.
    """
    body = Body()
    if container is not None:
        _BodyReader(body, base, ends_body, closes_container).read_children(container)
    return body


def image_of(img: _Element, base: str, caption: str = "") -> Image | None:
    """An `<img>` as an `Image`; lazy-loading themes keep the real address in `data-src`."""
    src = img.get("src") or img.get("data-src") or img.get("data-lazy-src")
    url = absolute_url(base, src)
    return Image(src=url, alt=img.get("alt") or "", caption=caption) if url else None


def swallowed_markup(tag: str, text: str) -> bool:
    """Whether a raw-text element's `text` is article markup an unclosed `<tag>` swallowed."""
    if _SWALLOWED_PROSE.search(text) is None:
        return False
    own_start = re.search(rf"<{re.escape(tag)}[\s>]", text, re.IGNORECASE)
    return own_start is not None or _PAGE_END.search(text) is not None


def _is_bold_only(paragraph: _Element) -> bool:
    """True when every visible character of the `<p>` sits inside `<strong>`/`<b>`."""
    if (paragraph.text or "").strip():
        return False
    bold_text = False
    for child in paragraph:
        tag = tag_of(child)
        if (child.tail or "").strip() or tag not in BOLD_TAGS | {"br", "img", ""}:
            return False
        bold_text = bold_text or (tag in BOLD_TAGS and bool(element_text(child).strip()))
    return bold_text


class _BodyReader:
    def __init__(
        self,
        body: Body,
        base: str,
        ends_body: Callable[[_Element], bool],
        closes_container: Callable[[_Element], bool],
    ) -> None:
        self.body = body
        self.base = base
        self.ends_body = ends_body
        self.closes_container = closes_container

    def read_children(self, parent: _Element, depth: int = 0) -> bool:
        """Read `parent`'s children in order; True once an end marker was met."""
        if depth > MAX_CONTAINER_DEPTH:
            self.add_loose([parent])
            return False
        loose: list[_Element | str] = [parent.text] if parent.text else []
        for child in parent:
            closes = self.closes_container(child)
            if closes:
                self.body.problems.append(UNCLOSED_CONTAINER)
            if closes or self.ends_body(child):
                self.add_loose(loose)
                return True
            tag = tag_of(child)
            if tag in INLINE_TAGS:
                loose.append(child)
            elif tag:
                self.add_loose(loose)
                loose = []
                if self.read_block(child, depth):
                    return True
            if child.tail:
                loose.append(child.tail)
        self.add_loose(loose)
        return False

    def read_block(self, element: _Element, depth: int) -> bool:
        tag = tag_of(element)
        if tag in UNREAD_TAGS:
            self.check_unread(tag, element)
        classes = classes_of(element)
        if tag in IGNORED_TAGS or not classes.isdisjoint(IGNORED_CLASSES):
            return False
        if element.get("id") in IGNORED_IDS:
            return False
        if not classes.isdisjoint(INLINE_RELATED_CLASSES):
            self.add_inline_related(element)
        elif tag == "figure" or not classes.isdisjoint(MEDIA_CLASSES):
            self.add_media(element)
        elif tag in HEADING_TAGS:
            self.add_text_block("heading", element)
        elif tag in {"p", "li"}:
            self.add_paragraph(element, classes)
        else:
            return self.read_children(element, depth + 1)
        return False

    def check_unread(self, tag: str, element: _Element) -> None:
        if swallowed_markup(tag, element.text or ""):
            self.body.problems.append(
                f"text swallowed by an unclosed <{tag}>: the body stops where it opens"
            )

    def add_text_block(self, kind: str, element: _Element) -> None:
        text = element_text(element)
        if text:
            self.body.blocks.append(Block(kind=kind, text=text))

    def add_paragraph(self, paragraph: _Element, classes: set[str]) -> None:
        self.add_images(paragraph)
        if not classes.isdisjoint(CAPTION_CLASSES):
            kind = "caption"
        elif _is_bold_only(paragraph):
            kind = "heading"
        else:
            kind = "paragraph"
        self.add_text_block(kind, paragraph)

    def add_loose(self, loose: list[_Element | str]) -> None:
        """Text and inline elements sitting directly in a container form one paragraph."""
        if not loose:
            return
        parts: list[str] = []
        for item in loose:
            if isinstance(item, str):
                parts.append(source_text(item))
            else:
                self.add_images(item)
                parts.append(raw_text(item))
        text = printed_text("".join(parts))
        if text:
            self.body.blocks.append(Block(kind="paragraph", text=text))

    def add_images(self, element: _Element, caption: str = "") -> None:
        for img in element.iter("img"):
            image = image_of(img, self.base, caption)
            if image is not None:
                self.body.images.append(image)

    def add_media(self, media: _Element) -> None:
        """A captioned image or a gallery: each item's image(s) plus its caption block."""
        items = [
            item for item in media.iter() if item is not media and has_class(item, "gallery-item")
        ]
        for item in items or [media]:
            caption = _caption_of(item)
            self.add_images(item, caption)
            if caption:
                self.body.blocks.append(Block(kind="caption", text=caption))

    def add_inline_related(self, related: _Element) -> None:
        anchors = [a for a in related.iter("a") if has_class(a, "p-url")] or [
            a
            for heading in related.iter()
            if has_class(heading, "entry-title")
            for a in heading.iter("a")
        ]
        for anchor in anchors:
            url = absolute_url(self.base, anchor.get("href"))
            if url:
                self.body.links.append(
                    Link(kind="inline", url=url, anchor_text=element_text(anchor))
                )


def _caption_of(item: _Element) -> str:
    for element in item.iter():
        if tag_of(element) == "figcaption" or has_class(element, *CAPTION_CLASSES):
            return element_text(element)
    return ""
