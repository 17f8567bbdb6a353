"""Tests for normalize/dates.py: UTC and Damascus-local instants, stamps, dateline years."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.dates import dateline_date, parse_stamp, to_local, to_utc

DAMASCUS = "Asia/Damascus"


@pytest.mark.parametrize(
    ("value", "utc", "local"),
    [
        # winter before 2022: UTC+2
        ("2017-03-14T12:22:05+02:00", "2017-03-14T10:22:05+00:00", "2017-03-14T12:22:05+02:00"),
        ("2017-01-05T08:00:00", "2017-01-05T06:00:00+00:00", "2017-01-05T08:00:00+02:00"),
        # summer before 2022: UTC+3
        ("2019-07-20T09:15:00+03:00", "2019-07-20T06:15:00+00:00", "2019-07-20T09:15:00+03:00"),
        ("2019-07-20T09:15:00", "2019-07-20T06:15:00+00:00", "2019-07-20T09:15:00+03:00"),
        # after 2022: UTC+3 all year
        ("2023-01-10T12:00:00", "2023-01-10T09:00:00+00:00", "2023-01-10T12:00:00+03:00"),
        ("2025-10-21T15:02:00+03:00", "2025-10-21T12:02:00+00:00", "2025-10-21T15:02:00+03:00"),
        # other offsets and spellings of UTC
        ("2017-03-14T10:22:05Z", "2017-03-14T10:22:05+00:00", "2017-03-14T12:22:05+02:00"),
        ("2017-03-14T10:22:05+00:00", "2017-03-14T10:22:05+00:00", "2017-03-14T12:22:05+02:00"),
        ("2020-06-01T00:30:00-04:00", "2020-06-01T04:30:00+00:00", "2020-06-01T07:30:00+03:00"),
        ("2017-03-14 12:22:05", "2017-03-14T10:22:05+00:00", "2017-03-14T12:22:05+02:00"),
        (
            "2017-03-14T12:22:05.123456+02:00",
            "2017-03-14T10:22:05+00:00",
            "2017-03-14T12:22:05+02:00",
        ),
        (" 2017-03-14T12:22:05+02:00 ", "2017-03-14T10:22:05+00:00", "2017-03-14T12:22:05+02:00"),
    ],
)
def test_to_utc_and_to_local(value: str, utc: str, local: str) -> None:
    assert to_utc(value, DAMASCUS) == utc
    assert to_local(value, DAMASCUS) == local
    assert to_local(utc, DAMASCUS) == local


@pytest.mark.parametrize(
    ("value", "tz"),
    [
        ("", DAMASCUS),
        ("yesterday", DAMASCUS),
        ("2017-13-01T00:00:00", DAMASCUS),
        ("2017-02-30", DAMASCUS),
        ("Published: 2025/10/21 3:02 PM", DAMASCUS),
        ("2017-03-14T12:22:05+02:00", "Nowhere/Atlantis"),
        ("2017-03-14T12:22:05+02:00", ""),
    ],
)
def test_unreadable_value_gives_none(value: str, tz: str) -> None:
    assert to_utc(value, tz) is None
    assert to_local(value, tz) is None


@pytest.mark.parametrize(
    ("stamp", "utc"),
    [
        ("Published: 2025/10/21 3:02 PM", "2025-10-21T12:02:00+00:00"),
        ("Updated: 2025/10/21 4:10 PM", "2025-10-21T13:10:00+00:00"),
        ("2025/10/21 12:05 AM", "2025-10-20T21:05:00+00:00"),
        ("Published:\u00a02025/12/01  11:45 am", "2025-12-01T08:45:00+00:00"),
        ("Published: 2025/10/21 15:02", "2025-10-21T12:02:00+00:00"),
        ("Published: 2019/01/15 9:00 AM", "2019-01-15T07:00:00+00:00"),
    ],
)
def test_parse_stamp(stamp: str, utc: str) -> None:
    assert parse_stamp(stamp, DAMASCUS) == utc


@pytest.mark.parametrize(
    "stamp", ["", "Published:", "Published: yesterday", "2025/13/21 3:02 PM", "2025/10/21"]
)
def test_unreadable_stamp_gives_none(stamp: str) -> None:
    assert parse_stamp(stamp, DAMASCUS) is None


@pytest.mark.parametrize(
    ("month", "day", "published", "expected"),
    [
        (12, 11, "2025-12-11T10:00:00+00:00", "2025-12-11"),
        (12, 10, "2025-12-11T10:00:00+00:00", "2025-12-10"),
        (3, 4, "2025-10-21T12:02:00+00:00", "2025-03-04"),
        (12, 18, "2025-12-11T10:00:00+00:00", "2025-12-18"),
        (12, 19, "2025-12-11T10:00:00+00:00", "2024-12-19"),
        (12, 30, "2026-01-03T10:00:00+00:00", "2025-12-30"),
        (1, 2, "2025-12-31T22:30:00+00:00", "2026-01-02"),
        (2, 29, "2025-03-01T00:00:00+00:00", "2024-02-29"),
        (2, 30, "2025-03-01T00:00:00+00:00", None),
        (13, 1, "2025-03-01T00:00:00+00:00", None),
        (3, 1, "not a date", None),
    ],
)
def test_dateline_date(month: int, day: int, published: str, expected: str | None) -> None:
    assert dateline_date(month, day, published) == expected


@given(st.text())
def test_date_functions_never_raise_and_utc_is_idempotent(value: str) -> None:
    utc = to_utc(value, DAMASCUS)
    assert utc is None or to_utc(utc, DAMASCUS) == utc
    assert (to_local(value, DAMASCUS) is None) == (utc is None)
    stamp_utc = parse_stamp(value, DAMASCUS)
    assert stamp_utc is None or to_utc(stamp_utc, DAMASCUS) == stamp_utc


@given(st.datetimes(timezones=st.timezones()))
def test_to_utc_is_idempotent_and_to_local_names_the_same_instant(moment: datetime) -> None:
    value = moment.isoformat()
    utc = to_utc(value, DAMASCUS)
    if utc is not None:
        assert to_utc(utc, DAMASCUS) == utc
        local = to_local(value, DAMASCUS)
        assert local is not None
        assert to_utc(local, DAMASCUS) == utc


@given(st.integers(), st.integers(), st.datetimes().map(lambda moment: moment.isoformat()))
def test_dateline_date_never_raises(month: int, day: int, published: str) -> None:
    resolved = dateline_date(month, day, published)
    assert resolved is None or resolved[5:] == f"{month:02d}-{day:02d}"
