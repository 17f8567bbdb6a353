"""Arabic-script folding: tatweel and harakat removed for matching, and the search form."""

from __future__ import annotations

# U+0640 ARABIC TATWEEL stretches a word for layout (`الميدانيـة`, `عــاجــل`); it is no letter.
TATWEEL = "\u0640"
# Harakat and Quranic marks: fathatan .. sukun, superscript alef, and the small high marks.
_MARKS = {chr(code) for code in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06ED))}
_REMOVED = dict.fromkeys(map(ord, {TATWEEL, *_MARKS}))
# The search form (README "Arabic search"): every hamza-carrying alef and alef wasla → bare
# alef; alef maqsura → ya; ta marbuta → ha, because writers and readers use each pair freely.
_SEARCH_FOLDS = {
    **_REMOVED,
    **dict.fromkeys(map(ord, "أإآٱ"), "ا"),
    ord("ى"): "ي",
    ord("ة"): "ه",
}


def remove_marks(text: str) -> str:
    """`الميدانيـة` → `الميدانية`, `أَحمد` → `أحمد`: letters only, as a reader matches them."""
    return text.translate(_REMOVED)


def search_form(text: str) -> str:
    """The form title, body and query share in the full-text index: `أَحمد`, `احمد` → `احمد`.

    Idempotent, and the identity on text without Arabic letters, so English search is unchanged.
    """
    return text.translate(_SEARCH_FOLDS)


# Direction marks (LRM, RLM, ALM) are invisible: a name is the same with or without them.
_DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))
# The matching form: the search form, and Persian pages' keheh and farsi yeh (`مسکو`, `سویدا`)
# as the kaf and ya Arabic writes, without direction marks; one table, one pass.
_MATCH_FOLDS = {**_SEARCH_FOLDS, **_DIRECTION_MARKS, ord("ک"): "ك", ord("ی"): "ي"}


def remove_direction_marks(text: str) -> str:
    return text.translate(_DIRECTION_MARKS)


def match_form(text: str) -> str:
    """The form names are matched in (places, months): `إدلب`, `ادلـب`, `ادلب` → `ادلب`.

    The search form, Persian letters as Arabic ones, direction marks dropped, case folded.
    """
    return text.translate(_MATCH_FOLDS).casefold()
