"""The charset rule shared by the crawl and `reparse`: the page's declaration wins a conflict."""

from __future__ import annotations

import pytest

from newscrawler.charset import page_encoding

PAGE = '<html><head><meta charset="UTF-8" /></head><body>Moscow, SANA – text</body></html>'


def test_the_page_declaration_wins_when_the_header_contradicts_it() -> None:
    assert page_encoding("text/html; charset=ISO-8859-1", PAGE.encode("utf-8")) == "utf-8"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=utf-8", PAGE.encode("utf-8")),  # they agree
        ("text/html", PAGE.encode("utf-8")),  # the header says nothing
        ("text/html; charset=ISO-8859-1", b"<html><body>no declaration</body></html>"),
        ("text/html; charset=ISO-8859-1", PAGE.encode("utf-8") + b"\xff\xfe"),  # not UTF-8
    ],
)
def test_otherwise_the_header_stands(content_type: str, body: bytes) -> None:
    assert page_encoding(content_type, body) is None
