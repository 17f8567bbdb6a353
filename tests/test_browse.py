"""The front door's pieces outside Datasette: revision changes, the browse command's flags."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newscrawler.archive.reading import Revision
from newscrawler.browse import (
    METADATA_PATH,
    PLUGINS_DIR,
    STATIC_DIR,
    TEMPLATES_DIR,
    datasette_options,
)
from newscrawler.browse.changes import revision_changes
from tests.support import ROOT


def revision(number: int, title: str, body: str, current: bool = False) -> Revision:
    return Revision(
        number=number,
        captured=f"2024-0{number}-01T00:00:00+00:00",
        title=title,
        body=body,
        content_hash=f"hash{number}",
        warc_file=None,
        warc_offset=None,
        current=current,
    )


def test_each_revision_is_compared_with_the_one_before() -> None:
    first = revision(1, "Ferry resumes", "The ferry sailed.")
    second = revision(2, "Updated: ferry resumes", "The ferry sailed.")
    third = revision(3, "Updated: ferry resumes", "The ferry sailed at dawn.", current=True)
    changes = revision_changes([first, second, third])
    assert [(change.before.number, change.after.number) for change in changes] == [(1, 2), (2, 3)]
    assert changes[0].title == [("del", "Ferry "), ("ins", "Updated: ferry "), ("same", "resumes")]
    assert changes[0].body is None
    assert changes[1].title is None
    assert changes[1].body == [("same", "The ferry sailed "), ("ins", "at dawn"), ("same", ".")]


def test_a_single_revision_has_no_changes() -> None:
    assert revision_changes([revision(1, "Ferry resumes", "The ferry sailed.", current=True)]) == []


def test_datasette_options_point_at_existing_files() -> None:
    options = datasette_options()
    assert options[options.index("-m") + 1] == str(METADATA_PATH)
    assert options[options.index("--plugins-dir") + 1] == str(PLUGINS_DIR)
    assert options[options.index("--template-dir") + 1] == str(TEMPLATES_DIR)
    assert options[options.index("--static") + 1] == f"newscrawler:{STATIC_DIR}"
    assert (PLUGINS_DIR / "reading.py").is_file()
    assert (TEMPLATES_DIR / "_article_reading.html").is_file()
    assert {path.name for path in STATIC_DIR.iterdir()} == {
        "reading.css",
        "front-door.css",
        "front-door.js",
    }
    assert METADATA_PATH.is_file()


def test_browse_refuses_a_missing_archive(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    command = [sys.executable, "-m", "newscrawler", "browse", "--archive", str(missing)]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert completed.returncode == 1
    assert f"No archive at {missing}" in completed.stderr
    assert not missing.exists()
