"""Site profiles: every edition's TOML loads, and URLs find their edition by path alone."""

from __future__ import annotations

import pytest

from newscrawler.sites import profile_for_url, profiles, select_editions


def test_every_profile_has_twelve_months_and_an_agency_name() -> None:
    for profile in profiles().values():
        assert sorted(set(profile.vocabulary.months.values())) == list(range(1, 13)), profile
        assert profile.vocabulary.agency_names, profile


@pytest.mark.parametrize(
    ("url", "edition"),
    [
        ("https://archive.sana.sy/en/?p=12", "en"),
        ("http://127.0.0.1:8000/en", "en"),
        ("https://sana.sy/fr/?p=12", "fr"),
        ("https://sana.sy/?p=1937484", "ar"),
        ("https://sana.sy/tourism/2051/", "ar"),
        ("https://sana.sy/english-news/", "ar"),
        ("https://sana.sy./fa/?p=20025", "fa"),
        ("https://sana.sy/he/?p=254207", "he"),
    ],
)
def test_edition_of_a_url_is_its_path_prefix(url: str, edition: str) -> None:
    assert profile_for_url(url).edition == edition


def test_editions_are_selected_in_the_order_asked_without_repeats() -> None:
    assert [p.edition for p in select_editions("ar, en,ar")] == ["ar", "en"]


def test_all_selects_every_edition() -> None:
    assert {p.edition for p in select_editions("all")} == set(profiles())


def test_an_unknown_edition_names_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match="unknown edition 'xx': choose from ar, en, es, fa, fr, he, ru, tr or all"
    ):
        select_editions("en,xx")
