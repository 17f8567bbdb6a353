"""The README is always true: what it documents exists, and what exists is documented."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import sqlite_utils
import yaml

from newscrawler import settings
from newscrawler.archive import Archive
from newscrawler.commands import INSPECTION_SETTINGS
from newscrawler.spiders.sana import LIVE_START_URLS, SanaSpider
from tests.support import METADATA_PATH, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
# The README's quick start names the Debian packages `make test` needs beyond Python and make.
QUICK_START = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
# SQLite's and FTS5's own tables, not the archive's.
INTERNAL_TABLE = re.compile(r"^(sqlite_|_sqlite_migrations$|articles_fts)")
PROJECT_SETTING = re.compile(r"^(ARCHIVE|SANA|NEWSCRAWLER|WARC|HEALTH|PROGRESS)_[A-Z_]+$")


def test_every_project_setting_is_documented() -> None:
    names = [name for name in vars(settings) if PROJECT_SETTING.match(name)]
    assert names
    for name in names:
        assert f"`{name}`" in README, name


def test_documented_project_settings_exist() -> None:
    for name in re.findall(
        r"`((?:HEALTH|PROGRESS|ARCHIVE|SANA|NEWSCRAWLER|WARC)_[A-Z_]+)`", README
    ):
        # The inspection commands set theirs, and settings.py must not outrank them.
        assert hasattr(settings, name) or name in INSPECTION_SETTINGS, name


def test_every_spider_argument_is_documented() -> None:
    arguments = [
        name
        for name in inspect.signature(SanaSpider.__init__).parameters
        if name not in {"self", "kwargs"}
    ]
    for name in arguments:
        assert f"| `{name}` |" in README, name


def test_live_start_points_are_documented() -> None:
    for url in LIVE_START_URLS:
        assert url in README


def test_quick_start_commands_exist_in_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in CI_RUN


def test_the_system_packages_ci_installs_are_named_in_the_quick_start() -> None:
    installs = re.findall(r"apt-get install (.+)", CI_RUN)
    packages = {word for line in installs for word in line.split() if word[0].isalpha()}
    assert packages
    for package in packages:
        assert f"apt-get install {package}" in QUICK_START, package


def test_every_archive_table_is_documented(tmp_path: Path) -> None:
    with Archive(tmp_path / "archive.db"):
        pass
    tables = sqlite_utils.Database(tmp_path / "archive.db").table_names()
    archive_tables = [name for name in tables if not INTERNAL_TABLE.match(name)]
    assert "removals" in archive_tables
    for name in archive_tables:
        assert f"`{name}`" in README, name


def test_every_canned_query_is_in_the_readme_table() -> None:
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    queries = metadata["databases"]["archive"]["queries"]
    assert "recent_changes" in queries
    for name in queries:
        assert f"\n| `{name}` |" in README, name
