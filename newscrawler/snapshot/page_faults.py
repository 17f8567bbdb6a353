"""Faults that rewrite an article page: unclosed `<script>` or `<div>`, huge title, short body.

They work on the rendered page, whichever theme chrome it carries: the body container is the
first `div.entry` (archive) or `div.entry-content` (relaunched), found by its class.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from w3lib.html import remove_tags

# Opened after the body's first paragraph and never closed: it swallows the page up to the
# next `</script>` (or the end of the page), as an ad snippet pasted into a post can.
UNCLOSED_SCRIPT = "<script>(window.tieAds = window.tieAds || []).push('slot-2');\n"
# Opened after the body's first paragraph and never closed, as a pasted block can leave it: the
# theme's `</div>` closing the entry closes it instead, and the entry runs on into the chrome.
UNCLOSED_DIV = '<div class="wp-block-group">'
RELATED_IN_ENTRY = '<section id="related_posts"'
TITLE_WORDS = "Breaking news from the governorates "
_CONTAINER = re.compile(
    r"""<div\b[^>]*\bclass=["'](?:[^"']*\s)?(?:entry|entry-content)(?:\s[^"']*)?["'][^>]*>"""
)
_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(r"<(p|h[2-6])\b[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)
_TITLES = re.compile(
    r"(<h1\b[^>]*\bclass=[\"'][^\"']*\b(?:post-title|s-title)\b[^>]*>)(.*?)(</h1>)",
    re.IGNORECASE | re.DOTALL,
)
_JSON_LD = re.compile(
    r"(<script\b[^>]*type=[\"']application/ld\+json[\"'][^>]*>)(.*?)(</script>)",
    re.IGNORECASE | re.DOTALL,
)
_ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle"})


def _container(html: str) -> tuple[int, int] | None:
    """Where the article's own content starts in the body container, and where it ends.

    Sahifa can print its related posts inside `div.entry` before the content
    (`related_position = in`); the content starts after them.
    """
    opening = _CONTAINER.search(html)
    if opening is None:
        return None
    depth = 1
    for tag in _DIV_TAG.finditer(html, opening.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return _after_related_posts(html, opening.end(), tag.start()), tag.start()
    return None


def _after_related_posts(html: str, start: int, end: int) -> int:
    related = html.find(RELATED_IN_ENTRY, start, end)
    if related < 0:
        return start
    closing = html.find("</section>", related, end)
    return start if closing < 0 else closing + len("</section>")


def unclosed_script(html: str) -> str:
    """The page with an unclosed `<script>` opened right after the body's first paragraph."""
    return _after_first_paragraph(html, UNCLOSED_SCRIPT)


def unclosed_div(html: str) -> str:
    """The page with an unclosed `<div>` opened right after the body's first paragraph."""
    return _after_first_paragraph(html, UNCLOSED_DIV)


def _after_first_paragraph(html: str, markup: str) -> str:
    span = _container(html)
    first = _BLOCK.search(html, span[0], span[1]) if span else None
    if first is None:
        return html
    return html[: first.end()] + markup + html[first.end() :]


def huge_title(html: str, size: int) -> str:
    """The page with its printed `<h1>` title made about `size` characters long."""
    words = (TITLE_WORDS * (size // len(TITLE_WORDS) + 1))[:size]
    return _TITLES.sub(lambda m: m.group(1) + words + m.group(3), html, count=1)


def short_body(html: str) -> str:
    """Only the body's first paragraph is printed; the page's `articleBody` keeps them all."""
    span = _container(html)
    if span is None:
        return html
    start, end = span
    blocks = list(_BLOCK.finditer(html, start, end))
    if len(blocks) < 2:
        return html
    text = "\n\n".join(remove_tags(block.group(0)).strip() for block in blocks)
    kept = html[start:end]
    for block in reversed(blocks[1:]):
        kept = kept[: block.start() - start] + kept[block.end() - start :]
    return _with_article_body(html[:start] + kept + html[end:], text)


def _with_article_body(html: str, text: str) -> str:
    """`html` whose first JSON-LD article node has an `articleBody` (set to `text` if none)."""
    for script in _JSON_LD.finditer(html):
        try:
            data = json.loads(script.group(2))
        except ValueError:
            continue
        node = next(_article_nodes(data), None)
        if node is None:
            continue
        if isinstance(node.get("articleBody"), str):
            return html
        node["articleBody"] = text
        return html[: script.start(2)] + _script_json(data) + html[script.end(2) :]
    graph = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": text}
    added = f'<script type="application/ld+json">{_script_json(graph)}</script>'
    return html.replace("</head>", added + "</head>", 1)


def _article_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _article_nodes(item)
    elif isinstance(data, dict):
        types = data.get("@type")
        names = {types} if isinstance(types, str) else set(types or [])
        if names & _ARTICLE_TYPES:
            yield data
        yield from _article_nodes(data.get("@graph"))


def _script_json(data: Any) -> str:
    """JSON safe inside `<script>`: no `</` can end the element early."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
