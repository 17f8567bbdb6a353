"""Tests for normalize/bylines.py: `By …` lines at the top of a body."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.bylines import Byline, split_byline

BODY = ["The conference closed with a joint statement."]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Lina Haddad", ["Lina Haddad"]),
        ("By Lina Haddad and Omar Saleh", ["Lina Haddad", "Omar Saleh"]),
        ("By Lina Haddad & Omar Saleh", ["Lina Haddad", "Omar Saleh"]),
        ("By Lina Haddad, Reuters", ["Lina Haddad"]),
        ("By Lina Haddad and Omar Saleh, Associated Press", ["Lina Haddad", "Omar Saleh"]),
        ("BY Rami al-sayed", ["Rami al-Sayed"]),
        ("By H. Zain", ["H. Zain"]),
    ],
)
def test_byline_is_taken(line: str, authors: list[str]) -> None:
    assert split_byline([line, *BODY]) == (Byline(line, authors), BODY)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the day, the road was open.",
        "By Monday, talks had resumed.",
        "By Lina Haddad, Reuters, in Geneva",
        "Byblos hosted the festival",
        "By 2030 the plant will be finished",
        "Moscow, SANA – By the way",
        "By",
    ],
)
def test_ordinary_first_paragraph_is_not_taken(line: str) -> None:
    assert split_byline([line, *BODY]) == (Byline(None, []), [line, *BODY])


def test_no_paragraphs() -> None:
    assert split_byline([]) == (Byline(None, []), [])


@given(st.lists(st.text(), max_size=3))
def test_split_byline_never_raises_and_takes_at_most_the_first(paragraphs: list[str]) -> None:
    byline, rest = split_byline(paragraphs)
    if byline.raw is None:
        assert (byline.authors, rest) == ([], paragraphs)
    else:
        assert rest == paragraphs[1:]
        again, _ = split_byline([byline.raw])
        assert again == byline
