"""Shared fixtures: the snapshot site in a subprocess, and its content."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from newscrawler.frontier.local import running_redis
from newscrawler.snapshot.process import running_snapshot
from tests.support import CONTENT, load_content


@pytest.fixture(scope="session")
def snapshot_url() -> Iterator[str]:
    with running_snapshot() as base_url:
        yield base_url


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A fresh, real redis-server for one test (Debian's `redis-server`, on a free port)."""
    with running_redis() as url:
        yield url


@pytest.fixture(scope="session")
def archive_content() -> list[dict[str, Any]]:
    return load_content("archive")


@pytest.fixture(scope="session")
def relaunch_content() -> list[dict[str, Any]]:
    return load_content("relaunch")


@pytest.fixture(scope="session")
def categories() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (CONTENT / "categories.json").read_text(encoding="utf-8")
    )
    return data
