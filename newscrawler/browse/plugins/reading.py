"""Datasette plugin: the reading view of an article, list columns, and links kept in the archive."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from datasette import hookimpl
from datasette.utils import path_with_added_args, tilde_encode, urlsafe_components
from markupsafe import Markup

from newscrawler import settings
from newscrawler.archive.reading import is_archived, read_article
from newscrawler.browse.changes import revision_changes

DAMASCUS = ZoneInfo(settings.SANA_TIMEZONE)
ARTICLES = "articles"
# Columns that hold an article's canonical URL in the archive's tables and canned queries.
ARTICLE_URL_COLUMNS = frozenset({"url", "to_url", "from_url", "article_url", "other_url"})
# The query-string arguments by which a person picks a table's columns themselves.
COLUMN_CHOICE_ARGS = ("_col", "_nocol")
# (database file, canonical URL) of articles found archived. The archive never deletes an
# article (a removal keeps its row), so a yes stays true and is not asked again: a list of 50
# links would otherwise cost 50 queries each time it is shown. A no is asked again.
ARCHIVED: set[tuple[str, str]] = set()
ARCHIVED_LIMIT = 200_000
# Database files that have an `articles` table.
ARCHIVES: set[str] = set()


def clock(value: str | None) -> str:
    """An ISO 8601 time as Damascus and UTC wall-clock time; '' for an empty value."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:  # the archive writes UTC; a bare time is read as such
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(DAMASCUS)
    utc = moment.astimezone(UTC)
    return f"{local:%d %b %Y, %H:%M} Damascus · {utc:%d %b %Y, %H:%M} UTC"


def reading_path(datasette: Any, database: str, url: str) -> str:
    """The path of the row page (the reading view) of archived article `url`."""
    return str(datasette.urls.row(database, ARTICLES, tilde_encode(url)))


async def has_articles_table(datasette: Any, database: str) -> bool:
    db = datasette.get_database(database)
    if db.path not in ARCHIVES and await db.table_exists(ARTICLES):
        ARCHIVES.add(db.path)
    return db.path in ARCHIVES


async def archived(datasette: Any, database: str, url: str) -> bool:
    """True if `url` is an archived article's canonical URL in `database`."""
    if not await has_articles_table(datasette, database):
        return False
    db = datasette.get_database(database)
    if (db.path, url) in ARCHIVED:
        return True
    if not await db.execute_fn(lambda conn: is_archived(conn, url)):
        return False
    if len(ARCHIVED) >= ARCHIVED_LIMIT:
        ARCHIVED.clear()
    ARCHIVED.add((db.path, url))
    return True


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["clock"] = clock


def _article_url(request: Any) -> str | None:
    components = urlsafe_components(request.url_vars["pks"])
    return components[0] if len(components) == 1 else None


async def _row_vars(datasette: Any, database: str, request: Any) -> dict[str, Any]:
    url = _article_url(request)
    if url is None or not await has_articles_table(datasette, database):
        return {}
    db = datasette.get_database(database)
    reading = await db.execute_fn(lambda conn: read_article(conn, url))
    if reading is None:
        return {}
    return {
        "reading": reading,
        "changes": revision_changes(reading.revisions),
        "article_path": reading_path(datasette, database, url),
        "reading_path": lambda other: reading_path(datasette, database, other),
    }


def _table_vars(datasette: Any, database: str, table: str, request: Any) -> dict[str, Any]:
    config = datasette.plugin_config("newscrawler", database=database, table=table) or {}
    chosen = any(arg in request.args for arg in COLUMN_CHOICE_ARGS)
    if not config.get("list_columns") or chosen:
        return {}
    # Datasette's _nocol drops one column and shows every other: the one least worth a look.
    return {
        "list_columns": list(config["list_columns"]),
        "all_columns_url": path_with_added_args(request, {"_nocol": config["all_but"]}),
    }


@hookimpl
def extra_template_vars(
    database: str | None, table: str | None, view_name: str, request: Any, datasette: Any
) -> Callable[[], Awaitable[dict[str, Any]]] | None:
    if request is None or database is None or table is None:
        return None

    async def template_vars() -> dict[str, Any]:
        if view_name == "row" and table == ARTICLES:
            return await _row_vars(datasette, database, request)
        if view_name == "table":
            return _table_vars(datasette, database, table, request)
        return {}

    return template_vars


def _link(path: str, text: str) -> Markup:
    # Markup.format escapes both.
    return Markup('<a href="{}">{}</a>').format(path, text)


def _row_url(row: Any) -> str | None:
    # A sqlite3.Row: `in` looks at its values, keys() at its column names.
    url = row["url"] if "url" in row.keys() else None  # noqa: SIM118
    return url if isinstance(url, str) else None


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, database: str, datasette: Any
) -> Awaitable[Markup | None] | None:
    """Titles of rows with a `url`, and article URL cells, link to the archived article's reading
    view when it is archived: read here, not on the live site, which may have changed or lost it."""
    if not isinstance(value, str):
        return None
    if column == "title" and (url := _row_url(row)) is not None:
        return _archived_link(datasette, database, url, value)
    if column in ARTICLE_URL_COLUMNS and value.startswith("http"):
        return _archived_link(datasette, database, value, value)
    return None


async def _archived_link(datasette: Any, database: str, url: str, text: str) -> Markup | None:
    if not await archived(datasette, database, url):
        return None
    return _link(reading_path(datasette, database, url), text)
