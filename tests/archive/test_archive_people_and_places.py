"""People and places in the archive: staff per editor tag, the gazetteer, dateline places."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newscrawler.archive import Archive
from newscrawler.archive import places as places_module
from tests.archive.conftest import ArticleFactory, ReadRows

T1 = "2024-01-01T08:00:00+00:00"
T2 = "2024-02-01T08:00:00+00:00"


def save(archive: Archive, article: dict, now: str = T1) -> None:
    archive.save_article(article, [article["url"]], now)
    archive.flush()


def people(committed: ReadRows, url: str) -> list[tuple[int, str, str]]:
    return [
        (row["position"], row["name"], row["name_as_written"])
        for row in committed(
            "SELECT position, name, name_as_written FROM article_staff"
            " JOIN staff ON staff.id = staff_id WHERE article_url = ? ORDER BY position",
            url,
        )
    ]


def test_each_editor_tag_names_its_person(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    tags = ["Manar al-Frieh", "Mazen"]
    save(archive, article(editor_tags=tags, staff=["Manar al-Freih", "Mazen"]))
    assert people(committed, article()["url"]) == [
        (1, "Manar al-Freih", "Manar al-Frieh"),
        (2, "Mazen", "Mazen"),
    ]


def test_a_save_replaces_the_articles_staff_rows(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(editor_tags=["A B", "C D"], staff=["A B", "C D"]))
    save(archive, article(editor_tags=["E F"], staff=["E F"]), T2)
    assert people(committed, article()["url"]) == [(1, "E F", "E F")]


def test_two_spellings_share_one_person(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(1, editor_tags=["Bushra Qreima"], staff=["Bushra Qreima"]))
    save(archive, article(2, editor_tags=["Bushra Qriema"], staff=["Bushra Qreima"]))
    rows = committed("SELECT staff_id FROM article_staff")
    assert len(rows) == 2 and rows[0] == rows[1]


def test_the_articles_staff_column_lists_each_person_once_by_canonical_name(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    tags = ["Manar al-Frieh", "Mazen", "Manar Al-Frieh"]
    save(archive, article(editor_tags=tags, staff=["Manar al-Freih", "Mazen", "Manar al-Freih"]))
    [row] = committed("SELECT staff FROM articles")
    assert json.loads(row["staff"]) == ["Manar al-Freih", "Mazen"]
    save(archive, article(editor_tags=["E F"], staff=["E F"]), T2)
    [row] = committed("SELECT staff FROM articles")
    assert json.loads(row["staff"]) == ["E F"]


def test_without_staff_each_tag_stands_for_itself(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(editor_tags=["Manar al-Frieh"], staff=[]))
    assert people(committed, article()["url"]) == [(1, "Manar al-Frieh", "Manar al-Frieh")]


def test_roster_lists_people_with_their_variants(archive: Archive, committed: ReadRows) -> None:
    archive.sync_staff({"Manar al-Freih": ["Manar al-Frieh"]})
    archive.sync_staff({"Manar al-Freih": ["Manar al-Frieh", "Manar Al-Frieh"]})
    archive.flush()
    assert committed("SELECT name, variants FROM staff") == [
        {"name": "Manar al-Freih", "variants": '["Manar al-Frieh", "Manar Al-Frieh"]'}
    ]


def test_places_are_loaded_from_the_gazetteer(archive: Archive, committed: ReadRows) -> None:
    rows = {row["name"]: row for row in committed("SELECT * FROM places")}
    assert rows["Idleb"]["kind"] == "governorate"
    assert rows["Idleb"]["latitude"] == pytest.approx(35.93, abs=0.05)
    assert rows["Moscow"]["country"] == "Russia"
    assert rows["Provinces"]["latitude"] is None


def test_gazetteer_edits_apply_when_the_archive_is_opened(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, committed: ReadRows
) -> None:
    Archive(db_path).close()
    edited = tmp_path / "places.csv"
    shutil.copy(places_module.PLACES_FILE, edited)
    lines = edited.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("Moscow,")]
    edited.write_text("\n".join([*kept, "Kherbet Ghazaleh,town,Syria,32.73,36.20", ""]))
    monkeypatch.setattr(places_module, "PLACES_FILE", edited)
    Archive(db_path).close()
    names = {row["name"] for row in committed("SELECT name FROM places")}
    assert "Kherbet Ghazaleh" in names
    assert "Moscow" not in names


def test_multi_place_datelines_are_split_in_order(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(dateline_place="Deir Ezzor/Raqqa"))
    rows = committed("SELECT position, place FROM article_places ORDER BY position")
    assert [(r["position"], r["place"]) for r in rows] == [(1, "Deir Ezzor"), (2, "Raqqa")]
    mapped = committed("SELECT place, latitude FROM articles_with_places ORDER BY place")
    assert [row["place"] for row in mapped] == ["Deir Ezzor", "Raqqa"]
    assert all(row["latitude"] is not None for row in mapped)


def test_a_dateline_change_replaces_the_articles_places(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save(archive, article(dateline_place="Hama/Idleb"))
    save(archive, article(dateline_place=None, dateline_raw=None, dateline_agency=None), T2)
    assert committed("SELECT * FROM article_places") == []


def test_the_gazetteer_holds_each_editions_name_of_a_place(
    archive: Archive, committed: ReadRows
) -> None:
    rows = {row["name"]: row for row in committed("SELECT * FROM places")}
    damascus = rows["Damascus"]
    assert (damascus["name_ar"], damascus["name_fr"], damascus["name_ru"]) == (
        "دمشق",
        "Damas",
        "Дамаск",
    )
    assert rows["Moscow"]["name_fa"] == "مسکو"
    assert rows["Provinces"]["name_ar"] is None
