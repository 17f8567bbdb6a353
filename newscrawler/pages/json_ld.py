"""JSON-LD on article pages: the first NewsArticle-like node and the fields read from it."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from lxml.etree import _Element

from newscrawler.pages.markup import compiled_xpath

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle"})
# `/descendant::`, not `//`, which libxml2 reads as every node's children (see archive_layout).
_SCRIPTS = compiled_xpath("/descendant::script[contains(@type, 'ld+json')]/text()")
_TEXT = compiled_xpath("text()")


def article_node(page: _Element) -> dict[str, Any] | None:
    """The first NewsArticle-like JSON-LD node of the page; unparsable scripts are skipped."""
    return _first_article_node(_SCRIPTS(page))


def article_node_in(scripts: Iterable[_Element]) -> dict[str, Any] | None:
    """`article_node` of a page whose `<script>` elements were found already, in page order."""
    return _first_article_node(
        text
        for script in scripts
        if "ld+json" in (script.get("type") or "")
        for text in _TEXT(script)
    )


def _first_article_node(scripts: Iterable[str]) -> dict[str, Any] | None:
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        for node in json_ld_nodes(data):
            if json_ld_types(node) & ARTICLE_TYPES:
                return node
    return None


def json_ld_types(node: dict[str, Any]) -> set[str]:
    """`@type` is a name or a list of names."""
    types = node.get("@type")
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    return {name for name in names if isinstance(name, str)}


def json_ld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: a top-level object or list, and `@graph` members."""
    pending: deque[Any] = deque([data])
    while pending:
        item = pending.popleft()
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                pending.append(graph)


def json_ld_string(node: dict[str, Any] | None, key: str) -> str | None:
    """The node's `key` when it is a non-empty string, else None."""
    value = node.get(key) if node else None
    return value if isinstance(value, str) and value else None


def json_ld_sections(node: dict[str, Any] | None) -> list[str]:
    """`articleSection`: one name or a list of names."""
    value = node.get("articleSection") if node else None
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [section for section in values if isinstance(section, str) and section]
