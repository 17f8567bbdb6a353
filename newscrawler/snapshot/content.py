"""Loads and validates the snapshot site's content files into `ContentArticle` records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawler.items import LAYOUT_ARCHIVE, LAYOUT_RELAUNCH

PACKAGE_CONTENT_DIR = Path(__file__).parent / "content"

REQUIRED_KEYS = (
    "post_id",
    "layout",
    "section",
    "category_ids",
    "tags",
    "title",
    "published",
    "modified",
    "stamps",
    "json_ld",
    "featured_image",
    "body_html",
    "check_also",
    "listed",
    "versions",
    "expected",
)


class ContentError(ValueError):
    """A content file (named in the message) does not follow docs/snapshot.md."""


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    slug: str


@dataclass(frozen=True)
class Stamps:
    published: str
    updated: str | None = None


@dataclass(frozen=True)
class CheckAlso:
    post_id: int
    teaser: str


@dataclass(frozen=True)
class Version:
    title: str
    body_html: str
    modified: str | None


@dataclass(frozen=True)
class ContentArticle:
    """One article as the snapshot serves it; field meanings as in docs/snapshot.md."""

    post_id: int
    layout: str
    title: str
    published: str
    modified: str | None
    body_html: str
    section: str | None = None
    category_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    stamps: Stamps | None = None
    json_ld: bool = True
    featured_image: str | None = None
    check_also: CheckAlso | None = None
    listed: bool = True
    versions: tuple[Version, ...] = ()
    expected: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Content:
    """Everything in one content folder."""

    categories: Mapping[int, Category]
    sections: Mapping[str, str]
    archive: Mapping[int, ContentArticle]
    relaunch: Mapping[int, ContentArticle]


def load_content(directory: Path = PACKAGE_CONTENT_DIR) -> Content:
    """Read a content folder; raise `ContentError` naming the first file that is wrong."""
    categories = _load_categories(directory / "categories.json")
    sections = _load_sections(directory / "sections.json")
    archive = _load_layout(directory / LAYOUT_ARCHIVE, LAYOUT_ARCHIVE, categories, sections)
    relaunch = _load_layout(directory / LAYOUT_RELAUNCH, LAYOUT_RELAUNCH, categories, sections)
    _check_check_also_targets(directory / LAYOUT_ARCHIVE, archive)
    return Content(categories=categories, sections=sections, archive=archive, relaunch=relaunch)


def parse_timestamp(value: str) -> datetime:
    """ISO 8601 as content writes it; raises ValueError for anything else."""
    return datetime.fromisoformat(value)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ContentError(f"{path}: cannot read JSON: {error}") from error


def _load_categories(path: Path) -> dict[int, Category]:
    raw = _read_json(path)
    if not isinstance(raw, dict):
        raise ContentError(f"{path}: expected an object of category id -> {{name, slug}}")
    categories = {}
    for key, value in raw.items():
        if not key.isdigit() or not isinstance(value, dict):
            raise ContentError(f"{path}: bad category entry {key!r}")
        name, slug = value.get("name"), value.get("slug")
        if not isinstance(name, str) or not isinstance(slug, str):
            raise ContentError(f"{path}: category {key} needs string name and slug")
        categories[int(key)] = Category(id=int(key), name=name, slug=slug)
    return categories


def _load_sections(path: Path) -> dict[str, str]:
    raw = _read_json(path)
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ContentError(f"{path}: expected an object of section slug -> name")
    return dict(raw)


def _load_layout(
    folder: Path, layout: str, categories: Mapping[int, Category], sections: Mapping[str, str]
) -> dict[int, ContentArticle]:
    articles: dict[int, ContentArticle] = {}
    if not folder.is_dir():
        return articles
    for path in sorted(folder.glob("*.json")):
        article = parse_article_file(path, layout, categories, sections)
        if article.post_id in articles:
            raise ContentError(f"{path}: post_id {article.post_id} is used twice in {layout}")
        articles[article.post_id] = article
    return articles


def parse_article_file(
    path: Path, layout: str, categories: Mapping[int, Category], sections: Mapping[str, str]
) -> ContentArticle:
    """Validate one article file against the schema and turn it into a `ContentArticle`."""
    raw = _read_json(path)
    try:
        return _parse_article(raw, layout, categories, sections, path.stem)
    except (KeyError, TypeError, ValueError) as error:
        raise ContentError(f"{path}: {error}") from error


def _parse_article(
    raw: Any,
    layout: str,
    categories: Mapping[int, Category],
    sections: Mapping[str, str],
    file_stem: str,
) -> ContentArticle:
    if not isinstance(raw, dict):
        raise TypeError("the file must hold one JSON object")
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        raise KeyError(f"missing keys {missing}")
    post_id = _typed(raw, "post_id", int)
    if str(post_id) != file_stem:
        raise ValueError(f"post_id {post_id} does not match the file name")
    if raw["layout"] != layout:
        raise ValueError(f"layout {raw['layout']!r} but the file is in the {layout} folder")
    category_ids = tuple(_typed_list(raw, "category_ids", int))
    unknown = [cid for cid in category_ids if cid not in categories]
    if unknown:
        raise ValueError(f"unknown category ids {unknown}")
    section = raw["section"]
    if layout == LAYOUT_ARCHIVE:
        _check_archive_only_fields(raw, category_ids)
    else:
        _check_relaunch_only_fields(raw, sections)
    published = _typed(raw, "published", str)
    parse_timestamp(published)
    modified = _optional_timestamp(raw["modified"], "modified")
    expected = raw["expected"]
    if not isinstance(expected, dict):
        raise TypeError("expected must be an object")
    return ContentArticle(
        post_id=post_id,
        layout=layout,
        title=_typed(raw, "title", str),
        published=published,
        modified=modified,
        body_html=_typed(raw, "body_html", str),
        section=section,
        category_ids=category_ids,
        tags=tuple(_typed_list(raw, "tags", str)),
        stamps=_parse_stamps(raw["stamps"]),
        json_ld=_typed(raw, "json_ld", bool),
        featured_image=_optional_str(raw["featured_image"], "featured_image"),
        check_also=_parse_check_also(raw["check_also"]),
        listed=_typed(raw, "listed", bool),
        versions=tuple(_parse_version(v) for v in _typed(raw, "versions", list)),
        expected=expected,
    )


def _check_archive_only_fields(raw: dict[str, Any], category_ids: tuple[int, ...]) -> None:
    if raw["section"] is not None:
        raise ValueError("archive articles have section null")
    if raw["stamps"] is not None:
        raise ValueError("archive articles have stamps null")
    if not category_ids:
        raise ValueError("archive articles need at least one category id")


def _check_relaunch_only_fields(raw: dict[str, Any], sections: Mapping[str, str]) -> None:
    if raw["section"] not in sections:
        raise ValueError(f"section {raw['section']!r} is not in sections.json")
    if raw["check_also"] is not None:
        raise ValueError("relaunched articles have check_also null (the theme has no such box)")


def _typed(raw: dict[str, Any], key: str, kind: type) -> Any:
    value = raw[key]
    # bool is an int subclass; a post id of `true` is a mistake, not a number.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{key} must be {kind.__name__}, not {type(value).__name__}")
    return value


def _typed_list(raw: dict[str, Any], key: str, kind: type) -> list[Any]:
    values = _typed(raw, key, list)
    if not all(isinstance(v, kind) and not isinstance(v, bool) for v in values):
        raise TypeError(f"{key} must be a list of {kind.__name__}")
    return values


def _optional_str(value: Any, key: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key} must be a string or null")
    return value


def _optional_timestamp(value: Any, key: str) -> str | None:
    text = _optional_str(value, key)
    if text is not None:
        parse_timestamp(text)
    return text


def _parse_stamps(value: Any) -> Stamps | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("published"), str):
        raise TypeError("stamps must be null or {published, updated}")
    return Stamps(
        published=value["published"], updated=_optional_str(value.get("updated"), "stamps.updated")
    )


def _parse_check_also(value: Any) -> CheckAlso | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError("check_also must be null or {post_id, teaser}")
    return CheckAlso(post_id=_typed(value, "post_id", int), teaser=_typed(value, "teaser", str))


def _parse_version(value: Any) -> Version:
    if not isinstance(value, dict):
        raise TypeError("each version must be {title, body_html, modified}")
    return Version(
        title=_typed(value, "title", str),
        body_html=_typed(value, "body_html", str),
        modified=_optional_timestamp(value.get("modified"), "versions.modified"),
    )


def _check_check_also_targets(folder: Path, archive: Mapping[int, ContentArticle]) -> None:
    for article in archive.values():
        target = article.check_also
        if target is not None and target.post_id not in archive:
            raise ContentError(
                f"{folder / f'{article.post_id}.json'}: check_also post {target.post_id} "
                "is not an archive content file"
            )
