"""Tests for normalize/datelines.py: every dateline shape, readable, unreadable or absent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.datelines import Dateline, split_dateline

BODY = "The governor inaugurated a water station."


def readable(raw: str, place: str, month: int | None = None, day: int | None = None) -> Dateline:
    return Dateline(raw, place, "SANA", month, day, BODY)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # dashes and the spacing around them
        (f"Moscow, SANA – {BODY}", readable("Moscow, SANA –", "Moscow")),
        (f"Damascus, SANA-{BODY}", readable("Damascus, SANA-", "Damascus")),
        (f"Damascus, SANA- {BODY}", readable("Damascus, SANA-", "Damascus")),
        (f"Damascus, SANA–{BODY}", readable("Damascus, SANA–", "Damascus")),
        (f"Damascus, SANA–  {BODY}", readable("Damascus, SANA–", "Damascus")),
        (f"Damascus, SANA –\u00a0{BODY}", readable("Damascus, SANA –", "Damascus")),
        (f"Damascus, SANA — {BODY}", readable("Damascus, SANA —", "Damascus")),
        (f"Homs, SANA_ {BODY}", readable("Homs, SANA_", "Homs")),
        (f"Homs, SANA _{BODY}", readable("Homs, SANA _", "Homs")),
        (f"Hama, SANA - {BODY}", readable("Hama, SANA -", "Hama")),
        # the comma: missing space, a period or a hyphen instead
        (f"Aleppo,SANA – {BODY}", readable("Aleppo,SANA –", "Aleppo")),
        (f"Aleppo. SANA – {BODY}", readable("Aleppo. SANA –", "Aleppo")),
        (f"Aleppo- SANA – {BODY}", readable("Aleppo- SANA –", "Aleppo")),
        # ALL-CAPS places
        (f"DAMASCUS, SANA – {BODY}", readable("DAMASCUS, SANA –", "Damascus")),
        (f"DEIR EZZOR, SANA – {BODY}", readable("DEIR EZZOR, SANA –", "Deir Ezzor")),
        (f"BEIRUT, SANA – {BODY}", readable("BEIRUT, SANA –", "Beirut")),
        # (SANA) forms
        (f"Tartous, (SANA) – {BODY}", readable("Tartous, (SANA) –", "Tartous")),
        (f"Tartous (SANA) – {BODY}", readable("Tartous (SANA) –", "Tartous")),
        (f"Tartous (SANA) {BODY}", readable("Tartous (SANA)", "Tartous")),
        # relaunched site: month and day
        (
            f"Washington, Dec. 11 (SANA) {BODY}",
            readable("Washington, Dec. 11 (SANA)", "Washington", 12, 11),
        ),
        (
            f"Washington, Dec. 11 (SANA) – {BODY}",
            readable("Washington, Dec. 11 (SANA) –", "Washington", 12, 11),
        ),
        (f"Amman, Sept 3 (SANA) {BODY}", readable("Amman, Sept 3 (SANA)", "Amman", 9, 3)),
        (f"Cairo, March 4 (SANA) {BODY}", readable("Cairo, March 4 (SANA)", "Cairo", 3, 4)),
        (f"Damascus, Jan 28 (SANA) {BODY}", readable("Damascus, Jan 28 (SANA)", "Damascus", 1, 28)),
        (f"DAMASCUS, OCT. 2 (SANA) {BODY}", readable("DAMASCUS, OCT. 2 (SANA)", "Damascus", 10, 2)),
        # several places, pseudo-places
        (f"Damascus/Aleppo, SANA – {BODY}", readable("Damascus/Aleppo, SANA –", "Damascus/Aleppo")),
        (f"Idlib / LATAKIA, SANA – {BODY}", readable("Idlib / LATAKIA, SANA –", "Idleb/Lattakia")),
        (
            f"Hama/Homs/Tartus, SANA – {BODY}",
            readable("Hama/Homs/Tartus, SANA –", "Hama/Homs/Tartous"),
        ),
        (f"Provinces, SANA – {BODY}", readable("Provinces, SANA –", "Provinces")),
        (f"CAPITALS, SANA – {BODY}", readable("CAPITALS, SANA –", "Capitals")),
        # variant spellings
        (f"Idlib, SANA – {BODY}", readable("Idlib, SANA –", "Idleb")),
        (f"Latakia, SANA – {BODY}", readable("Latakia, SANA –", "Lattakia")),
        (f"Deir ez-Zor, SANA – {BODY}", readable("Deir ez-Zor, SANA –", "Deir Ezzor")),
        (f"Deir-Ezzor- SANA – {BODY}", readable("Deir-Ezzor- SANA –", "Deir Ezzor")),
        (f"Hasakah, SANA – {BODY}", readable("Hasakah, SANA –", "Hasaka")),
        (f"Suwayda, SANA – {BODY}", readable("Suwayda, SANA –", "Sweida")),
        (f"Qunaitra, SANA – {BODY}", readable("Qunaitra, SANA –", "Quneitra")),
        (f"Tartus, SANA – {BODY}", readable("Tartus, SANA –", "Tartous")),
        (
            f"Rural Damascus, SANA – {BODY}",
            readable("Rural Damascus, SANA –", "Damascus Countryside"),
        ),
        (f"Dara'a, SANA – {BODY}", readable("Dara'a, SANA –", "Daraa")),
        (f"Tadmur, SANA – {BODY}", readable("Tadmur, SANA –", "Palmyra")),
        (f"St. Petersburg, SANA – {BODY}", readable("St. Petersburg, SANA –", "St. Petersburg")),
    ],
)
def test_readable_dateline(paragraph: str, expected: Dateline) -> None:
    assert split_dateline(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "raw"),
    [
        (f"SANA – {BODY}", "SANA –"),
        (f", SANA – {BODY}", ", SANA –"),
        (f"On 12 March, SANA – {BODY}", "On 12 March, SANA –"),
        (
            f"Officials in the northern province, SANA – {BODY}",
            "Officials in the northern province, SANA –",
        ),
        (
            f"Ministry of Local Administration Affairs, SANA – {BODY}",
            "Ministry of Local Administration Affairs, SANA –",
        ),
        (f"(SANA) – {BODY}", "(SANA) –"),
    ],
)
def test_unreadable_dateline_keeps_raw_and_the_paragraph(paragraph: str, raw: str) -> None:
    assert split_dateline(paragraph) == Dateline(raw, None, None, None, None, paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        BODY,
        "Damascus hosted the meeting, SANA reported.",
        "The SANA correspondent in Homs said the road reopened.",
        "Damascus SANA – the forms without a comma are not datelines",
        "A long opening sentence that goes on well past the dateline window, with the words"
        " Damascus, SANA – only near its end.",
        "",
    ],
)
def test_no_dateline_leaves_the_paragraph_intact(paragraph: str) -> None:
    assert split_dateline(paragraph) == Dateline(None, None, None, None, None, paragraph)


PLACES = st.sampled_from(["Moscow", "DAMASCUS", "Deir ez-Zor", "Idlib/Hama", "Provinces", "Beirut"])
PLAIN_MARKERS = st.sampled_from(
    [", SANA –", ", SANA-", ",SANA –", ". SANA –", "- SANA –", ", SANA_"]
)
PARENTHESIZED_MARKERS = st.sampled_from(
    [", (SANA) –", " (SANA)", ", Dec. 11 (SANA)", ", May 2 (SANA) –"]
)
# Body text that neither starts with a dash nor holds another marker.
BODIES = st.text(min_size=1).filter(
    lambda s: "SANA" not in s and s.strip() and s.strip()[0] not in "-–—_"
)


@given(PLACES, st.one_of(PLAIN_MARKERS, PARENTHESIZED_MARKERS), BODIES)
def test_generated_dateline_is_cut_exactly(place: str, marker: str, body: str) -> None:
    dateline = split_dateline(f"{place}{marker} {body}")
    assert dateline.raw == f"{place}{marker}"
    assert dateline.agency == "SANA"
    assert dateline.rest == body.strip()
    assert split_dateline(dateline.rest).raw is None


# Arbitrary text before a marker: readable, unreadable and non-places all come up.
DATELINE_LIKE = st.builds(
    "{}{} {}".format,
    st.text(max_size=50),
    st.one_of(PLAIN_MARKERS, PARENTHESIZED_MARKERS),
    st.text(),
)


@given(st.one_of(st.text(), DATELINE_LIKE))
def test_split_dateline_never_raises_and_keeps_text(paragraph: str) -> None:
    dateline = split_dateline(paragraph)
    if dateline.place is None:
        assert dateline.rest == paragraph
        assert (dateline.agency, dateline.month, dateline.day) == (None, None, None)
    else:
        assert paragraph.strip().startswith(dateline.raw or "")
        assert paragraph.strip().endswith(dateline.rest)


@given(DATELINE_LIKE)
def test_readable_dateline_reads_the_same_again(paragraph: str) -> None:
    dateline = split_dateline(paragraph)
    if dateline.place is not None:
        assert split_dateline(f"{dateline.raw} {dateline.rest}") == dateline
