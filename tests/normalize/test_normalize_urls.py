"""Tests for normalize/urls.py: one canonical URL per post, whatever host served it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.urls import canonical_link, canonical_url


@pytest.mark.parametrize(
    ("layout", "post_id", "section", "fallback", "expected"),
    [
        (
            "archive",
            101234,
            None,
            "https://sana.sy/en/?p=101234",
            "https://archive.sana.sy/en/?p=101234",
        ),
        (
            "archive",
            101234,
            None,
            "http://127.0.0.1:8123/en/?p=101234",
            "https://archive.sana.sy/en/?p=101234",
        ),
        (
            "relaunch",
            2270101,
            "politics",
            "http://127.0.0.1:8123/en/politics/2270101/",
            "https://sana.sy/en/politics/2270101/",
        ),
        (
            "relaunch",
            2270101,
            None,
            "http://127.0.0.1:8123/en/economy/2270101/",
            "https://sana.sy/en/economy/2270101/",
        ),
        (
            "archive",
            None,
            None,
            "https://www.sana.sy./en/?p=55#comments",
            "https://archive.sana.sy/en/?p=55",
        ),
        (
            "archive",
            None,
            None,
            "HTTP://Mirror.Example/some/Page?x=1#top",
            "http://mirror.example/some/Page?x=1",
        ),
    ],
)
def test_canonical_url(
    layout: str, post_id: int | None, section: str | None, fallback: str, expected: str
) -> None:
    assert canonical_url(layout, post_id, section, fallback) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://sana.sy/en/?p=101200", "https://archive.sana.sy/en/?p=101200"),
        ("https://www.sana.sy/en/?p=101200", "https://archive.sana.sy/en/?p=101200"),
        ("http://sana.sy./en/?p=101200", "https://archive.sana.sy/en/?p=101200"),
        ("https://archive.sana.sy/en/?p=101200#respond", "https://archive.sana.sy/en/?p=101200"),
        ("http://127.0.0.1:40111/en/?p=7", "https://archive.sana.sy/en/?p=7"),
        ("https://sana.sy/en/index.php?p=7", "https://archive.sana.sy/en/?p=7"),
        ("https://sana.sy/en/politics/2270050/", "https://sana.sy/en/politics/2270050/"),
        ("http://127.0.0.1:40111/en/economy/2270050", "https://sana.sy/en/economy/2270050/"),
        ("https://sana.sy/en/politics/page/2/", "https://sana.sy/en/politics/page/2/"),
        ("https://sana.sy/en/page/2/", "https://sana.sy/en/page/2/"),
        ("https://sana.sy/en/?cat=3&paged=2", "https://sana.sy/en/?cat=3&paged=2"),
        ("HTTPS://WWW.Example.ORG/News/Item#part", "https://www.example.org/News/Item"),
        ("http://[broken", "http://[broken"),
        ("", ""),
    ],
)
def test_canonical_link(url: str, expected: str) -> None:
    assert canonical_link(url) == expected


@given(st.text())
def test_canonical_link_is_idempotent(url: str) -> None:
    once = canonical_link(url)
    assert canonical_link(once) == once


@given(
    st.integers(min_value=1), st.sampled_from(["sana.sy", "www.sana.sy", "sana.sy.", "127.0.0.1:9"])
)
def test_every_archive_host_maps_to_one_url(post_id: int, host: str) -> None:
    url = f"http://{host}/en/?p={post_id}"
    assert (
        canonical_link(url)
        == canonical_url("archive", post_id, None, url)
        == f"https://archive.sana.sy/en/?p={post_id}"
    )


ARABIC_HOSTS = ["sana.sy", "www.sana.sy", "archive.sana.sy", "sana.sy.", "sanasyria.org"]


@given(st.integers(min_value=1), st.sampled_from([*ARABIC_HOSTS, "127.0.0.1:9"]))
def test_every_host_of_an_arabic_post_maps_to_one_url(post_id: int, host: str) -> None:
    url = f"https://{host}/?p={post_id}"
    assert (
        canonical_link(url)
        == canonical_url("archive", post_id, None, url)
        == f"https://sana.sy/?p={post_id}"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://sanasyria.org/?p=352401", "https://sana.sy/?p=352401"),
        ("http://127.0.0.1:9/index.php?p=5", "https://sana.sy/?p=5"),
        ("https://sana.sy/tourism/2051/", "https://sana.sy/tourism/2051/"),
        ("http://127.0.0.1:9/tourism/2051", "https://sana.sy/tourism/2051/"),
        ("https://www.sana.sy/fr/?p=7", "https://sana.sy/fr/?p=7"),
        ("http://127.0.0.1:9/fr/politique/88/", "https://sana.sy/fr/politique/88/"),
        ("https://sana.sy./fa/?p=20025", "https://sana.sy/fa/?p=20025"),
        ("https://sana.sy/page/2/", "https://sana.sy/page/2/"),
        ("https://sana.sy/?cat=29582&paged=2", "https://sana.sy/?cat=29582&paged=2"),
    ],
)
def test_canonical_link_of_other_editions(url: str, expected: str) -> None:
    assert canonical_link(url) == expected


def test_one_post_id_in_two_editions_is_two_articles() -> None:
    arabic = canonical_url("archive", 5, None, "https://sana.sy/?p=5")
    english = canonical_url("archive", 5, None, "https://sana.sy/en/?p=5")
    assert arabic == "https://sana.sy/?p=5"
    assert english == "https://archive.sana.sy/en/?p=5"


def test_relaunch_article_is_canonical_in_its_edition() -> None:
    url = "http://127.0.0.1:9/ru/politika/31/"
    assert canonical_url("relaunch", 31, "politika", url) == "https://sana.sy/ru/politika/31/"
