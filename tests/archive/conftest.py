"""Article dicts shaped like `Article.to_dict()`, and helpers to read the archive file directly."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawler.archive import Archive
from newscrawler.items import Article, Image, Link

ArticleFactory = Callable[..., dict[str, Any]]


def make_article(post_id: int = 101, **changes: Any) -> dict[str, Any]:
    """A complete archive-layout article; `changes` override any field."""
    article = Article(
        url=f"https://archive.sana.sy/en/?p={post_id}",
        post_id=post_id,
        site="sana",
        edition="en",
        language="en",
        layout="archive",
        title="Foreign ministers discuss grain corridor in Moscow",
        title_raw="Updated- Foreign ministers  discuss grain corridor in Moscow -Video",
        updated=True,
        media=["video"],
        published="2017-03-14T10:22:05+00:00",
        modified="2017-03-14T11:00:00+00:00",
        published_local="2017-03-14T12:22:05+02:00",
        dateline_raw="Moscow, SANA –",
        dateline_place="Moscow",
        dateline_agency="SANA",
        dateline_date=None,
        editor_tags_raw="Manar al-Freih /Mazen/ Hazem Sabbagh",
        editor_tags=["Manar al-Freih", "Mazen", "Hazem Sabbagh"],
        byline_raw=None,
        authors=[],
        subheadings=["Shipments through the straits"],
        body=(
            "The two ministers reviewed the wheat shipments planned for the spring.\n\n"
            "Shipments through the straits\n\n"
            "Port officials in Tartous expect the first cargo within weeks."
        ),
        categories=["Politics"],
        tags=["Russia"],
        images=[Image(src="https://archive.sana.sy/en/wp-content/a.jpg", alt="", caption="")],
        links=[
            Link(
                kind="check_also",
                url="https://archive.sana.sy/en/?p=99",
                anchor_text="Rain expected over the coast",
                teaser="Lattakia, SANA – Forecasters said …",
            )
        ],
        fetched_urls=[f"https://archive.sana.sy/en/?p={post_id}"],
    ).to_dict()
    article.update(changes)
    return article


@pytest.fixture
def article() -> ArticleFactory:
    return make_article


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive" / "archive.db"


@pytest.fixture
def archive(db_path: Path) -> Iterator[Archive]:
    with Archive(db_path) as opened:
        yield opened


ReadRows = Callable[..., list[dict[str, Any]]]


@pytest.fixture
def committed(db_path: Path) -> ReadRows:
    """Run a query on a second connection, which sees only what the archive has committed."""

    def read(sql: str, *params: Any) -> list[dict[str, Any]]:
        connection = sqlite3.connect(db_path)
        connection.row_factory = sqlite3.Row
        try:
            return [dict(row) for row in connection.execute(sql, params)]
        finally:
            connection.close()

    return read
