"""Dates and times: ISO 8601 values and printed stamps → UTC / publisher-local ISO strings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A dateline's month and day may be up to this far ahead of the publication date (time zones,
# late posting); further ahead, they belong to the year before.
_DATELINE_LEAD = timedelta(days=7)
_STAMP_LABEL = re.compile(r"^\s*[^\W\d_][^:]*:\s*")
_STAMP_FORMATS = ("%Y/%m/%d %I:%M %p", "%Y/%m/%d %H:%M", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M")


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


def parse_stamp(stamp: str, tz: str) -> str | None:
    """`Published: 2025/10/21 3:02 PM` (local time in `tz`) → UTC ISO string."""
    zone = _zone(tz)
    if zone is None:
        return None
    text = " ".join(_STAMP_LABEL.sub("", stamp).split())
    for stamp_format in _STAMP_FORMATS:
        try:
            moment = datetime.strptime(text, stamp_format)
        except ValueError:
            continue
        return _format_utc(moment.replace(tzinfo=zone))
    return None


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
