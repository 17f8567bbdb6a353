"""Leads the articles table's search box to the canned search that stays fast at any size."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.app import Datasette

from newscrawler.normalize.arabic import search_form

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

FAST_QUERY = "search_articles"
TABLE_SEARCH = re.compile(r"^/(?P<database>[^/]+)/articles(?P<format>\.json|\.csv)?$")
# Asks for Datasette's own table search (with its count and facets), slow on a big archive.
KEEP_TABLE_SEARCH = "_table_search"
# Output options the canned query understands as the table does.
PASSED_ON = frozenset({"_shape", "_size", "_json", "_nl", "_dl"})
# The table filters the canned query takes as parameters (the ones the facets click on):
# `place` matches each place of an A/B dateline, `person` any spelling of a name, `day` the
# UTC date of `published` as the table's date facet does.
FILTER_PARAMETERS = {
    "dateline_place": "place",
    "dateline_place__exact": "place",
    "staff__arraycontains": "person",
    "categories__arraycontains": "category",
    "published__date": "day",
}
# A day as the date facet writes it (`date(published)`: YYYY-MM-DD, ASCII digits).
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def fast_search_target(path: str, query_string: str) -> tuple[str, str] | None:
    """(database, URL of the fast search) for a table search it can answer; None otherwise.

    A search narrowed by a place, a person, a category or a day (what the facets click on)
    goes too, each filter given once and not empty, a day a real date. Any other column filter,
    a column search (`_search_title=…`) or `_table_search=1` stays with the table, which alone
    applies them.
    """
    found = TABLE_SEARCH.match(path)
    params = parse_qsl(query_string, keep_blank_values=True)
    names = [name for name, _ in params]
    terms = [value for name, value in params if name == "_search" and value.strip()]
    if not found or len(terms) != 1 or KEEP_TABLE_SEARCH in names:
        return None
    if any(name.startswith("_search_") for name in names):
        return None
    filters = [(name, value) for name, value in params if not name.startswith("_")]
    if any(name not in FILTER_PARAMETERS for name, _ in filters):
        return None
    mapped = [(FILTER_PARAMETERS[name], value) for name, value in filters]
    if not all(is_parameter_value(parameter, value) for parameter, value in mapped):
        return None
    if len({parameter for parameter, _ in mapped}) != len(mapped):
        return None
    kept = [(name, value) for name, value in params if name in PASSED_ON]
    query = urlencode([("q", terms[0]), *mapped, *kept])
    database = found["database"]
    return database, f"/{database}/{FAST_QUERY}{found['format'] or ''}?{query}"


def is_parameter_value(parameter: str, value: str) -> bool:
    """Whether the canned query answers for `value` as the table would: not empty, and a day a
    real YYYY-MM-DD date (anything else stays with the table, which shows what it makes of it)."""
    if parameter != "day":
        return bool(value.strip())
    if not DAY.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def folded_table_search(path: str, query_string: str) -> str | None:
    """The query string with its `_search` terms in their search form, for a table search that
    stays with the table; None when nothing changes. The index holds that form (m015)."""
    if not TABLE_SEARCH.match(path):
        return None
    params = parse_qsl(query_string, keep_blank_values=True)
    folded = [
        (name, search_form(value) if name == "_search" or name.startswith("_search_") else value)
        for name, value in params
    ]
    return urlencode(folded) if folded != params else None


async def redirect(send: Send, location: str) -> None:
    headers = [(b"location", location.encode("utf-8")), (b"content-type", b"text/plain")]
    await send({"type": "http.response.start", "status": 302, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


@hookimpl
def asgi_wrapper(datasette: Datasette) -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def fast_table_search(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            query_string = scope.get("query_string", b"").decode("latin-1")
            target = fast_search_target(scope["path"], query_string)
            if target and await datasette.get_canned_query(target[0], FAST_QUERY, None):
                await redirect(send, datasette.urls.path(target[1]))
                return
            folded = folded_table_search(scope["path"], query_string)
            if folded is not None:
                scope = {**scope, "query_string": folded.encode("ascii")}
            await app(scope, receive, send)

        return fast_table_search

    return wrap
