"""Site profiles: one TOML file per agency edition (`sites/<agency>/<edition>.toml`), as data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from newscrawler.normalize.vocabulary import Vocabulary

_PROFILE_DIR = Path(__file__).parent
ALL_EDITIONS = "all"


@dataclass(frozen=True)
class Profile:
    """One edition of one agency: where it lives, what language it speaks, how it is read."""

    agency: str
    edition: str
    name: str
    language: str
    direction: str
    timezone: str
    hosts: tuple[str, ...]
    path_prefix: str
    start_urls: tuple[str, ...]
    # Listing paths walked instead when the edition's feed cannot be read at all, resolved
    # against the feed's own address (so a mirror or the snapshot falls back to itself).
    feed_fallback: tuple[str, ...]
    # Canonical article URLs per layout: `{post_id}`, and `{section}` for the relaunch.
    canonical: dict[str, str]
    vocabulary: Vocabulary
    # What of this edition was seen on real pages; the rest is parsed when present (EDITIONS.md).
    verified: tuple[str, ...]

    def owns_path(self, path: str) -> bool:
        """Whether a URL path is under this edition's prefix (`/en/`; `/` owns what is left)."""
        prefix = self.path_prefix
        return path.startswith(prefix) or path == prefix.rstrip("/")

    def path_within(self, path: str) -> str:
        """The part of a path this edition owns after its prefix: `politics/12/` of
        `/en/politics/12/`, `` of `/en` or `/`."""
        return path[len(self.path_prefix) :] if path.startswith(self.path_prefix) else ""


def _profile(agency: str, path: Path) -> Profile:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return Profile(
        agency=agency,
        edition=table["edition"],
        name=table["name"],
        language=table["language"],
        direction=table["direction"],
        timezone=table["timezone"],
        hosts=tuple(table["hosts"]),
        path_prefix=table["path_prefix"],
        start_urls=tuple(table["start_urls"]),
        feed_fallback=tuple(table["feed_fallback"]),
        canonical=dict(table["canonical"]),
        vocabulary=Vocabulary.from_table(table["language"], table.get("vocabulary", {})),
        verified=tuple(table.get("verified", [])),
    )


@cache
def profiles(agency: str = "sana") -> dict[str, Profile]:
    """Every edition of `agency`, by edition code, longest path prefix first."""
    loaded = [_profile(agency, path) for path in sorted((_PROFILE_DIR / agency).glob("*.toml"))]
    loaded.sort(key=lambda profile: len(profile.path_prefix), reverse=True)
    return {profile.edition: profile for profile in loaded}


def select_editions(spec: str, agency: str = "sana") -> list[Profile]:
    """`en`, `en,ar` or `all` → those profiles, in the order asked; an unknown code is an error."""
    known = profiles(agency)
    if spec.strip() == ALL_EDITIONS:
        return list(known.values())
    codes = [code.strip() for code in spec.split(",") if code.strip()]
    unknown = [code for code in codes if code not in known]
    if unknown or not codes:
        raise ValueError(
            f"unknown edition {', '.join(unknown) or spec!r}: "
            f"choose from {', '.join(sorted(known))} or {ALL_EDITIONS}"
        )
    return [known[code] for code in dict.fromkeys(codes)]


def profile_for_url(url: str, agency: str = "sana") -> Profile:
    """The edition a URL belongs to, by its path prefix alone (never its host: DESIGN §3)."""
    return profile_for_path(urlsplit(url).path or "/", agency)


def profile_for_path(path: str, agency: str = "sana") -> Profile:
    """The edition owning `path`; the one with the shortest prefix (the site root's) when no
    prefix matches, as for a relative path."""
    candidates = _longest_prefix_first(agency)
    return next((p for p in candidates if p.owns_path(path)), candidates[-1])


@cache
def _longest_prefix_first(agency: str) -> tuple[Profile, ...]:
    # Asked for every page and link: the profiles once, as a tuple.
    return tuple(profiles(agency).values())
