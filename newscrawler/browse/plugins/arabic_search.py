"""Gives the archive's SQL the search form of Arabic text, so queries fold as the index does."""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from newscrawler.normalize.arabic import search_form

# The canned searches (exports/metadata.yml) match `search_form(:q)`: the index holds title
# and body in that form (archive migration m015), so أحمد, احمد and أَحمد find the same rows.
SQL_FUNCTION = "search_form"


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function(SQL_FUNCTION, 1, _search_form, deterministic=True)


SqlValue = str | int | float | bytes | None


def _search_form(text: SqlValue) -> SqlValue:
    # SQL NULL and numbers pass through: only text has letters to fold.
    return search_form(text) if isinstance(text, str) else text
