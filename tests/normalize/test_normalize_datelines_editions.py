"""Datelines of every edition through its profile's vocabulary: `دمشق-سانا`, `Алеппо – САНА`…"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.arabic import remove_marks
from newscrawler.normalize.datelines import Dateline, split_dateline
from newscrawler.normalize.vocabulary import Vocabulary
from newscrawler.sites import profiles

VOCABULARIES: dict[str, Vocabulary] = {
    edition: profile.vocabulary for edition, profile in profiles().items()
}
AR_TEXT = "افتتحت المحافظة اليوم محطة جديدة لضخ مياه الشرب في المدينة."
FA_TEXT = "وزیر امور خارجه امروز با همتای خود دیدار کرد."
HE_TEXT = "שר החוץ נפגש היום עם עמיתו."
FR_TEXT = "Le ministre a inauguré une station de pompage."
RU_TEXT = "Министр открыл новую насосную станцию."
ES_TEXT = "El ministro inauguró una estación de bombeo."
TR_TEXT = "Bakan yeni bir pompa istasyonunu açtı."


def read(
    raw: str, place: str, rest: str, month: int | None = None, day: int | None = None
) -> Dateline:
    return Dateline(raw, place, "SANA", month, day, rest)


@pytest.mark.parametrize(
    ("edition", "paragraph", "expected"),
    [
        # Arabic: alone on its line, or glued before the text by one or two spaces or an NBSP.
        ("ar", "القاهرة-سانا", read("القاهرة-سانا", "Cairo", "")),
        ("ar", f"دمشق-سانا {AR_TEXT}", read("دمشق-سانا", "Damascus", AR_TEXT)),
        ("ar", f"دمشق-سانا  {AR_TEXT}", read("دمشق-سانا", "Damascus", AR_TEXT)),
        ("ar", f"دمشق-سانا\u00a0{AR_TEXT}", read("دمشق-سانا", "Damascus", AR_TEXT)),
        # tatweel and harakat anywhere; `raw` keeps them
        ("ar", f"دمشـق-سانا {AR_TEXT}", read("دمشـق-سانا", "Damascus", AR_TEXT)),
        ("ar", f"حلب-سانـا {AR_TEXT}", read("حلب-سانـا", "Aleppo", AR_TEXT)),
        ("ar", f"حِمْص-سانا {AR_TEXT}", read("حِمْص-سانا", "Homs", AR_TEXT)),
        # multi-word places, hamza and ta marbuta variants
        ("ar", f"دير الزور-سانا {AR_TEXT}", read("دير الزور-سانا", "Deir Ezzor", AR_TEXT)),
        ("ar", "ريف دمشق-سانا", read("ريف دمشق-سانا", "Damascus Countryside", "")),
        ("ar", "إدلب-سانا", read("إدلب-سانا", "Idleb", "")),
        ("ar", "ادلب-سانا", read("ادلب-سانا", "Idleb", "")),
        ("ar", "اللاذقية-سانا", read("اللاذقية-سانا", "Lattakia", "")),
        ("ar", "الحسكه-سانا", read("الحسكه-سانا", "Hasaka", "")),
        ("ar", "السويداء-سانا", read("السويداء-سانا", "Sweida", "")),
        ("ar", "القنيطرة-سانا", read("القنيطرة-سانا", "Quneitra", "")),
        ("ar", "حماة-سانا", read("حماة-سانا", "Hama", "")),
        ("ar", "طرطوس-سانا", read("طرطوس-سانا", "Tartous", "")),
        ("ar", "الرقة-سانا", read("الرقة-سانا", "Raqqa", "")),
        ("ar", "درعا-سانا", read("درعا-سانا", "Daraa", "")),
        # foreign capitals, spaced dashes
        ("ar", f"موسكو-سانا {AR_TEXT}", read("موسكو-سانا", "Moscow", AR_TEXT)),
        ("ar", f"بيروت - سانا {AR_TEXT}", read("بيروت - سانا", "Beirut", AR_TEXT)),
        ("ar", f"طهران – سانا {AR_TEXT}", read("طهران – سانا", "Tehran", AR_TEXT)),
        # a place not in the gazetteer stays as written
        ("ar", "تدمر الجديدة-سانا", read("تدمر الجديدة-سانا", "تدمر الجديدة", "")),
        # Persian: Arabic spelling and Persian spelling
        ("fa", "دمشق-سانا", read("دمشق-سانا", "Damascus", "")),
        ("fa", f"مسکو-سانا {FA_TEXT}", read("مسکو-سانا", "Moscow", FA_TEXT)),
        ("fa", "تهران-سانا", read("تهران-سانا", "Tehran", "")),
        # Hebrew: a spaced en dash, alone on its line or before the text
        ("he", "דמשק – סאנא", read("דמשק – סאנא", "Damascus", "")),
        ("he", f"חלב – סאנא {HE_TEXT}", read("חלב – סאנא", "Aleppo", HE_TEXT)),
        ("he", "\u200fדמשק \u200f– סאנא", read("\u200fדמשק \u200f– סאנא", "Damascus", "")),
        # French: `Damas-SANA/`, `Caire-SANA / `, glued; English-shaped ones when present
        ("fr", f"Damas-SANA/ {FR_TEXT}", read("Damas-SANA/", "Damascus", FR_TEXT)),
        ("fr", f"Damas-SANA/{FR_TEXT}", read("Damas-SANA/", "Damascus", FR_TEXT)),
        ("fr", f"Caire-SANA / {FR_TEXT}", read("Caire-SANA /", "Cairo", FR_TEXT)),
        ("fr", f"Alep-SANA/ {FR_TEXT}", read("Alep-SANA/", "Aleppo", FR_TEXT)),
        ("fr", f"Lattaquié-SANA/ {FR_TEXT}", read("Lattaquié-SANA/", "Lattakia", FR_TEXT)),
        ("fr", f"Damas-SANA- {FR_TEXT}", read("Damas-SANA-", "Damascus", FR_TEXT)),
        ("fr", f"Moscou, SANA – {FR_TEXT}", read("Moscou, SANA –", "Moscow", FR_TEXT)),
        # Russian
        ("ru", f"Алеппо – САНА {RU_TEXT}", read("Алеппо – САНА", "Aleppo", RU_TEXT)),
        ("ru", f"Дамаск-САНА {RU_TEXT}", read("Дамаск-САНА", "Damascus", RU_TEXT)),
        ("ru", f"Москва, САНА – {RU_TEXT}", read("Москва, САНА –", "Moscow", RU_TEXT)),
        # Spanish and Turkish (unverified): English-shaped ones, months in their language
        ("es", f"Damasco, SANA – {ES_TEXT}", read("Damasco, SANA –", "Damascus", ES_TEXT)),
        (
            "es",
            f"La Habana, dic. 11 (SANA) {ES_TEXT}",
            read("La Habana, dic. 11 (SANA)", "Havana", ES_TEXT, 12, 11),
        ),
        ("tr", f"Şam, SANA – {TR_TEXT}", read("Şam, SANA –", "Damascus", TR_TEXT)),
        (
            "tr",
            f"Halep, Eylül 3 (SANA) {TR_TEXT}",
            read("Halep, Eylül 3 (SANA)", "Aleppo", TR_TEXT, 9, 3),
        ),
    ],
)
def test_readable_dateline_of_an_edition(edition: str, paragraph: str, expected: Dateline) -> None:
    assert split_dateline(paragraph, VOCABULARIES[edition]) == expected


@pytest.mark.parametrize(
    ("edition", "paragraph", "raw"),
    [
        # the marker after something that cannot be a place: too many words, digits
        (
            "ar",
            f"أعلنت وزارة الصحة في بيان اليوم-سانا {AR_TEXT}",
            "أعلنت وزارة الصحة في بيان اليوم-سانا",
        ),
        ("ar", f"١٢ آذار-سانا {AR_TEXT}", "١٢ آذار-سانا"),
        ("fr", f"Le 3 mai à Damas-SANA/ {FR_TEXT}", "Le 3 mai à Damas-SANA/"),
        # Spanish day-first `3 oct (SANA)` is not a form we know: raw kept, nothing guessed
        ("es", f"Damasco, 3 oct (SANA) {ES_TEXT}", "Damasco, 3 oct (SANA)"),
    ],
)
def test_unreadable_dateline_of_an_edition_keeps_raw_and_text(
    edition: str, paragraph: str, raw: str
) -> None:
    assert split_dateline(paragraph, VOCABULARIES[edition]) == Dateline(
        raw, None, None, None, None, paragraph
    )


@pytest.mark.parametrize(
    ("edition", "paragraph"),
    [
        ("ar", AR_TEXT),
        ("ar", "قال مراسل سانا في حمص إن الطريق أعيد فتحه أمام حركة السير."),
        ("ar", "أفادت سانا بأن الأعمال مستمرة."),
        ("ar", f"حمص-ساناافتتح {AR_TEXT}"),
        ("ar", "Damascus, SANA – an English dateline is not an Arabic form"),
        (
            "ar",
            f"نص طويل يمتد إلى ما بعد نافذة الدلالة بكثير من الكلمات والجمل {AR_TEXT} دمشق-سانا",
        ),
        ("fa", FA_TEXT),
        ("he", HE_TEXT),
        ("he", "סוכנות סאנא דיווחה כי הכביש נפתח."),
        ("fr", FR_TEXT),
        ("fr", "La SANA a rapporté que la route a rouvert."),
        ("ru", RU_TEXT),
        ("ru", "Агентство САНА сообщило, что дорога открыта."),
        ("es", ES_TEXT),
        ("es", "Damasco-SANA no es una forma que conocemos en español"),
        ("tr", TR_TEXT),
        ("tr", "SANA muhabiri yolun açıldığını bildirdi."),
        ("en", "Damas-SANA/ is not an English form"),
        ("en", "دمشق-سانا"),
    ],
)
def test_no_dateline_in_an_edition_leaves_the_paragraph_intact(
    edition: str, paragraph: str
) -> None:
    assert split_dateline(paragraph, VOCABULARIES[edition]) == Dateline(
        None, None, None, None, None, paragraph
    )


EDITIONS = st.sampled_from(sorted(VOCABULARIES))
# Places of every script, markers of every edition's form.
PLACES = st.sampled_from(
    ["دمشق", "دير الزور", "إدلب", "مسکو", "דמשק", "Damas", "Caire", "Алеппо", "Moscow", "Şam"]
)
MARKERS = st.sampled_from(
    ["-سانا", " - سانا", "-سانـا", " – סאנא", "-SANA/", "-SANA /", " – САНА", ", SANA –", " (SANA)"]
)
DATELINE_LIKE = st.builds("{}{} {}".format, st.text(max_size=40) | PLACES, MARKERS, st.text())


@given(EDITIONS, st.one_of(st.text(), DATELINE_LIKE))
def test_split_dateline_never_raises_and_keeps_text_in_every_edition(
    edition: str, paragraph: str
) -> None:
    dateline = split_dateline(paragraph, VOCABULARIES[edition])
    if dateline.place is None:
        assert dateline.rest == paragraph
        assert (dateline.agency, dateline.month, dateline.day) == (None, None, None)
    else:
        assert dateline.agency == "SANA"
        assert paragraph.strip().startswith(dateline.raw or "")
        assert paragraph.strip().endswith(dateline.rest)


@given(EDITIONS, DATELINE_LIKE)
def test_readable_dateline_reads_the_same_again_in_every_edition(
    edition: str, paragraph: str
) -> None:
    vocabulary = VOCABULARIES[edition]
    dateline = split_dateline(paragraph, vocabulary)
    if dateline.place is not None:
        assert split_dateline(f"{dateline.raw} {dateline.rest}", vocabulary) == dateline


# Text in the editions' scripts without any agency name: never a dateline, always whole.
AGENCY_NAMES = {name for vocabulary in VOCABULARIES.values() for name in vocabulary.agency_names}
WORDS = st.sampled_from(
    ["دمشق", "أعلنت", "الوزارة", "-", "–", "مسکو", "דמשק", "Damas", "Алеппо", "/", ",", "Şam"]
)
DATELINE_FREE = (
    st.lists(WORDS | st.text(max_size=8), max_size=20)
    .map(" ".join)
    .filter(lambda text: not any(name in remove_marks(text) for name in AGENCY_NAMES))
)


@given(EDITIONS, DATELINE_FREE)
def test_text_without_the_agency_stays_whole_in_every_edition(edition: str, text: str) -> None:
    assert split_dateline(text, VOCABULARIES[edition]) == Dateline(
        None, None, None, None, None, text
    )
