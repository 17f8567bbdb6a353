"""Tests for normalize/editor_tags.py: staff tag lines at the end of a body, and what is not one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.editor_tags import EditorTags, split_editor_tags, tidy_name

BODY = ["Damascus hosted the conference.", "The delegates agreed on a final statement."]


@pytest.mark.parametrize(
    ("line", "raw", "names"),
    [
        (
            "Manar al-Freih /Mazen/ Hazem Sabbagh",
            "Manar al-Freih /Mazen/ Hazem Sabbagh",
            ["Manar al-Freih", "Mazen", "Hazem Sabbagh"],
        ),
        ("Hala Zain/Mazen", "Hala Zain/Mazen", ["Hala Zain", "Mazen"]),
        ("Hala Zain/ Mazen", "Hala Zain/ Mazen", ["Hala Zain", "Mazen"]),
        ("Hala Zain / Mazen", "Hala Zain / Mazen", ["Hala Zain", "Mazen"]),
        ("Hala Zain /Mazen/ Rami", "Hala Zain /Mazen/ Rami", ["Hala Zain", "Mazen", "Rami"]),
        ("Hala  Zain\u00a0/\u00a0Mazen", "Hala Zain / Mazen", ["Hala Zain", "Mazen"]),
        ("Hala Zain/", "Hala Zain/", ["Hala Zain"]),
        ("Hala Zain / Mazen /", "Hala Zain / Mazen /", ["Hala Zain", "Mazen"]),
        ("H. Zain", "H. Zain", ["H. Zain"]),
        ("R.J", "R.J", ["R.J"]),
        ("Gh.A.Hassoun", "Gh.A.Hassoun", ["Gh.A.Hassoun"]),
        ("H. Zain/ R.J", "H. Zain/ R.J", ["H. Zain", "R.J"]),
        ("Mazen/Rami", "Mazen/Rami", ["Mazen", "Rami"]),
        ("Manar al-frieh", "Manar al-frieh", ["Manar al-Frieh"]),
        ("Manar Al-Frieh", "Manar Al-Frieh", ["Manar al-Frieh"]),
        (
            "Manar AL-Freih/ Basma el-Qreima",
            "Manar AL-Freih/ Basma el-Qreima",
            ["Manar al-Freih", "Basma el-Qreima"],
        ),
        ("Hala Zain", "Hala Zain", ["Hala Zain"]),
        ("Mazen", "Mazen", ["Mazen"]),
        (
            "Mohammad Abdul-Karim Ali Hassan",
            "Mohammad Abdul-Karim Ali Hassan",
            ["Mohammad Abdul-Karim Ali Hassan"],
        ),
    ],
)
def test_tag_line_is_taken(line: str, raw: str, names: list[str]) -> None:
    assert split_editor_tags([*BODY, line]) == (EditorTags(raw, names), BODY)


@pytest.mark.parametrize(
    "line",
    [
        "The talks will resume next week.",
        "The talks will resume next week",
        "Both sides welcomed the outcome",
        "He said: the road is open",
        "Hala Zain, Mazen",
        "Hala Zain; Mazen",
        "Really?",
        "“Hala Zain”",
        "Hazem Sabbagh.",
        "Resolution 2254",
        "Hala Zain / Mazen / Rami / Basma",
        "One Two Three Four Five",
        "Manar al Freih",
        "Staff/report",
        "Ends with the Hama Festival.",
        "",
        "/",
    ],
)
def test_ordinary_last_paragraph_is_not_taken(line: str) -> None:
    assert split_editor_tags([*BODY, line]) == (EditorTags(None, []), [*BODY, line])


def test_no_paragraphs() -> None:
    assert split_editor_tags([]) == (EditorTags(None, []), [])


def test_only_the_last_paragraph_is_read() -> None:
    paragraphs = ["Hala Zain", "The delegates agreed on a final statement."]
    assert split_editor_tags(paragraphs) == (EditorTags(None, []), paragraphs)


@pytest.mark.parametrize(
    ("name", "tidy"),
    [
        ("Manar  al-frieh", "Manar al-Frieh"),
        ("Manar AL-Frieh", "Manar al-Frieh"),
        ("Basma El-qreima", "Basma el-Qreima"),
        ("Gh.A.Hassoun", "Gh.A.Hassoun"),
        ("R.J", "R.J"),
        ("McDonald", "McDonald"),
    ],
)
def test_tidy_name(name: str, tidy: str) -> None:
    assert tidy_name(name) == tidy


@given(st.lists(st.text(), max_size=4))
def test_split_editor_tags_never_raises_and_takes_at_most_the_last(
    paragraphs: list[str],
) -> None:
    tags, rest = split_editor_tags(paragraphs)
    if tags.raw is None:
        assert (tags.names, rest) == ([], paragraphs)
    else:
        assert rest == paragraphs[:-1]
        assert 1 <= len(tags.names) <= 3


NAME_WORDS = st.sampled_from(
    ["Hala", "Zain", "al-freih", "R.J", "H.", "Gh.A.Hassoun", "Mazen", "EL-Qreima"]
)
NAMES = st.lists(NAME_WORDS, min_size=1, max_size=4).map(" ".join)
SEPARATORS = st.sampled_from(["/", "/ ", " / ", " /"])


@given(st.lists(NAMES, min_size=1, max_size=3), SEPARATORS, st.booleans())
def test_generated_tag_lines_round_trip(names: list[str], separator: str, slash: bool) -> None:
    line = separator.join(names) + ("/" if slash else "")
    tags, rest = split_editor_tags([line])
    assert rest == []
    assert tags.names == [tidy_name(name) for name in names]
    again, _ = split_editor_tags(["/".join(tags.names)])
    assert again.names == tags.names


@given(st.text())
def test_tidy_name_is_idempotent(name: str) -> None:
    assert tidy_name(tidy_name(name)) == tidy_name(name)
