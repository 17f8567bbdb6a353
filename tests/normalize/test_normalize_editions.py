"""Each edition's vocabulary in the other normalizers: dates, editor tags, titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.dates import parse_stamp
from newscrawler.normalize.editor_tags import EditorTags, split_editor_tags
from newscrawler.normalize.titles import Title, normalize_title
from newscrawler.normalize.vocabulary import ENGLISH, Vocabulary
from newscrawler.sites import profiles

VOCABULARIES: dict[str, Vocabulary] = {
    edition: profile.vocabulary for edition, profile in profiles().items()
}
DAMASCUS = "Asia/Damascus"
AR_TEXT = "افتتحت المحافظة اليوم محطة جديدة لضخ المياه."


def test_english_is_the_english_profiles_vocabulary() -> None:
    assert VOCABULARIES["en"] == ENGLISH


def test_an_unknown_dateline_form_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dateline forms"):
        Vocabulary.from_table("xx", {"dateline_forms": ["city_then_agency"]})


@pytest.mark.parametrize(
    ("edition", "stamp", "utc"),
    [
        # Arabic: Egyptian and Levantine months, Arabic-Indic digits, the header's weekday form
        ("ar", "١٧ سبتمبر ٢٠٢٤", "2024-09-16T21:00:00+00:00"),
        ("ar", "الثلاثاء , 17 سبتمبر 2024", "2024-09-16T21:00:00+00:00"),
        ("ar", "17 أيلول 2024", "2024-09-16T21:00:00+00:00"),
        ("ar", "17 ايلول 2024", "2024-09-16T21:00:00+00:00"),
        ("ar", "3 تشرين الأول 2023 14:30", "2023-10-03T11:30:00+00:00"),
        ("ar", "3 تشرين الثاني 2023 14:30", "2023-11-03T11:30:00+00:00"),
        ("ar", "15 مارس، 2017", "2017-03-14T22:00:00+00:00"),
        ("ar", "15 آذار 2017م", "2017-03-14T22:00:00+00:00"),
        ("ar", "٥ كانون الثاني ٢٠٢٥ ٣:٠٢ م", "2025-01-05T12:02:00+00:00"),
        ("ar", "نشر في: 17 سبتمبر 2024 09:15", "2024-09-17T06:15:00+00:00"),
        # the other editions' month names
        ("fr", "17 septembre 2024", "2024-09-16T21:00:00+00:00"),
        ("fr", "mardi 17 septembre 2024 15:02", "2024-09-17T12:02:00+00:00"),
        ("fr", "1er février 2024", "2024-01-31T21:00:00+00:00"),
        ("fr", "3 févr. 2024", "2024-02-02T21:00:00+00:00"),
        ("es", "17 de septiembre de 2024", "2024-09-16T21:00:00+00:00"),
        ("es", "martes, 17 de septiembre de 2024", "2024-09-16T21:00:00+00:00"),
        ("ru", "17 сентября 2024", "2024-09-16T21:00:00+00:00"),
        ("ru", "17 сентября 2024 г., 15:02", "2024-09-17T12:02:00+00:00"),
        ("tr", "17 Eylül 2024", "2024-09-16T21:00:00+00:00"),
        ("tr", "17 EYLÜL 2024 Salı", "2024-09-16T21:00:00+00:00"),
        ("fa", "۱۷ سپتامبر ۲۰۲۴", "2024-09-16T21:00:00+00:00"),
        ("he", "17 בספטמבר 2024", "2024-09-16T21:00:00+00:00"),
        ("he", "17 ספטמבר 2024", "2024-09-16T21:00:00+00:00"),
        # English long dates too; winter time before 2022 (UTC+2)
        ("en", "March 4, 2017", "2017-03-03T22:00:00+00:00"),
        ("en", "Tuesday, March 4, 2017 3:02 PM", "2017-03-04T13:02:00+00:00"),
        ("en", "4 March 2017", "2017-03-03T22:00:00+00:00"),
        ("en", "Published: 2025/10/21 3:02 PM", "2025-10-21T12:02:00+00:00"),
    ],
)
def test_long_dates_in_each_editions_month_names(edition: str, stamp: str, utc: str) -> None:
    assert parse_stamp(stamp, DAMASCUS, VOCABULARIES[edition]) == utc


@pytest.mark.parametrize(
    ("edition", "stamp"),
    [
        ("ar", "32 سبتمبر 2024"),
        ("ar", "17 سبتمبر"),
        ("ar", "17 شهر 2024"),
        ("ar", "17 سبتمبر 2024 13:00 م"),
        # a month of another edition is not this edition's
        ("fr", "17 سبتمبر 2024"),
        ("en", "17 septembre 2024"),
        ("ru", "17 September 2024"),
        ("en", "The 4 rooms of 2017"),
    ],
)
def test_unreadable_long_date_gives_none(edition: str, stamp: str) -> None:
    assert parse_stamp(stamp, DAMASCUS, VOCABULARIES[edition]) is None


@given(st.sampled_from(sorted(VOCABULARIES)), st.text())
def test_parse_stamp_never_raises_in_any_edition(edition: str, stamp: str) -> None:
    value = parse_stamp(stamp, DAMASCUS, VOCABULARIES[edition])
    assert value is None or value.endswith("+00:00")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("هلا حمود/ إ.ح", ["هلا حمود", "إ.ح"]),
        ("رشا محفوض / غ.ش /", ["رشا محفوض", "غ.ش"]),
        ("م.ع/ ر.ج", ["م.ع", "ر.ج"]),
        ("محمد عبد الله/", ["محمد عبد الله"]),
        # a single name or initials without a slash, as the English relaunch writes them
        ("ريم الخطيب", ["ريم الخطيب"]),
        ("ن.س", ["ن.س"]),
        ("وليد الحسن", ["وليد الحسن"]),
        # harakat are read past; the names are as a reader matches them
        ("هَلا حمّود/ إ.ح", ["هلا حمود", "إ.ح"]),
    ],
)
def test_arabic_tag_line_is_taken(line: str, names: list[str]) -> None:
    tags, rest = split_editor_tags([AR_TEXT, line], VOCABULARIES["ar"])
    assert (tags, rest) == (EditorTags(line, names), [AR_TEXT])


@pytest.mark.parametrize(
    "line",
    [
        # more words than a single name without a slash has
        "وتستمر الأعمال حتى الصيف",
        "عبد الرحمن بن خالد الأحمد",
        # function words and prefixed words (`وال`, "and the") mark a sentence, even with a slash
        "للمزيد من المعلومات / الرابط",
        "والعمل مستمر",
        "بالتوفيق للجميع",
        "يتبع...",
        "المصدر: وزارة الصحة",
        "العام الدراسي 2024/2025",
        "وأكد الوزير أن العمل مستمر.",
        AR_TEXT,
    ],
)
def test_ordinary_arabic_last_line_is_not_taken(line: str) -> None:
    assert split_editor_tags([AR_TEXT, line], VOCABULARIES["ar"]) == (
        EditorTags(None, []),
        [AR_TEXT, line],
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("عــاجــل: افتتاح محطة مياه في حمص", Title("عاجل: افتتاح محطة مياه في حمص", False, [])),
        # Arabic markers were not seen on SANA: the words stay as written
        ("بالصور.. افتتاح محطة مياه في حمص", Title("بالصور.. افتتاح محطة مياه في حمص", False, [])),
        ("محدث: افتتاح محطة مياه", Title("محدث: افتتاح محطة مياه", False, [])),
        ("افتتاح  محطة مياه -Video", Title("افتتاح محطة مياه", False, ["video"])),
        ("الرئيسُ يستقبل الوفد", Title("الرئيسُ يستقبل الوفد", False, [])),
    ],
)
def test_arabic_titles_lose_tatweel_only(raw: str, expected: Title) -> None:
    assert normalize_title(raw) == expected


def test_a_page_sized_stamp_is_not_read_as_a_long_date() -> None:
    stamp = "الثلاثاء " * 5000 + "17 سبتمبر 2024"
    assert parse_stamp(stamp, DAMASCUS, VOCABULARIES["ar"]) is None


TAG_LIKE = st.lists(
    st.sampled_from(["هلا حمود", "إ.ح", "من", "/", " / ", "Manar al-Freih", "H.H"]) | st.text(),
    max_size=6,
).map("".join)


@given(st.sampled_from(sorted(VOCABULARIES)), TAG_LIKE)
def test_split_editor_tags_takes_the_last_line_or_nothing_in_every_edition(
    edition: str, line: str
) -> None:
    tags, rest = split_editor_tags([AR_TEXT, line], VOCABULARIES[edition])
    if tags.raw is None:
        assert (tags.names, rest) == ([], [AR_TEXT, line])
    else:
        assert rest == [AR_TEXT]
        assert 1 <= len(tags.names) <= 3
