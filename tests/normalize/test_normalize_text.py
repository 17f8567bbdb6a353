"""Tests for normalize/text.py: space cleaning, dropped body lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.text import body_lines, clean_text, is_caption_line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Damascus,\u00a0SANA – text", "Damascus, SANA – text"),
        ("two  spaces and\u2009thin\u202fnarrow", "two spaces and thin narrow"),
        ("  \u00a0padded\u00a0 ", "padded"),
        ("a\tb\nc", "a b c"),
        ("Mikdad : Syria , Iran ; Iraq", "Mikdad: Syria, Iran; Iraq"),
        ("ends with a space ,", "ends with a space,"),
        ("“quoted” – dashes — kept - as written …", "“quoted” – dashes — kept - as written …"),
        ("a period stays apart .", "a period stays apart ."),
        ("", ""),
        ("\u00a0\u00a0", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("", True),
        ("\u00a0", True),
        ("  \u00a0 \u2009", True),
        ("DSC_0012.JPG", True),
        ("صورة-حلب.jpg", True),
        ("لافروف-موسكو.jpeg", True),
        ("press-conference (2).png", True),
        ("\u00a0IMG_2231.webp\u00a0", True),
        ("The minister opened the new school.", False),
        ("Photos of the fair are on the agency's page", False),
        ("The file was named report.pdf", False),
        ("Hala Zain", False),
    ],
)
def test_is_caption_line(line: str, dropped: bool) -> None:
    assert is_caption_line(line) is dropped


@pytest.mark.parametrize(
    ("block_text", "lines"),
    [
        ("One line only", ["One line only"]),
        ("First line\nSecond  line", ["First line", "Second line"]),
        ("Line\n\u00a0\nDSC_0001.jpg\nLast", ["Line", "Last"]),
        ("\u00a0", []),
        ("صورة-حلب.jpg", []),
    ],
)
def test_body_lines_split_br_lines_and_drop_empty_and_file_names(
    block_text: str, lines: list[str]
) -> None:
    assert body_lines(block_text) == lines


@given(st.text())
def test_clean_text_is_idempotent(s: str) -> None:
    once = clean_text(s)
    assert clean_text(once) == once


@given(st.text())
def test_clean_text_leaves_no_unicode_spaces_or_runs(s: str) -> None:
    cleaned = clean_text(s)
    assert "  " not in cleaned
    assert all(not char.isspace() or char == " " for char in cleaned)
    assert cleaned == cleaned.strip()


@given(st.text())
def test_body_lines_are_clean_and_kept_lines(s: str) -> None:
    for line in body_lines(s):
        assert line == clean_text(line)
        assert not is_caption_line(line)
