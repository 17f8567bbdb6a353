"""What counts as an article's content, and the hash that tells two captures apart."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

# `modified`, the seen-times, links and images are left out on purpose: a page's modified time
# moves without any edit, and the Check Also box changes between captures by design.
CONTENT_FIELDS: tuple[str, ...] = (
    "title",
    "title_raw",
    "updated",
    "media",
    "published",
    "dateline_raw",
    "dateline_place",
    "dateline_agency",
    "dateline_date",
    "editor_tags_raw",
    "editor_tags",
    "byline_raw",
    "authors",
    "subheadings",
    "body",
    "categories",
    "tags",
)


def canonical_content(article: Mapping[str, Any]) -> str:
    """The content fields as JSON with sorted keys and no insignificant whitespace."""
    content = {name: article[name] for name in CONTENT_FIELDS}
    # 0/1 from a row and False/True from an item must hash alike
    content["updated"] = bool(content["updated"])
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(article: Mapping[str, Any]) -> str:
    """Hex sha256 of `canonical_content`."""
    return hashlib.sha256(canonical_content(article).encode("utf-8")).hexdigest()
