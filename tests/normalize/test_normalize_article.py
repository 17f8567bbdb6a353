"""Tests for normalize/article.py: whole articles, from the seed article to broken pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.items import Article, Block, Image, Link, RawArticle
from newscrawler.normalize.article import normalize_article
from newscrawler.normalize.text import clean_text
from newscrawler.sites import profiles

SEED_FILE = Path(__file__).with_name("seed_article.txt")
SEED_SUBHEADING = (
    "Gatilov: Russia assumes its duty in Syria to support the cessation of hostilities agreement"
)


def seed_raw_article() -> RawArticle:
    """The seed article as the archive-layout parser reads it (title, blocks, Check Also box)."""
    text = SEED_FILE.read_text(encoding="utf-8")
    title, rest = text.split("\n\n", 1)
    article_text, check_also = rest.split("\n\nCheck Also\n\n")
    anchor_text, teaser = check_also.split("\n\n")
    blocks = [
        Block("heading" if paragraph == SEED_SUBHEADING else "paragraph", paragraph)
        for paragraph in article_text.split("\n\n")
    ]
    return RawArticle(
        url="http://127.0.0.1:8080/en/?p=101234",
        layout="archive",
        post_id=101234,
        title=title,
        published="2017-03-14T12:22:05+02:00",
        modified="2017-03-14T12:40:11+02:00",
        categories=["Politics"],
        tags=["Lavrov", "Russia"],
        blocks=blocks,
        links=[Link("check_also", "http://127.0.0.1:8080/en/?p=101200", anchor_text, teaser)],
    )


def test_seed_article() -> None:
    article = normalize_article(seed_raw_article())
    assert article.url == "https://archive.sana.sy/en/?p=101234"
    assert article.fetched_urls == ["http://127.0.0.1:8080/en/?p=101234"]
    assert article.title == (
        "Lavrov calls for forming united front to fight terrorism in coordination with Syrian"
        " government"
    )
    assert article.title_raw.startswith("Updated-Lavrov calls")
    assert article.updated is True
    assert article.media == []
    assert (article.dateline_raw, article.dateline_place, article.dateline_agency) == (
        "Moscow, SANA –",
        "Moscow",
        "SANA",
    )
    assert article.dateline_date is None
    assert article.body.startswith("Russian Foreign Minister Sergey Lavrov reiterated")
    assert article.body.endswith("discussed tomorrow in details.")
    assert article.subheadings == [SEED_SUBHEADING]
    assert f"\n\n{SEED_SUBHEADING}\n\n" in article.body
    assert article.editor_tags_raw == "Manar al-Freih /Mazen/ Hazem Sabbagh"
    assert article.editor_tags == ["Manar al-Freih", "Mazen", "Hazem Sabbagh"]
    assert (article.byline_raw, article.authors) == (None, [])
    assert article.published == "2017-03-14T10:22:05+00:00"
    assert article.modified == "2017-03-14T10:40:11+00:00"
    assert article.published_local == "2017-03-14T12:22:05+02:00"
    assert article.categories == ["Politics"]
    assert article.tags == ["Lavrov", "Russia"]
    assert article.problems == []
    assert article.complete


def test_seed_body_keeps_br_lines_as_paragraphs_and_drops_check_also() -> None:
    article = normalize_article(seed_raw_article())
    paragraphs = article.body.split("\n\n")
    assert paragraphs[-1] == "Gatilov added that this issue will be discussed tomorrow in details."
    assert paragraphs[-2].startswith("He pointed out that Russia performs its duties accurately")
    assert len(paragraphs) == 9
    assert "Check Also" not in article.body
    assert "Berlin" not in article.body
    assert "Manar" not in article.body


def test_seed_check_also_link() -> None:
    [link] = normalize_article(seed_raw_article()).links
    assert link == Link(
        kind="check_also",
        url="https://archive.sana.sy/en/?p=101200",
        anchor_text="Lavrov slams silence towards presence of thousands of terrorists in Idleb",
        teaser="Berlin, SANA- Russian Foreign Minister Sergey Lavrov said that there shouldn’t be"
        " an endless silence …",
    )


def archive_article(*blocks: Block, title: str = "Water station opens in Hama") -> RawArticle:
    return RawArticle(
        url="https://www.sana.sy/en/?p=500",
        layout="archive",
        post_id=500,
        title=title,
        published="2019-07-20T09:15:00+03:00",
        blocks=list(blocks),
    )


def test_body_drops_captions_file_names_and_nbsp_paragraphs() -> None:
    raw = archive_article(
        Block("paragraph", "HAMA,\u00a0SANA –\u00a0 The station  serves 20,000 people ."),
        Block("caption", "The new pumps"),
        Block("paragraph", "DSC_0012.JPG"),
        Block("paragraph", "صورة-حماة.jpg"),
        Block("paragraph", "\u00a0"),
        Block("heading", "A second  phase"),
        Block("paragraph", "Work on the second phase starts in autumn.\nIt will take a year."),
        Block("paragraph", "Hala Zain/ Mazen/"),
    )
    article = normalize_article(raw)
    assert article.body == (
        "The station serves 20,000 people .\n\nA second phase\n\n"
        "Work on the second phase starts in autumn.\n\nIt will take a year."
    )
    assert article.subheadings == ["A second phase"]
    assert (article.dateline_raw, article.dateline_place) == ("HAMA, SANA –", "Hama")
    assert article.editor_tags == ["Hala Zain", "Mazen"]
    assert article.editor_tags_raw == "Hala Zain/ Mazen/"
    assert article.url == "https://archive.sana.sy/en/?p=500"
    assert article.published_local == "2019-07-20T09:15:00+03:00"


def test_dateline_alone_in_the_first_paragraph() -> None:
    raw = archive_article(
        Block("paragraph", "Aleppo, SANA –"), Block("paragraph", "The market reopened.")
    )
    article = normalize_article(raw)
    assert (article.dateline_raw, article.dateline_place) == ("Aleppo, SANA –", "Aleppo")
    assert article.body == "The market reopened."


def test_unreadable_dateline_stays_in_the_body() -> None:
    first = "On 3 May in the city, SANA – the market reopened."
    article = normalize_article(archive_article(Block("paragraph", first)))
    assert article.dateline_raw == "On 3 May in the city, SANA –"
    assert (article.dateline_place, article.dateline_agency, article.dateline_date) == (
        None,
        None,
        None,
    )
    assert article.body == first
    assert article.problems == ["unreadable dateline: 'On 3 May in the city, SANA –'"]


def test_no_dateline_and_no_tags() -> None:
    paragraphs = ["The market reopened after repairs.", "Traders welcomed the decision."]
    article = normalize_article(archive_article(*(Block("paragraph", p) for p in paragraphs)))
    assert (article.dateline_raw, article.dateline_place, article.editor_tags_raw) == (
        None,
        None,
        None,
    )
    assert article.editor_tags == []
    assert article.body == "\n\n".join(paragraphs)


def test_title_media_suffix() -> None:
    article = normalize_article(
        archive_article(Block("paragraph", "x"), title="Update – Olive harvest , Idleb-Video")
    )
    assert (article.title, article.updated, article.media) == (
        "Olive harvest, Idleb",
        True,
        ["video"],
    )
    assert article.title_raw == "Update – Olive harvest , Idleb-Video"


def relaunch_article(*blocks: Block, **fields: object) -> RawArticle:
    raw = RawArticle(
        url="http://127.0.0.1:8080/en/politics/2270101/",
        layout="relaunch",
        post_id=2270101,
        section="politics",
        title="Syria and Jordan discuss water sharing",
        blocks=list(blocks),
    )
    for name, value in fields.items():
        setattr(raw, name, value)
    return raw


def test_relaunch_article_with_dated_dateline_single_tag_and_inline_link() -> None:
    raw = relaunch_article(
        Block("paragraph", "Washington, Dec. 11 (SANA) The two ministers met today."),
        Block("paragraph", "They agreed to meet again in spring."),
        Block("paragraph", "Hala Zain"),
        published="2025-12-11T15:02:00+03:00",
        modified="2025-12-11T16:10:00+03:00",
        links=[
            Link("inline", "http://127.0.0.1:8080/en/economy/2270050/#x", " Related\u00a0 item ")
        ],
        images=[Image("https://sana.sy/wp-content/uploads/2025/12/a.jpg", "alt")],
    )
    article = normalize_article(raw)
    assert article.url == "https://sana.sy/en/politics/2270101/"
    assert article.layout == "relaunch"
    assert article.dateline_raw == "Washington, Dec. 11 (SANA)"
    assert (article.dateline_place, article.dateline_date) == ("Washington", "2025-12-11")
    assert article.body == "The two ministers met today.\n\nThey agreed to meet again in spring."
    assert (article.editor_tags_raw, article.editor_tags) == ("Hala Zain", ["Hala Zain"])
    assert article.published == "2025-12-11T12:02:00+00:00"
    assert article.published_local == "2025-12-11T15:02:00+03:00"
    assert article.links == [Link("inline", "https://sana.sy/en/economy/2270050/", "Related item")]
    assert article.images == raw.images


def test_relaunch_stamps_stand_in_for_missing_json_ld() -> None:
    raw = relaunch_article(
        Block("paragraph", "Amman, Jan 2 (SANA) The border crossing reopened."),
        published_stamp="Published: 2026/01/02 10:00 AM",
        modified_stamp="Updated: 2026/01/02 11:30 AM",
    )
    article = normalize_article(raw)
    assert article.published == "2026-01-02T07:00:00+00:00"
    assert article.modified == "2026-01-02T08:30:00+00:00"
    assert article.dateline_date == "2026-01-02"
    assert article.problems == []


def test_dateline_of_last_december_in_a_january_article() -> None:
    raw = relaunch_article(
        Block("paragraph", "Cairo, Dec. 30 (SANA) The talks ended."),
        published="2026-01-03T09:00:00+03:00",
    )
    assert normalize_article(raw).dateline_date == "2025-12-30"


def test_unreadable_dates_fall_back_to_stamps_and_are_reported() -> None:
    raw = relaunch_article(
        Block("paragraph", "The border crossing reopened."),
        published="not a date",
        published_stamp="Published: 2025/10/21 3:02 PM",
        modified="also not a date",
    )
    article = normalize_article(raw)
    assert article.published == "2025-10-21T12:02:00+00:00"
    assert article.modified is None
    assert article.problems == [
        "unreadable published date: 'not a date'",
        "unreadable modified date: 'also not a date'",
    ]


def test_byline_is_taken_before_the_dateline() -> None:
    raw = relaunch_article(
        Block("paragraph", "By Lina Haddad, Reuters"),
        Block("paragraph", "Geneva, (SANA) – The envoy arrived."),
    )
    article = normalize_article(raw)
    assert (article.byline_raw, article.authors) == ("By Lina Haddad, Reuters", ["Lina Haddad"])
    assert article.dateline_place == "Geneva"
    assert article.body == "The envoy arrived."


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        (archive_article(Block("paragraph", "Text."), title=""), ["no title"]),
        (archive_article(Block("paragraph", "Text."), title="Updated- "), ["no title"]),
        (archive_article(Block("paragraph", "\u00a0"), Block("caption", "A caption")), ["no body"]),
        (archive_article(), ["no body"]),
        (archive_article(Block("paragraph", "Homs, SANA –")), ["no body"]),
    ],
)
def test_incomplete_article(raw: RawArticle, problems: list[str]) -> None:
    article = normalize_article(raw)
    assert not article.complete
    assert article.problems == problems


def test_no_post_id_keeps_the_fetched_url() -> None:
    raw = archive_article(Block("paragraph", "Text."))
    raw.post_id = None
    raw.url = "HTTPS://Mirror.Example/en/some-page/#top"
    assert normalize_article(raw).url == "https://mirror.example/en/some-page/"


BLOCKS = st.lists(
    st.builds(Block, st.sampled_from(["paragraph", "heading", "caption"]), st.text()), max_size=6
)


@given(st.text(), BLOCKS, st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_normalize_article_never_raises(
    title: str, blocks: list[Block], published: str | None, stamp: str | None
) -> None:
    raw = RawArticle(
        url="https://sana.sy/en/?p=1",
        layout="archive",
        post_id=1,
        title=title,
        blocks=blocks,
        published=published,
        published_stamp=stamp,
    )
    article = normalize_article(raw)
    assert isinstance(article, Article)
    assert article.complete == (bool(article.title) and bool(article.body))
    assert "\n\n\n" not in article.body
    assert all(heading in article.body.split("\n\n") for heading in article.subheadings)


FLAG_PROSE = [
    "Homs, SANA- The governor opened the rebuilt covered market in the old city on Sunday.",
    "Traders said the shops would stay open until late in the evening during the feast.",
    "Work on the second market hall is due to be finished before the end of the year.",
    "Hala Zain",
]


def flagged_raw(**changes: object) -> RawArticle:
    values: dict[str, object] = {
        "url": "https://archive.sana.sy/en/?p=4711",
        "layout": "archive",
        "post_id": 4711,
        "title": "Homs market reopens",
        "published": "2020-05-24T10:00:00+03:00",
        "blocks": [Block("paragraph", text) for text in FLAG_PROSE],
        "article_body": "\n\n".join(FLAG_PROSE),
    }
    return RawArticle(**{**values, **changes})  # type: ignore[arg-type]


def test_a_body_that_agrees_with_its_article_body_is_clean() -> None:
    article = normalize_article(flagged_raw())
    assert (article.problems, article.suspect) == ([], [])
    assert article.editor_tags == ["Hala Zain"] and article.dateline_place == "Homs"


def test_a_body_short_of_its_article_body_is_flagged_but_complete() -> None:
    article = normalize_article(flagged_raw(blocks=[Block("paragraph", FLAG_PROSE[0])]))
    assert article.complete
    assert article.problems == ["body lacks 2 of 3 paragraphs of the page's articleBody"]
    assert article.suspect == ["body"]


def test_markup_problems_of_the_parser_are_article_problems() -> None:
    swallowed = "text swallowed by an unclosed <script>: the body stops where it opens"
    article = normalize_article(flagged_raw(article_body=None, markup_problems=[swallowed]))
    assert article.complete
    assert article.problems == [swallowed]
    assert article.suspect == ["body"]


def test_a_huge_title_is_cut_and_flagged() -> None:
    title = "Homs market reopens " * 5000
    article = normalize_article(flagged_raw(title=title))
    assert article.complete
    assert article.title == title.strip()[:300]
    assert article.title_raw == title[:2000]
    assert article.problems == [
        "implausible title: 99999 characters, over the 300-character ceiling"
        " (stored cut to 300, title_raw to 2000)"
    ]
    assert article.suspect == ["title"]


def test_a_long_but_plausible_title_is_kept_whole() -> None:
    title = "Syria and Jordan agree on a timetable for trucks at the Naseeb crossing " * 4
    article = normalize_article(flagged_raw(title=title.strip()))
    assert article.title == title.strip() and article.problems == []


ARABIC_PARAGRAPHS = [
    "افتتحت محافظة دمشق اليوم محطة جديدة لضخ مياه الشرب في حي المزة بعد أشهر من العمل.",
    "وقال مدير المؤسسة إن المحطة تخدم نحو عشرين ألف نسمة وتعمل بالطاقة الشمسية نهاراً.",
]
ARABIC_PROMO = [
    "تابعوا آخر الأخبار السياسية والميدانيـة عبر تطبيق تيلغرام على الهواتف الذكية عبر الرابط :",
    "https://telegram.me/SyrianArabNewsAgency",
    "تابعونا عبر تطبيق واتس أب :",
    "عبر إرسال كلمة اشتراك على الرقم / 0940777186",
]


def arabic_raw_article() -> RawArticle:
    """An old-layout Arabic article: dateline alone, tag line, the promotion footer after it."""
    lines = ["دمشـق-سانا", *ARABIC_PARAGRAPHS, "هلا حمود/ إ.ح", *ARABIC_PROMO]
    return RawArticle(
        url="http://127.0.0.1:8080/?p=1937484",
        layout="archive",
        post_id=1937484,
        title="افتتاح محطة لضخ ميـاه الشرب في المزة",
        published="2023-07-24T10:15:00+03:00",
        blocks=[Block("paragraph", line) for line in lines],
        article_body="\n".join(lines),
    )


def test_arabic_article_through_its_profile() -> None:
    profile = profiles()["ar"]
    article = normalize_article(
        arabic_raw_article(), "sana", "ar", profile.timezone, profile.vocabulary
    )
    assert article.edition == "ar"
    assert article.title == "افتتاح محطة لضخ مياه الشرب في المزة"
    assert (article.dateline_raw, article.dateline_place, article.dateline_agency) == (
        "دمشـق-سانا",
        "Damascus",
        "SANA",
    )
    assert article.body == "\n\n".join(ARABIC_PARAGRAPHS)
    assert (article.editor_tags_raw, article.editor_tags) == ("هلا حمود/ إ.ح", ["هلا حمود", "إ.ح"])
    assert article.published == "2023-07-24T07:15:00+00:00"
    # the footer is in the page's articleBody too: it is expected there, not missing from body
    assert article.problems == []


def test_arabic_promotion_lines_stay_in_an_english_body() -> None:
    # English has no promotion patterns: the same lines are the article's text there.
    article = normalize_article(arabic_raw_article())
    assert article.body.split("\n\n")[-4:] == [clean_text(line) for line in ARABIC_PROMO]


FRENCH_TEXT = "Le ministre des Ressources en eau a inauguré une station de pompage à Mazzé."


def test_french_article_with_a_glued_dateline_and_a_french_stamp() -> None:
    profile = profiles()["fr"]
    raw = RawArticle(
        url="http://127.0.0.1:8080/fr/?p=20025",
        layout="archive",
        post_id=20025,
        title="Inauguration d’une station de pompage à Damas",
        published_stamp="Publié: mardi 17 septembre 2024 15:02",
        blocks=[Block("paragraph", f"Caire-SANA / {FRENCH_TEXT}"), Block("paragraph", "F.A/ H.H")],
    )
    article = normalize_article(raw, "sana", "fr", profile.timezone, profile.vocabulary)
    assert (article.dateline_raw, article.dateline_place) == ("Caire-SANA /", "Cairo")
    assert article.body == FRENCH_TEXT
    assert article.editor_tags == ["F.A", "H.H"]
    assert article.published == "2024-09-17T12:02:00+00:00"
    assert article.problems == []


def test_an_unreadable_arabic_dateline_is_reported_and_kept_in_the_body() -> None:
    profile = profiles()["ar"]
    first = "أعلنت وزارة الصحة في بيان اليوم-سانا أن الحملة مستمرة"
    raw = RawArticle(
        url="http://127.0.0.1:8080/?p=77",
        layout="archive",
        post_id=77,
        title="حملة صحية",
        published="2023-07-24T10:15:00+03:00",
        blocks=[Block("paragraph", first)],
    )
    article = normalize_article(raw, "sana", "ar", profile.timezone, profile.vocabulary)
    assert article.dateline_place is None
    assert article.body == first
    assert article.problems == ["unreadable dateline: 'أعلنت وزارة الصحة في بيان اليوم-سانا'"]
