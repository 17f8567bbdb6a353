"""The snapshot as a process: URL line first, clean exit on SIGTERM and SIGINT, helper cleanup."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from newscrawler.snapshot.process import PROJECT_ROOT, running_snapshot
from tests.snapshot.conftest import TEST_CONTENT, fetch


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stops_cleanly_on_signal(signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawler.snapshot", "--content", str(TEST_CONTENT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
    )
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("SNAPSHOT_URL=http://127.0.0.1:")
        assert fetch(line.split("=", 1)[1].strip() + "/robots.txt").status == 200
        os.kill(process.pid, signum)
        _, stderr = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in stderr


def test_helper_stops_the_server_on_exit() -> None:
    with running_snapshot("--content", str(TEST_CONTENT)) as url:
        assert fetch(f"{url}/robots.txt").status == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/robots.txt", timeout=5)
