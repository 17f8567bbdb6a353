"""The `places` gazetteer: data/places.csv (name, kind, country, coordinates, names per edition)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlite_utils import Database

PLACES_FILE = Path(__file__).with_name("data") / "places.csv"
# The editions' languages whose name of each place the gazetteer holds (`name_ar`, …): the name
# for the map and the places query; every spelling that resolves to it is in normalize's data.
NAME_LANGUAGES = ("ar", "fr", "es", "ru", "tr", "fa", "he")
_NAME_COLUMNS = tuple(f"name_{language}" for language in NAME_LANGUAGES)
_FORGET_PLACES = "DELETE FROM places"
_INSERT_PLACE = f"""
INSERT INTO places (name, kind, country, latitude, longitude, {", ".join(_NAME_COLUMNS)})
VALUES (:name, :kind, :country, :latitude, :longitude, {", ".join(f":{c}" for c in _NAME_COLUMNS)})
"""
_FORGET_ARTICLE_PLACES = "DELETE FROM article_places WHERE article_url = ?"
_INSERT_ARTICLE_PLACE = "INSERT INTO article_places (article_url, position, place) VALUES (?, ?, ?)"


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def _text(cell: str | None) -> str | None:
    """A cell's text; None for an empty or missing one (a row written without name columns)."""
    return (cell or "").strip() or None


def read_places(path: Path = PLACES_FILE) -> list[dict[str, Any]]:
    """The gazetteer rows; empty cells are None (pseudo-places have no coordinates)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "name": row["name"].strip(),
                "kind": row["kind"].strip(),
                "country": _text(row["country"]),
                "latitude": _number(row["latitude"]),
                "longitude": _number(row["longitude"]),
                **{column: _text(row.get(column)) for column in _NAME_COLUMNS},
            }
            for row in csv.DictReader(handle)
        ]


def refresh_places(db: Database, path: Path | None = None) -> None:
    """Replace `places` with the file's rows (default `PLACES_FILE`), so edits to it apply."""
    rows = read_places(path or PLACES_FILE)
    db.execute(_FORGET_PLACES)
    for row in rows:
        db.execute(_INSERT_PLACE, row)


def dateline_places(dateline_place: str | None) -> list[str]:
    """`Damascus/Aleppo` → [`Damascus`, `Aleppo`]: the places of a dateline, in order."""
    if not dateline_place:
        return []
    return [place.strip() for place in dateline_place.split("/") if place.strip()]


def save_article_places(db: Database, article_url: str, dateline_place: str | None) -> None:
    """Replace the article's `article_places` rows with its dateline's places."""
    db.execute(_FORGET_ARTICLE_PLACES, [article_url])
    db.conn.executemany(
        _INSERT_ARTICLE_PLACE,
        [
            (article_url, position, place)
            for position, place in enumerate(dateline_places(dateline_place), 1)
        ],
    )
