"""Shared fixtures for the snapshot site tests: the test content folder and an HTTP client."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from newscrawler.snapshot.content import Content, load_content
from newscrawler.snapshot.generate import GeneratedArchive
from newscrawler.snapshot.process import running_snapshot
from newscrawler.snapshot.site import Site

TEST_CONTENT = Path(__file__).parent / "content"
GENERATED = 25


@dataclass
class Fetched:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Fetched:
    """One request, redirects not followed, error statuses returned rather than raised."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=30) as response:
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


@pytest.fixture(scope="session")
def test_content() -> Content:
    return load_content(TEST_CONTENT)


@pytest.fixture(scope="session")
def site(test_content: Content) -> Site:
    return Site(test_content, GeneratedArchive(GENERATED, list(test_content.categories)))


@pytest.fixture(scope="module")
def snapshot_url() -> Iterator[str]:
    """A plain snapshot (no faults) over the test content plus a few generated posts."""
    with running_snapshot("--content", str(TEST_CONTENT), "--generate", str(GENERATED)) as url:
        yield url
