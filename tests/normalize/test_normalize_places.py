"""Tests for normalize/places.py: SANA's canonical spellings and ALL-CAPS places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.places import canonical_place

PLACES_FILE = Path(__file__).parents[2] / "newscrawler" / "normalize" / "data" / "places.json"
TABLE: dict[str, list[str]] = json.loads(PLACES_FILE.read_text(encoding="utf-8"))["places"]


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
