"""Arabic folding: marks removed for matching; the search form's documented folds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.arabic import match_form, remove_marks, search_form
from newscrawler.normalize.places import canonical_place


@pytest.mark.parametrize(
    ("written", "matched"),
    [("الميدانيـة", "الميدانية"), ("عــاجــل", "عاجل"), ("أَحْمَد", "أحمد"), ("Damascus", "Damascus")],
)
def test_remove_marks(written: str, matched: str) -> None:
    assert remove_marks(written) == matched


@pytest.mark.parametrize("spelling", ["أحمد", "احمد", "أَحمد", "إحمد", "آحمد", "أحـمد"])
def test_every_spelling_of_a_name_has_one_search_form(spelling: str) -> None:
    assert search_form(spelling) == "احمد"


@pytest.mark.parametrize(("written", "folded"), [("مستشفى", "مستشفي"), ("مدرسة", "مدرسه")])
def test_alef_maqsura_and_ta_marbuta_fold(written: str, folded: str) -> None:
    assert search_form(written) == folded


@given(st.text())
def test_search_form_is_idempotent(text: str) -> None:
    assert search_form(search_form(text)) == search_form(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x5FF)))
def test_search_form_leaves_text_without_arabic_alone(text: str) -> None:
    assert search_form(text) == text


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("إدلب", "ادلب"),
        ("حماة", "حماه"),
        ("مسکو", "مسكو"),
        ("سویدا", "سويدا"),
        ("دمشـق", "دِمَشق"),
        ("\u200fדמשק", "דמשק"),
        ("ŞAM", "şam"),
    ],
)
def test_variants_share_one_match_form(one: str, other: str) -> None:
    assert match_form(one) == match_form(other)


# Arabic and Persian letters, tatweel, harakat, direction marks and spaces.
ARABIC_SCRIPT = st.text(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" \u200f\u00a0")
)


@given(ARABIC_SCRIPT)
def test_match_form_is_idempotent(text: str) -> None:
    assert match_form(match_form(text)) == match_form(text)


@given(ARABIC_SCRIPT)
def test_canonical_place_of_arabic_script_is_idempotent(text: str) -> None:
    once = canonical_place(text)
    assert canonical_place(once) == once
    assert "\u0640" not in once
