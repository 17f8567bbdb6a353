"""Staff names: every spelling of one person maps to one canonical name; others to themselves."""

from __future__ import annotations

import json

import pytest

from newscrawler.normalize.staff import ROSTER, person_for
from tests.support import CONTENT


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("Manar al-Freih", "Manar al-Freih"),
        ("Manar al-Frieh", "Manar al-Freih"),
        ("Manar Al-Frieh", "Manar al-Freih"),
        ("MANAR  AL-FRIEH", "Manar al-Freih"),
        ("Bushra Qriema", "Bushra Qreima"),
        ("bushra qreima", "Bushra Qreima"),
        ("Mazen", "Mazen"),  # a first name alone is ambiguous: never merged
        ("H. Zain", "H. Zain"),
        ("Someone New", "Someone New"),
    ],
)
def test_person_for(written: str, person: str) -> None:
    assert person_for(written) == person


def test_every_full_name_in_the_snapshot_is_on_the_roster() -> None:
    spellings = {name.casefold() for name, variants in ROSTER.items() for name in [name, *variants]}
    for path in CONTENT.glob("*/*.json"):
        expected = json.loads(path.read_text(encoding="utf-8"))["expected"]
        for tag in expected.get("editor_tags", []):
            initials = tag.split()[0].endswith(".")
            if (" " in tag and not initials) or tag.count(".") > 1:  # a first name and surname
                assert tag.casefold() in spellings, (path.name, tag)
