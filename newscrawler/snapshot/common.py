"""Small helpers the snapshot renderers share: slugs, excerpts, times and date formats."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

DAMASCUS = ZoneInfo("Asia/Damascus")
CANONICAL_HOST = "https://sana.sy"

_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")
_FIRST_PARAGRAPH_RE = re.compile(r"<p[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
# Letters and digits of any script stay, as WordPress's `sanitize_title` keeps them.
_NON_SLUG_RE = re.compile(r"[\W_]+")


def esc(text: str) -> str:
    """Escape text for an HTML element or attribute."""
    return html.escape(text, quote=True)


def slugify(name: str) -> str:
    """WordPress-like slug of a tag or category name: `Al-Assad Hospital` → `al-assad-hospital`,
    `ريف دمشق` → `ريف-دمشق`."""
    return _NON_SLUG_RE.sub("-", name.lower()).strip("-") or "tag"


def slug_in_url(slug: str) -> str:
    """A slug as WordPress prints it in a link: non-ASCII letters percent-encoded, lower-case
    hex (`%d8%af%d9%85%d8%b4%d9%82`); ASCII slugs are unchanged."""
    return quote(slug, safe="").lower()


def slug_class(slug: str) -> str:
    """A slug in a class name: `sanitize_html_class` drops the `%` of an encoded slug."""
    return slug_in_url(slug).replace("%", "")


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, spaces collapsed."""
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", fragment))).strip()


def excerpt(body_html: str, words: int = 30) -> str:
    """The theme's teaser: the first paragraph with text, cut to `words` words plus an ellipsis."""
    for match in _FIRST_PARAGRAPH_RE.finditer(body_html):
        text = plain_text(match.group(1))
        if text:
            parts = text.split(" ")
            return text if len(parts) <= words else " ".join(parts[:words]) + " …"
    return ""


def excerpt_words(text: str, words: int = 30) -> str:
    """`wp_trim_words`: the first `words` words of a text (tags and entities read), then an
    ellipsis when it was cut."""
    parts = plain_text(text).split(" ")
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def parse_time(value: str) -> datetime:
    """An aware datetime; a naive value is Damascus local time, as the site means it."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=DAMASCUS)


def sort_key(value: str) -> float:
    return parse_time(value).timestamp()


def long_date(value: str) -> str:
    """`March 14, 2017`, in the time zone the value was written in."""
    moment = parse_time(value)
    return f"{moment:%B} {moment.day}, {moment.year}"


def stamp(value: str) -> str:
    """`2025/10/21 3:02 PM` from an ISO time, in Damascus local time (the relaunched theme)."""
    moment = parse_time(value).astimezone(DAMASCUS)
    hour = moment.hour % 12 or 12
    return f"{moment:%Y/%m/%d} {hour}:{moment:%M %p}"


def rfc822(value: str) -> str:
    """RSS `pubDate`."""
    return format_datetime(parse_time(value))


def http_date(value: str) -> str:
    """`Last-Modified` header value (always GMT)."""
    return format_datetime(parse_time(value).astimezone(UTC), usegmt=True)


def thousands(number: int) -> str:
    return f"{number:,}"
