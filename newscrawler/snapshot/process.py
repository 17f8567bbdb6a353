"""`running_snapshot(*args)`: the snapshot site as a subprocess for tests, demos and benchmarks."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

URL_PREFIX = "SNAPSHOT_URL="
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class SnapshotStartError(RuntimeError):
    """The snapshot process exited or stayed silent instead of announcing its URL."""


@contextmanager
def running_snapshot(*args: str, timeout: float = 60.0) -> Iterator[str]:
    """Start `python -m newscrawler.snapshot *args`; yield its base URL; stop it on exit."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "newscrawler.snapshot", *args],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=env,
        )
        try:
            yield _await_url(process, stderr, timeout)
        finally:
            _stop(process)


def _await_url(process: subprocess.Popen[str], stderr: IO[str], timeout: float) -> str:
    assert process.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    # readline() cannot time out, so it runs on a helper thread that the timeout abandons.
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        raise SnapshotStartError(f"no {URL_PREFIX} line within {timeout} s") from None
    if not line.startswith(URL_PREFIX):
        process.wait(timeout=timeout)
        stderr.seek(0)
        raise SnapshotStartError(f"snapshot did not start: {line!r} {stderr.read().strip()}")
    return line[len(URL_PREFIX) :].strip()


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()
