"""The `places` gazetteer: data/places.csv (dateline spelling, kind, country, coordinates)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlite_utils import Database

PLACES_FILE = Path(__file__).with_name("data") / "places.csv"
_FORGET_PLACES = "DELETE FROM places"
_INSERT_PLACE = """
INSERT INTO places (name, kind, country, latitude, longitude)
VALUES (:name, :kind, :country, :latitude, :longitude)
"""
_FORGET_ARTICLE_PLACES = "DELETE FROM article_places WHERE article_url = ?"
_INSERT_ARTICLE_PLACE = "INSERT INTO article_places (article_url, position, place) VALUES (?, ?, ?)"


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def read_places(path: Path = PLACES_FILE) -> list[dict[str, Any]]:
    """The gazetteer rows; empty cells are None (pseudo-places have no coordinates)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "name": row["name"].strip(),
                "kind": row["kind"].strip(),
                "country": row["country"].strip() or None,
                "latitude": _number(row["latitude"]),
                "longitude": _number(row["longitude"]),
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
