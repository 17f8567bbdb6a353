"""Every snapshot content file follows docs/snapshot.md: schema, links, expected rows."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawler.items import LAYOUT_ARCHIVE
from newscrawler.sites import profiles
from newscrawler.snapshot.common import DAMASCUS, parse_time
from newscrawler.snapshot.content import (
    PACKAGE_CONTENT_DIR,
    Content,
    ContentArticle,
    ContentError,
    load_content,
    parse_article_file,
)
from newscrawler.snapshot.editions import ARABIC, FRENCH, Edition
from tests.snapshot.conftest import TEST_CONTENT

TEXT_OR_NULL = (str, type(None))
EXPECTED_FIELDS: dict[str, type | tuple[type, ...]] = {
    "url": str, "post_id": int, "site": str, "edition": str, "layout": str, "title": str,
    "title_raw": str, "updated": bool, "media": list, "published": str,
    "modified": TEXT_OR_NULL, "published_local": str, "dateline_raw": TEXT_OR_NULL,
    "dateline_place": TEXT_OR_NULL, "dateline_agency": TEXT_OR_NULL,
    "dateline_date": TEXT_OR_NULL, "editor_tags_raw": TEXT_OR_NULL, "editor_tags": list,
    "byline_raw": TEXT_OR_NULL, "authors": list, "subheadings": list, "body": str,
    "categories": list, "tags": list, "links": list,
}  # fmt: skip
LINK_FIELDS = {"kind", "to_url", "anchor_text", "teaser"}
FAILURE_STAGES = {"title", "body"}
STAMP_RE = re.compile(r"^(\d{4})/(\d{2})/(\d{2}) (\d{1,2}):(\d{2}) (AM|PM)$")


def content_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("archive/*.json")) + sorted(folder.glob("relaunch/*.json"))


def canonical_url(article: ContentArticle, edition: str = "en") -> str:
    """The article's address as its edition's site profile writes canonical URLs."""
    template = profiles()[edition].canonical[article.layout]
    return template.format(post_id=article.post_id, section=article.section)


def utc(value: str | None) -> str | None:
    return None if value is None else parse_time(value).astimezone(UTC).isoformat()


def stamp_utc(stamp: str | None) -> str | None:
    """`2025/10/21 3:02 PM`, Damascus local time, as UTC ISO."""
    match = STAMP_RE.match(stamp or "")
    if match is None:
        return None
    year, month, day, hour, minute, half = match.groups()
    hour_24 = int(hour) % 12 + (12 if half == "PM" else 0)
    local = datetime(int(year), int(month), int(day), hour_24, int(minute), tzinfo=DAMASCUS)
    return local.astimezone(UTC).isoformat()


def expected_dates(article: ContentArticle) -> tuple[str | None, str | None]:
    """UTC published/modified the crawl reads: JSON-LD or meta values, else the printed stamps."""
    if article.layout == LAYOUT_ARCHIVE or article.json_ld:
        return utc(article.published), utc(article.modified)
    stamps = article.stamps
    return stamp_utc(stamps.published if stamps else None), stamp_utc(
        stamps.updated if stamps else None
    )


def category_names(content: Content, article: ContentArticle) -> list[str]:
    if article.section is not None:
        return [content.sections[article.section]]
    return [content.categories[cid].name for cid in article.category_ids]


def expected_problems(content: Content, article: ContentArticle, edition: str = "en") -> list[str]:
    """Everything wrong with one article's `expected` row; empty when it is right."""
    expected = dict(article.expected)
    if "failure" in expected:
        if (
            expected != {"failure": expected["failure"]}
            or expected["failure"] not in FAILURE_STAGES
        ):
            return [f"a failure row is exactly {{'failure': one of {sorted(FAILURE_STAGES)}}}"]
        return []
    problems = [f"missing {key}" for key in EXPECTED_FIELDS if key not in expected]
    problems += [f"unknown field {key}" for key in expected if key not in EXPECTED_FIELDS]
    problems += [
        f"{key} should be {kind}, is {type(expected[key]).__name__}"
        for key, kind in EXPECTED_FIELDS.items()
        if key in expected and not isinstance(expected[key], kind)
    ]
    if problems:
        return problems
    published, modified = expected_dates(article)
    local = parse_time(published).astimezone(DAMASCUS).isoformat() if published else None
    checks = {
        "url": canonical_url(article, edition),
        "edition": edition,
        "post_id": article.post_id,
        "layout": article.layout,
        "title_raw": article.title,
        "categories": category_names(content, article),
        "tags": list(article.tags),
        "published": published,
        "modified": modified,
        "published_local": local,
    }
    problems += [
        f"{key} is {expected[key]!r}, the page says {value!r}"
        for key, value in checks.items()
        if expected[key] != value
    ]
    problems += link_problems(content, article, expected["links"], edition)
    problems += [f"subheading {s!r} is not in body" for s in expected["subheadings"]
                 if s not in expected["body"]]  # fmt: skip
    if expected["editor_tags_raw"] and expected["body"].endswith(expected["editor_tags_raw"]):
        problems.append("body still ends with the editor tag line")
    if not expected["body"].strip():
        problems.append("body is empty (use {'failure': 'body'} for an article that must fail)")
    return problems


