"""Dates and times: ISO 8601 values and printed stamps (numeric or long dates in each edition's
month names) → UTC / publisher-local ISO strings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawler.normalize.arabic import match_form
from newscrawler.normalize.vocabulary import ENGLISH, Vocabulary

# A dateline's month and day may be up to this far ahead of the publication date (time zones,
# late posting); further ahead, they belong to the year before.
_DATELINE_LEAD = timedelta(days=7)
# `Published:`, `نشر في:`: a label of letters (the colon of a time is no label's).
_STAMP_LABEL = re.compile(r"^\s*[^\W\d_][^:\d]*:\s*")
_STAMP_FORMATS = ("%Y/%m/%d %I:%M %p", "%Y/%m/%d %H:%M", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M")
# Arabic-Indic and Persian digits (`١٧ سبتمبر ٢٠٢٤`, `۱۷ سپتامبر ۲۰۲۴`) read as ASCII ones.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATOR = r"[\s,،]"
# Words may lead: a weekday, a label (`الثلاثاء , 17 سبتمبر 2024`, `mardi 17 septembre 2024`).
_LEADING_WORDS = r"(?:[^\d]*?[\s,،])?"
# `1er mars`, `March 4th`: an ordinal suffix after the day.
_ORDINAL = r"(?:er|st|nd|rd|th)?"
# One word may follow the year: an era or year mark (`2024г.`, `2024م`) or a weekday.
_AFTER_YEAR = r"(?:[\s,،]*[^\W\d_]+\.?)?"
_TIME = (
    rf"(?:{_SEPARATOR}*(?:[^\W\d_]{{1,5}}\s+)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})"
    r"(?:\s*(?P<half>[ap]\.?\s?m\.?|ص|م))?)?"
)
_DAY_FIRST = re.compile(
    rf"^{_LEADING_WORDS}(?P<day>\d{{1,2}}){_ORDINAL}\.?\s*(?P<month>[^\d,،]+?){_SEPARATOR}*"
    rf"(?P<year>\d{{4}}){_AFTER_YEAR}{_TIME}$",
    re.IGNORECASE,
)
# The month's group may hold leading words too (`Tuesday March`): the lookup tries its tails.
_MONTH_FIRST = re.compile(
    rf"^(?P<month>[^\d]+?)\s*(?P<day>\d{{1,2}}){_ORDINAL}{_SEPARATOR}+(?P<year>\d{{4}})"
    rf"{_AFTER_YEAR}{_TIME}$",
    re.IGNORECASE,
)
# A printed date with its weekday and time is far shorter; a longer "stamp" is not read as a
# long date (which also bounds the patterns' backtracking on hostile text).
_MAX_LONG_DATE_CHARS = 120
# Spanish and Portuguese join day, month and year with `de`: `17 de septiembre de 2024`.
_JOINING_WORDS = {"de", "del"}
_AFTERNOON = {"pm", "p.m.", "p.m", "p m", "م"}


def _zone(tz: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _aware(value: str, tz: str) -> datetime | None:
    """The instant an ISO 8601 value names; a value without an offset is `tz` local time."""
    zone = _zone(tz)
    if zone is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _format_utc(moment: datetime) -> str | None:
    try:
        utc = moment.astimezone(UTC).replace(microsecond=0, tzinfo=None)
    except (OverflowError, ValueError):
        return None
    return f"{utc.isoformat()}+00:00"


def to_utc(value: str, tz: str) -> str | None:
    """`2017-03-14T12:22:05+02:00` → `2017-03-14T10:22:05+00:00`; None when unreadable."""
    moment = _aware(value, tz)
    return None if moment is None else _format_utc(moment)


def to_local(value: str, tz: str) -> str | None:
    """The same instant in `tz`, with its offset: `2017-03-14T12:22:05+02:00`."""
    moment = _aware(value, tz)
    zone = _zone(tz)
    if moment is None or zone is None:
        return None
    try:
        return moment.astimezone(zone).replace(microsecond=0).isoformat()
    except (OverflowError, ValueError):
        return None


@cache
def _month_numbers(vocabulary: Vocabulary) -> dict[str, int]:
    return {match_form(name).strip(" ."): number for name, number in vocabulary.months.items()}


def _month_number(name: str, vocabulary: Vocabulary) -> int | None:
    """`septiembre`, `Sept.`, `أيلول`, `ايلول`, `Tuesday, March` → the month's number.

    The last words that name a month in the profile count: a weekday before them does not.
    """
    words = [
        word
        for word in name.replace("،", " ").replace(",", " ").split()
        if word.casefold() not in _JOINING_WORDS
    ]
    known = _month_numbers(vocabulary)
    tails = (match_form(" ".join(words[start:])).strip(" .") for start in range(len(words)))
    return next((known[tail] for tail in tails if tail in known), None)


def _hour(match: re.Match[str]) -> int | None:
    """The 24-hour hour of the match's time; None for an impossible 12-hour one (`13:00 PM`)."""
    hour = int(match.group("hour") or 0)
    half = match.group("half")
    if half is None:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if half.casefold().replace(" ", "") in _AFTERNOON else 0)


def _long_date(text: str, vocabulary: Vocabulary) -> datetime | None:
    """`17 سبتمبر 2024`, `mardi 17 septembre 2024 15:02`, `March 4, 2017 3:02 PM` → naive."""
    if len(text) > _MAX_LONG_DATE_CHARS:
        return None
    matches = (pattern.match(text) for pattern in (_DAY_FIRST, _MONTH_FIRST))
    readings = (
        (match, _month_number(match.group("month"), vocabulary)) for match in matches if match
    )
    match, month = next(((match, month) for match, month in readings if month), (None, None))
    hour = None if match is None else _hour(match)
    if match is None or month is None or hour is None:
        return None
    try:
        return datetime(
            int(match.group("year")),
            month,
            int(match.group("day")),
            hour,
            int(match.group("minute") or 0),
        )
    except ValueError:
        return None


def _numeric_stamp(text: str) -> datetime | None:
    for stamp_format in _STAMP_FORMATS:
        try:
            return datetime.strptime(text, stamp_format)
        except ValueError:
            continue
    return None


def parse_stamp(stamp: str, tz: str, vocabulary: Vocabulary = ENGLISH) -> str | None:
    """`Published: 2025/10/21 3:02 PM`, `١٧ سبتمبر ٢٠٢٤` (local time in `tz`) → UTC ISO string.

    A long date names its month in `vocabulary`'s words; without a time it is local midnight.
    """
    zone = _zone(tz)
    if zone is None:
        return None
    text = " ".join(_STAMP_LABEL.sub("", stamp.translate(_DIGITS)).split())
    moment = _numeric_stamp(text) or _long_date(text, vocabulary)
    return None if moment is None else _format_utc(moment.replace(tzinfo=zone))


def dateline_date(month: int, day: int, published_utc: str) -> str | None:
    """ISO date of a dateline's month and day, in the year that puts it at or before publication.

    That is the publication year, or the year before when the day would fall more than a week
    after the publication date (or the year after, for a late-December publication of a
    January dateline).
    """
    moment = _aware(published_utc, "UTC")
    if moment is None:
        return None
    published_on = moment.astimezone(UTC).date()
    latest_allowed = published_on + _DATELINE_LEAD
    candidates = []
    for year in (published_on.year + 1, published_on.year, published_on.year - 1):
        try:
            candidate = date(year, month, day)
        except (ValueError, OverflowError):
            continue
        if candidate <= latest_allowed:
            candidates.append(candidate)
    return max(candidates).isoformat() if candidates else None
