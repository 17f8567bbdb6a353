"""Tests for normalize/places.py: one gazetteer name per place, whatever the edition's spelling."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.places import canonical_place

ROOT = Path(__file__).parents[2]
PLACES_FILE = ROOT / "newscrawler" / "normalize" / "data" / "places.json"
GAZETTEER_FILE = ROOT / "newscrawler" / "archive" / "data" / "places.csv"
DATA = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
TABLE: dict[str, list[str]] = DATA["places"]
NAMES: dict[str, dict[str, list[str]]] = DATA["names"]
LANGUAGES = ("ar", "fr", "es", "ru", "tr", "fa", "he")
GOVERNORATES = (
    "Damascus", "Damascus Countryside", "Aleppo", "Homs", "Hama", "Idleb", "Lattakia", "Tartous",
    "Deir Ezzor", "Hasaka", "Raqqa", "Sweida", "Quneitra", "Daraa",
)  # fmt: skip


def gazetteer() -> dict[str, dict[str, str]]:
    with GAZETTEER_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [(variant, canonical) for canonical, variants in TABLE.items() for variant in variants]
    + [(canonical, canonical) for canonical in TABLE],
)
def test_every_table_variant_maps_to_its_canonical_spelling(variant: str, canonical: str) -> None:
    assert canonical_place(variant) == canonical


def test_table_holds_the_documented_places() -> None:
    assert set(TABLE) == {
        "Damascus", "Damascus Countryside", "Aleppo", "Homs", "Hama", "Idleb", "Lattakia",
        "Tartous", "Deir Ezzor", "Hasaka", "Raqqa", "Sweida", "Quneitra", "Daraa", "Palmyra",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DEIR EZZOR", "Deir Ezzor"),
        ("LATTAKIA", "Lattakia"),
        ("deir ez-zor", "Deir Ezzor"),
        ("  Idlib\u00a0", "Idleb"),
        ("Rural  Damascus", "Damascus Countryside"),
        ("Provinces", "Provinces"),
        ("PROVINCES", "Provinces"),
        ("capitals", "Capitals"),
        ("Moscow", "Moscow"),
        ("NEW YORK", "New York"),
        ("SANA'A", "Sana'a"),
        ("AL-QAMISHLI", "Al-Qamishli"),
        ("Vienna", "Vienna"),
        ("Kuala Lumpur", "Kuala Lumpur"),
    ],
)
def test_canonical_place(name: str, expected: str) -> None:
    assert canonical_place(name) == expected


@given(st.text())
def test_canonical_place_is_idempotent(name: str) -> None:
    once = canonical_place(name)
    assert canonical_place(once) == once


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        # one place per place: Damascus in every edition's spelling
        ("دمشق", "Damascus"),
        ("Damas", "Damascus"),
        ("Damasco", "Damascus"),
        ("Дамаск", "Damascus"),
        ("דמשק", "Damascus"),
        ("Şam", "Damascus"),
        ("ŞAM", "Damascus"),
        # tatweel, harakat, hamza and alef variants, ta marbuta, Persian letters
        ("دمشـق", "Damascus"),
        ("دِمَشْق", "Damascus"),
        ("إدلب", "Idleb"),
        ("ادلب", "Idleb"),
        ("حماة", "Hama"),
        ("حماه", "Hama"),
        ("الحسكة", "Hasaka"),
        ("الحسكه", "Hasaka"),
        ("أنقرة", "Ankara"),
        ("انقره", "Ankara"),
        ("مسکو", "Moscow"),
        ("موسكو", "Moscow"),
        ("سویدا", "Sweida"),
        ("\u200fدمشق\u200f", "Damascus"),
        # multi-word names, foreign capitals
        ("دير الزور", "Deir Ezzor"),
        ("دير  الزور", "Deir Ezzor"),
        ("ريف دمشق", "Damascus Countryside"),
        ("القاهرة", "Cairo"),
        ("Le Caire", "Cairo"),
        ("Caire", "Cairo"),
        ("Moscou", "Moscow"),
        ("Москва", "Moscow"),
        ("Lattaquié", "Lattakia"),
        ("Алеппо", "Aleppo"),
        ("Halep", "Aleppo"),
        ("חלב", "Aleppo"),
        ("Эс-Сувейда", "Sweida"),
        ("La Habana", "Havana"),
        ("واشنطن", "Washington"),
        ("القامشلي", "Qamishli"),
        # not in the table: as written, marks off
        ("تدمر الجديدة", "تدمر الجديدة"),
        ("بلدةٌ", "بلدة"),
        ("Санкт-Петербург", "Санкт-Петербург"),
    ],
)
def test_every_editions_spelling_is_one_place(spelling: str, canonical: str) -> None:
    assert canonical_place(spelling) == canonical


@pytest.mark.parametrize(
    ("canonical", "language", "spelling"),
    [
        (canonical, language, spelling)
        for canonical, languages in NAMES.items()
        for language, spellings in languages.items()
        for spelling in spellings
    ],
)
def test_every_listed_name_resolves_to_its_place(
    canonical: str, language: str, spelling: str
) -> None:
    assert language in LANGUAGES
    assert canonical_place(spelling) == canonical


def test_the_governorates_and_capitals_have_a_name_in_every_language() -> None:
    capitals = [name for name, row in gazetteer().items() if row["kind"] in {"capital", "city"}]
    for place in [*GOVERNORATES, *capitals]:
        assert set(NAMES[place]) == set(LANGUAGES), place


def test_every_named_place_is_a_gazetteer_row() -> None:
    assert set(NAMES) <= set(gazetteer())


def test_the_gazetteer_shows_each_editions_first_name() -> None:
    for name, row in gazetteer().items():
        for language in LANGUAGES:
            expected = NAMES.get(name, {}).get(language, [""])[0]
            assert row[f"name_{language}"] == expected, (name, language)


def test_doubtful_spellings_are_listed_names() -> None:
    listed = {
        s for languages in NAMES.values() for spellings in languages.values() for s in spellings
    }
    assert set(DATA["doubtful"]) <= listed