def link_problems(
    content: Content, article: ContentArticle, links: list[Any], edition: str = "en"
) -> list[str]:
    if not all(isinstance(link, dict) and set(link) == LINK_FIELDS for link in links):
        return [f"each link has exactly the keys {sorted(LINK_FIELDS)}"]
    check_also = [link for link in links if link["kind"] == "check_also"]
    if article.check_also is None:
        return ["a check_also link but the page has no box"] if check_also else []
    target = content.archive[article.check_also.post_id]
    if [link["to_url"] for link in check_also] != [canonical_url(target, edition)]:
        return [f"expected one check_also link to {canonical_url(target, edition)}"]
    return []


def unreachable_unlisted(content: Content) -> list[str]:
    """Unlisted posts that no Check Also box and no other article's body links to."""
    everything = [*content.archive.values(), *content.relaunch.values()]
    targets = {(LAYOUT_ARCHIVE, a.check_also.post_id) for a in everything if a.check_also}
    missing = []
    for article in everything:
        if article.listed or (article.layout, article.post_id) in targets:
            continue
        address = (
            rf"[?&]p={article.post_id}\b"
            if article.layout == LAYOUT_ARCHIVE
            else rf"/{article.section}/{article.post_id}/"
        )
        linked = any(
            re.search(address, other.body_html)
            for other in everything
            if other is not article and other.layout == article.layout
        )
        if not linked:
            missing.append(f"{article.layout}/{article.post_id}.json")
    return missing


@pytest.fixture(scope="module")
def package_content() -> Content:
    return load_content(PACKAGE_CONTENT_DIR)


@pytest.mark.parametrize(
    "path", content_files(PACKAGE_CONTENT_DIR), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_package_content_file(path: Path, package_content: Content) -> None:
    article = parse_article_file(
        path, path.parent.name, package_content.categories, package_content.sections
    )
    assert expected_problems(package_content, article) == [], path


EDITION_FILES = [
    (edition, path) for edition in (ARABIC, FRENCH) for path in content_files(edition.content_dir)
]


@pytest.mark.parametrize(
    ("edition", "path"), EDITION_FILES, ids=lambda v: getattr(v, "name", getattr(v, "code", v))
)
def test_edition_content_file(edition: Edition, path: Path) -> None:
    content = load_content(edition.content_dir)
    article = parse_article_file(path, path.parent.name, content.categories, content.sections)
    assert expected_problems(content, article, edition.code) == [], path


def test_edition_content_loads_as_a_whole() -> None:
    for edition in (ARABIC, FRENCH):
        content = load_content(edition.content_dir)
        assert content.archive, edition.code
        assert unreachable_unlisted(content) == [], edition.code


def test_package_content_loads_as_a_whole(package_content: Content) -> None:
    # load_content checks check_also targets and post id uniqueness per layout.
    assert set(package_content.categories) >= {3, 7}
    assert unreachable_unlisted(package_content) == []


def test_test_content_is_valid(test_content: Content) -> None:
    for article in [*test_content.archive.values(), *test_content.relaunch.values()]:
        assert expected_problems(test_content, article) == [], article.post_id
    assert unreachable_unlisted(test_content) == []


def test_wrong_expected_rows_are_reported(test_content: Content) -> None:
    article = test_content.archive[200101]
    wrong = dict(article.expected, published="2017-03-14T12:22:05+00:00", links=[])
    del wrong["byline_raw"]
    problems = expected_problems(test_content, replace(article, expected=wrong))
    assert problems == ["missing byline_raw"]
    wrong["byline_raw"] = None
    problems = expected_problems(test_content, replace(article, expected=wrong))
    assert problems == [
        "published is '2017-03-14T12:22:05+00:00', the page says '2017-03-14T10:22:05+00:00'",
        "expected one check_also link to https://archive.sana.sy/en/?p=200050",
    ]


def test_unlisted_article_nobody_links_to_is_reported(test_content: Content) -> None:
    archive = dict(test_content.archive)
    archive[200101] = replace(archive[200101], check_also=None)
    orphaned = Content(
        test_content.categories, test_content.sections, archive, test_content.relaunch
    )
    assert unreachable_unlisted(orphaned) == ["archive/200050.json"]


def test_schema_errors_name_the_file(tmp_path: Path, test_content: Content) -> None:
    raw = json.loads((TEST_CONTENT / "archive" / "200101.json").read_text(encoding="utf-8"))
    cases = {
        "category_ids": [42],
        "published": "14 March 2017",
        "layout": "relaunch",
        "check_also": {"post_id": "200050"},
    }
    for key, bad in cases.items():
        path = tmp_path / "200101.json"
        path.write_text(json.dumps({**raw, key: bad}), encoding="utf-8")
        with pytest.raises(ContentError, match=r"200101\.json"):
            parse_article_file(path, "archive", test_content.categories, test_content.sections)
