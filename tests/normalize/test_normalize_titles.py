"""Tests for normalize/titles.py: update markers, media suffixes, spaces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.titles import Title, normalize_title


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Updated-Lavrov calls for a united front",
            Title("Lavrov calls for a united front", True, []),
        ),
        ("Update-Ceasefire holds in Homs", Title("Ceasefire holds in Homs", True, [])),
        ("Updated -Ceasefire holds in Homs", Title("Ceasefire holds in Homs", True, [])),
        ("Updated - Ceasefire holds in Homs", Title("Ceasefire holds in Homs", True, [])),
        ("Update – Ceasefire holds in Homs", Title("Ceasefire holds in Homs", True, [])),
        ("UPDATED: Ceasefire holds in Homs", Title("Ceasefire holds in Homs", True, [])),
        ("updated—Ceasefire holds in Homs", Title("Ceasefire holds in Homs", True, [])),
        ("Update\u00a0- Ceasefire holds in Homs", Title("Ceasefire holds in Homs", True, [])),
        (
            "Army restores security to villages-Video",
            Title("Army restores security to villages", False, ["video"]),
        ),
        (
            "Army restores security to villages-VIDEO",
            Title("Army restores security to villages", False, ["video"]),
        ),
        (
            "Army restores security to villages – Video",
            Title("Army restores security to villages", False, ["video"]),
        ),
        ("Damascus book fair opens (photos)", Title("Damascus book fair opens", False, ["photos"])),
        ("Damascus book fair opens (Photos)", Title("Damascus book fair opens", False, ["photos"])),
        ("Damascus book fair opens, Photos", Title("Damascus book fair opens", False, ["photos"])),
        ("Damascus book fair opens-Photos", Title("Damascus book fair opens", False, ["photos"])),
        (
            "Olive harvest in Idleb – Photo Report",
            Title("Olive harvest in Idleb", False, ["photo report"]),
        ),
        (
            "Olive harvest in Idleb - Photo report",
            Title("Olive harvest in Idleb", False, ["photo report"]),
        ),
        (
            "Updated-Flood relief reaches Hama – Video (Photos)",
            Title("Flood relief reaches Hama", True, ["video", "photos"]),
        ),
        ("Syria  and  Iraq discuss trade", Title("Syria and Iraq discuss trade", False, [])),
        (
            "Mikdad : talks were constructive , useful",
            Title("Mikdad: talks were constructive, useful", False, []),
        ),
        ("  Trailing and leading spaces\u00a0", Title("Trailing and leading spaces", False, [])),
        (
            "Update on the talks expected tomorrow",
            Title("Update on the talks expected tomorrow", False, []),
        ),
        ("Updates from the fair", Title("Updates from the fair", False, [])),
        (
            "Syria in photos through the decades",
            Title("Syria in photos through the decades", False, []),
        ),
        (
            "Video games festival opens in Aleppo",
            Title("Video games festival opens in Aleppo", False, []),
        ),
        ("", Title("", False, [])),
        ("Updated-", Title("", True, [])),
    ],
)
def test_normalize_title(raw: str, expected: Title) -> None:
    assert normalize_title(raw) == expected


@given(st.text())
def test_normalize_title_is_idempotent(raw: str) -> None:
    title = normalize_title(raw)
    again = normalize_title(title.text)
    assert again.text == title.text
    assert not again.updated
    assert again.media == []


@given(st.text())
def test_normalize_title_media_are_known_values(raw: str) -> None:
    assert set(normalize_title(raw).media) <= {"video", "photos", "photo report"}
