"""The demo and the tools keep away from the production archive (issue 10, item 7)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT


def run_newscrawler(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawler", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_reparse_refuses_to_create_an_archive(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    missing = tmp_path / "archive.db"
    completed = run_newscrawler(
        "reparse", "--archive", str(missing), "--warc-dir", str(warc_dir), cwd=ROOT
    )
    assert completed.returncode == 1
    assert f"No archive at {missing}" in completed.stderr
    assert not missing.exists()


@pytest.mark.crawl
def test_demo_writes_its_captures_and_log_beside_its_own_archive(tmp_path: Path) -> None:
    archive = tmp_path / "demo" / "demo.db"
    completed = run_newscrawler("demo", "--archive", str(archive), cwd=ROOT)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert archive.is_file()
    assert list((archive.parent / "warc").glob("*.warc.gz"))
    log_file = archive.parent / "logs" / "demo-crawl.log"
    assert "Spider closed (finished)" in log_file.read_text(encoding="utf-8")
    assert str(log_file) in completed.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]


def test_make_demo_uses_a_folder_of_its_own() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "demo --archive exports/demo/demo.db" in makefile
    assert "exports/demo/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
