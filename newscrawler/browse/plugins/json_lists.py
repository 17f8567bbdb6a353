"""Shows the archive's JSON list columns as lists of names, each a link to its facet."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

# The articles columns that hold JSON lists of strings (rows.py writes them with json.dumps).
LIST_COLUMNS = frozenset(
    {"editor_tags", "staff", "categories", "tags", "media", "authors", "subheadings"}
)
# Those whose items are worth a click: the articles that share the item.
LINKED_COLUMNS = frozenset({"staff", "editor_tags", "categories", "tags", "media", "authors"})


def list_items(value: Any) -> list[str] | None:
    """The strings of a JSON list column's value; None for anything else (shown as it is)."""
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return None
    return items


def item_html(item: str, column: str, articles_path: str | None) -> str:
    if articles_path is None or column not in LINKED_COLUMNS:
        return f'<span class="list-item" dir="auto">{escape(item)}</span>'
    href = f"{articles_path}?{urlencode({f'{column}__arraycontains': item})}"
    return f'<a class="list-item" dir="auto" href="{escape(href)}">{escape(item)}</a>'


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    items = list_items(value) if column in LIST_COLUMNS else None
    if items is None:
        return None
    if not items:
        return Markup('<span class="list-empty">none</span>')
    articles_path = datasette.urls.table(database, "articles") if table == "articles" else None
    return Markup(", ".join(item_html(item, column, articles_path) for item in items))
