"""`word_diff`: what changed between two revisions' texts, word by word."""

from __future__ import annotations

import re

from newscrawler.normalize.diff import word_diff


def test_a_replaced_number_and_an_added_clause() -> None:
    old = "The plan aims to provide 10,000 jobs, the minister said."
    new = "The plan aims to provide 12,000 jobs in rural areas, the minister said."
    assert word_diff(old, new) == [
        ("same", "The plan aims to provide "),
        ("del", "10,000 "),
        ("ins", "12,000 "),
        ("same", "jobs "),
        ("ins", "in rural areas"),
        ("same", ", the minister said."),
    ]


def unspaced(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_the_runs_join_back_into_either_text() -> None:
    old = "Heavy rain fell on Lattakia.\n\nRoads were closed for hours."
    new = "Heavy rain fell on Lattakia and Tartous.\n\nRoads were closed."
    runs = word_diff(old, new)
    assert "".join(text for change, text in runs if change != "del") == new
    assert unspaced("".join(text for change, text in runs if change != "ins")) == unspaced(old)
    assert runs == [
        ("same", "Heavy rain fell on Lattakia "),
        ("ins", "and Tartous"),
        ("same", ".\n\nRoads were closed"),
        ("del", "for hours"),
        ("same", "."),
    ]


def test_spacing_alone_is_no_change() -> None:
    assert word_diff("one two\nthree", "one  two three") == [("same", "one  two three")]


def test_names_and_numbers_stay_whole() -> None:
    assert word_diff("Manar al-Frieh", "Manar al-Freih") == [
        ("same", "Manar "),
        ("del", "al-Frieh"),
        ("ins", "al-Freih"),
    ]


def test_identical_and_empty_texts() -> None:
    assert word_diff("same words", "same words") == [("same", "same words")]
    assert word_diff("", "") == []
    assert word_diff("", "all new") == [("ins", "all new")]
    assert word_diff("all gone", "") == [("del", "all gone")]


def test_a_change_at_the_end_of_a_long_text_is_only_that_change() -> None:
    filler = " ".join(f"the report {n} said the" for n in range(300))
    runs = word_diff(filler + " end", filler + " close")
    assert runs[1:] == [("del", "end"), ("ins", "close")]
