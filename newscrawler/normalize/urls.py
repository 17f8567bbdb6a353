"""Canonical article URLs: one address per post and edition, whatever host or mirror served it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit, urlunsplit

from newscrawler.items import LAYOUT_ARCHIVE, LAYOUT_RELAUNCH
from newscrawler.sites import Profile, profile_for_path

# What an archive article's path is within its edition: `/en/`, `/en/index.php`, `/`, `/fr`.
_ARCHIVE_PATHS = {"", "index.php"}
# `rbsnp/` is Foxiz's next-post endpoint under a post's address: the same post.
_RELAUNCH_PATH = re.compile(r"^(?P<section>[^/]+)/(?P<post_id>[0-9]+)/?(?:rbsnp(?:/[0-9]*)?/?)?$")
# Relaunch paths shaped like `<word>/<number>/` that are listings, not articles.
_NOT_SECTIONS = {"page", "tag", "author", "category", "feed"}
_POST_ID = re.compile(r"[0-9]+")


def canonical_url(layout: str, post_id: int | None, section: str | None, fallback: str) -> str:
    """The article's canonical URL from its post id, in the edition `fallback`'s path names
    (its profile's `[canonical]` templates); `canonical_link(fallback)` without a post id."""
    profile = _profile_of(fallback)
    if post_id is not None and layout == LAYOUT_ARCHIVE:
        return profile.canonical[LAYOUT_ARCHIVE].format(post_id=post_id)
    if post_id is not None and section and layout == LAYOUT_RELAUNCH:
        return profile.canonical[LAYOUT_RELAUNCH].format(section=section, post_id=post_id)
    return canonical_link(fallback)


def canonical_link(url: str) -> str:
    """An article link's canonical URL; other URLs get scheme and host lower-cased, no fragment."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    profile = profile_for_path(parts.path or "/")
    within = profile.path_within(parts.path)
    post_ids = parse_qs(parts.query).get("p", [])
    if within in _ARCHIVE_PATHS and len(post_ids) == 1 and _POST_ID.fullmatch(post_ids[0]):
        return profile.canonical[LAYOUT_ARCHIVE].format(post_id=int(post_ids[0]))
    relaunch = _RELAUNCH_PATH.match(within)
    if relaunch is not None and relaunch.group("section") not in _NOT_SECTIONS:
        section, post_id = relaunch.group("section", "post_id")
        return profile.canonical[LAYOUT_RELAUNCH].format(section=section, post_id=int(post_id))
    userinfo, at, host = parts.netloc.rpartition("@")
    netloc = f"{userinfo}{at}{host.lower()}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, "")).strip()


def _profile_of(url: str) -> Profile:
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        path = ""
    return profile_for_path(path or "/")
