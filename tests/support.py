"""Test helpers: run the real `scrapy crawl sana` subprocess and read the snapshot content."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils
import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "newscrawler" / "snapshot" / "content"
METADATA_PATH = ROOT / "exports" / "metadata.yml"
PLUGINS_DIR = str(ROOT / "newscrawler" / "browse" / "plugins")
# The snapshot's robots.txt asks for SANA's Crawl-delay: 5 and injected 503s name no
# Retry-After; local test crawls need no pause for either.
FAST_LOCAL_SETTINGS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "NEWSCRAWLER_OBEY_CRAWL_DELAY=False",
    "NEWSCRAWLER_RETRY_BACKOFF=0",
)


@dataclass(frozen=True)
class CrawlResult:
    returncode: int
    log: str
    archive_path: Path


def run_crawl(archive_path: Path, start_urls: list[str], *args: str) -> CrawlResult:
    """Runs the real `scrapy crawl sana` as a subprocess, as cron would."""
    command = crawl_command(archive_path, start_urls, *args)
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    return CrawlResult(completed.returncode, completed.stderr, archive_path)


def free_port() -> int:
    """A port for a snapshot that is restarted with other options between runs: the archive
    re-checks articles at the address it fetched them from."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def crawl_command(archive_path: Path, start_urls: list[str], *args: str) -> list[str]:
    """The `scrapy crawl sana` command `run_crawl` runs, for callers that start it themselves."""
    command = [sys.executable, "-m", "scrapy", "crawl", "sana"]
    command += ["-a", "start_urls=" + ",".join(start_urls), "-s", f"ARCHIVE_PATH={archive_path}"]
    for setting in FAST_LOCAL_SETTINGS:
        command += ["-s", setting]
    return command + list(args)


def generated_only_content(folder: Path) -> Path:
    """A content folder with categories and sections but no hand-written articles."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("categories.json", "sections.json"):
        shutil.copy(CONTENT / name, folder / name)
    (folder / "archive").mkdir()
    (folder / "relaunch").mkdir()
    return folder


def load_content(layout: str) -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((CONTENT / layout).glob("*.json"))
    ]


JSON_COLUMNS = ("media", "editor_tags", "authors", "subheadings", "categories", "tags")
ROW_FIELDS = (
    "url", "post_id", "site", "edition", "layout", "title", "title_raw", "updated", "media",
    "published", "modified", "published_local", "dateline_raw", "dateline_place",
    "dateline_agency", "dateline_date", "editor_tags_raw", "editor_tags", "byline_raw",
    "authors", "subheadings", "body", "categories", "tags",
)  # fmt: skip


def archived_rows(path: Path) -> dict[str, dict[str, Any]]:
    db = sqlite_utils.Database(path)
    rows = {row["url"]: row for row in db["articles"].rows}
    for row in rows.values():
        for column in JSON_COLUMNS:
            row[column] = json.loads(row[column]) if row[column] is not None else None
        row["updated"] = bool(row["updated"])
    return rows


def expected_articles(content: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        item["expected"]["url"]: item["expected"]
        for item in content
        if "failure" not in item["expected"]
    }


def parametrize_fields(metafunc: Any, layout: str, names: tuple[str, str]) -> None:
    """One test case per (expected row, field) of the snapshot's `layout` articles."""
    cases = [
        (row, field)
        for row in expected_articles(load_content(layout)).values()
        for field in ROW_FIELDS
    ]
    metafunc.parametrize(names, cases, ids=[f"{row['post_id']}-{field}" for row, field in cases])


def datasette_query(archive_path: Path, name: str, **params: str) -> list[dict[str, Any]]:
    """The rows of a canned query or table, through Datasette with exports/metadata.yml."""
    metadata: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    database = archive_path.stem
    metadata["databases"][database] = metadata["databases"]["archive"]

    async def get() -> list[dict[str, Any]]:
        # The front door's plugins, as `python -m newscrawler browse` serves it (search_form()).
        client = Datasette([str(archive_path)], metadata=metadata, plugins_dir=PLUGINS_DIR).client
        response = await client.get(
            f"/{database}/{name}.json", params={**params, "_shape": "array"}
        )
        assert response.status_code == 200, response.text
        rows: list[dict[str, Any]] = response.json()
        return rows

    return asyncio.run(get())
