"""Tests for normalize/body_check.py: the body against the page's own articleBody."""

from __future__ import annotations

from html import escape

from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.body_check import body_disagreement

PARAGRAPHS = [
    "The ministry of agriculture began distributing wheat seed to farmers in Hasaka.",
    "Each farmer receives enough seed for ten dunums, officials at the centre said.",
    "Prices of fertilizer fell by a fifth since the start of the season, traders added.",
    "Irrigation channels in the area were cleaned ahead of the first rains.",
    "The next round of distribution is planned for the villages north of the city.",
]
DATELINE = "Hasaka, SANA-"
STAFF = "Hala Zain / Mazen Eyon"
CAPTION = "Farmers queue for seed at the distribution centre in Hasaka"


def wordpress_text(paragraphs: list[str]) -> str:
    """As WordPress prints `strip_tags(post_content)`: dateline, shortcodes, CRLF, entities."""
    first, *rest = paragraphs
    caption = f'[caption id="attachment_9" align="aligncenter" width="600"] {CAPTION}[/caption]'
    lines = [f"{DATELINE} {first}", caption, *rest, STAFF]
    return "\r\n\r\n".join(escape(line) for line in lines)


def check(body: list[str], article_body: str) -> list[str]:
    return body_disagreement(body, article_body, [DATELINE], [STAFF, CAPTION])


def test_the_same_article_agrees() -> None:
    assert check(PARAGRAPHS, wordpress_text(PARAGRAPHS)) == []


def test_paragraphs_missing_from_the_body() -> None:
    assert check(PARAGRAPHS[:2], wordpress_text(PARAGRAPHS)) == [
        "body lacks 3 of 7 paragraphs of the page's articleBody"
    ]


def test_chrome_in_the_body() -> None:
    chrome = ["Related Articles", "Syrian team wins the regional chess cup in Amman", "Share"]
    assert check([*PARAGRAPHS[:2], *chrome, *PARAGRAPHS[2:]], wordpress_text(PARAGRAPHS)) == [
        "body has 1 paragraphs not in the page's articleBody"
    ]


def test_a_one_line_article_body_is_judged_by_sentences() -> None:
    one_line = " ".join(PARAGRAPHS)
    assert check(PARAGRAPHS, one_line) == []
    assert check(PARAGRAPHS[:1], one_line) == [
        "body lacks 4 of 5 sentences of the page's articleBody"
    ]


def test_a_reworded_word_or_two_still_agrees() -> None:
    edited = [p.replace("officials", "staff").replace("fell", "dropped") for p in PARAGRAPHS]
    assert check(edited, wordpress_text(PARAGRAPHS)) == []


paragraph_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=200)
prose = st.lists(
    st.lists(st.from_regex(r"[A-Za-z]{2,9}", fullmatch=True), min_size=4, max_size=30).map(
        " ".join
    ),
    min_size=1,
    max_size=8,
)


@given(st.lists(paragraph_text, max_size=6), st.lists(paragraph_text, max_size=3), paragraph_text)
def test_never_raises(body: list[str], others: list[str], article_body: str) -> None:
    assert isinstance(body_disagreement(body, article_body, others[:1], others[1:]), list)


@given(prose)
def test_identical_texts_agree(paragraphs: list[str]) -> None:
    assert body_disagreement(paragraphs, "\n\n".join(paragraphs)) == []


@given(prose, st.sampled_from(["  ", "\u00a0", "\t", "\r\n"]), st.booleans())
def test_wording_only_changes_agree(paragraphs: list[str], space: str, shout: bool) -> None:
    """Other spaces, entities, punctuation and case are not a disagreement."""
    reference = "\n".join(
        escape(f'"{p.replace(" ", space)}", & so on.').upper() if shout else escape(p + " & co")
        for p in paragraphs
    )
    body = [f"{p} & co" if not shout else f"{p}, & so on" for p in paragraphs]
    assert body_disagreement(body, reference) == []


def test_image_file_name_lines_and_short_lines_are_not_judged() -> None:
    article_body = wordpress_text(PARAGRAPHS) + "\r\n\r\nصورة-حماة-1.jpg\r\n\r\nPhotos by SANA"
    assert check(PARAGRAPHS, article_body) == []


def sahifa_text(paragraphs: list[str]) -> str:
    """Sahifa's `articleBody`: raw `post_content` entities kept, `&nbsp;` between words."""
    return "\n".join(p.replace(" ", "&nbsp;", 3).replace("'", "&#8217;") for p in paragraphs)


def test_entities_kept_as_sahifa_prints_them_agree() -> None:
    assert check(PARAGRAPHS, f"{DATELINE}&nbsp;{sahifa_text(PARAGRAPHS)}\n{STAFF}") == []


def test_paragraph_missing_from_the_body_is_found_through_its_entities() -> None:
    missing = "Farmers in Qamishli ask for seed of barley too.".replace(" ", "&nbsp;")
    assert check(PARAGRAPHS, f"{sahifa_text(PARAGRAPHS)}\n{missing}") == [
        "body lacks 1 of 6 paragraphs of the page's articleBody"
    ]


def test_a_one_line_article_body_splits_at_a_no_break_space() -> None:
    one_line = "&nbsp;".join(PARAGRAPHS)
    assert check(PARAGRAPHS, one_line) == []
    assert check(PARAGRAPHS[:1], one_line) == [
        "body lacks 4 of 5 sentences of the page's articleBody"
    ]
