"""Exports of the archive's articles as JSON Lines or CSV, streamed row by row."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from newscrawler.archive.rows import JSON_COLUMNS

FORMATS = ("jsonl", "csv")
_ARTICLES = "SELECT * FROM articles ORDER BY published, url"


def _read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise FileNotFoundError(f"no archive at {path}")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _rows(cursor: sqlite3.Cursor, columns: list[str]) -> Iterator[dict[str, Any]]:
    for values in cursor:
        yield dict(zip(columns, values, strict=True))


def _write_jsonl(columns: list[str], rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        for name in JSON_COLUMNS & row.keys():
            if row[name] is not None:
                row[name] = json.loads(row[name])
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(columns: list[str], rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def export_articles(archive_path: Path, output: Path, fmt: str) -> int:
    """Write every article to `output` (JSON columns as real JSON in jsonl); returns the count.

    CSV keeps the JSON columns as JSON text, the form a spreadsheet can show in one cell.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    connection = _read_only(archive_path)
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        with output.open("w", encoding="utf-8", newline="") as out:
            cursor = connection.execute(_ARTICLES)
            columns = [column[0] for column in cursor.description]
            write = _write_jsonl if fmt == "jsonl" else _write_csv
            return write(columns, _rows(cursor, columns), out)
    finally:
        connection.close()
