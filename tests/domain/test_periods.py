"""Report periods: months, ISO weeks, ranges, the period before and a year earlier."""

from datetime import date

import pytest

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.periods import (
    date_range,
    last_complete_week,
    month_period,
    parse_day,
    parse_month,
    parse_week,
    week_period,
)

TODAY = date(2026, 11, 18)


@pytest.mark.parametrize("text", ["2026-10", "2026/10", "2026年10月", " 2026-10 ", "2026.10"])
def test_months_as_a_clerk_types_them(text):
    p = parse_month(text, TODAY)
    assert (p.start, p.end, p.label, p.code) == (date(2026, 10, 1), date(2026, 10, 31),
                                                 "2026年10月", "2026-10")


@pytest.mark.parametrize("text", ["", "2026", "2026-13", "2026-0", "10-2026", "abc", "2026-10-01",
                                  "２０２６-１０x", "0099-01"])
def test_malformed_months_are_refused_in_chinese(text):
    with pytest.raises(ValidationError, match="格式不对") as err:
        parse_month(text, TODAY)
    assert err.value.field == "月份"


def test_a_month_that_has_not_begun_is_refused_but_the_current_one_is_not():
    assert parse_month("2026-11", TODAY).end == date(2026, 11, 30)
    with pytest.raises(ValidationError, match="2026年12月还没有到"):
        parse_month("2026-12", TODAY)


def test_the_month_before_and_a_year_earlier():
    p = parse_month("2026-01", TODAY)
    assert p.previous() == month_period(2025, 12)
    assert p.year_before() == month_period(2025, 1)
    assert month_period(2024, 2).end == date(2024, 2, 29)
    assert month_period(2024, 3).previous().days == 29


@pytest.mark.parametrize("text", ["2026-W44", "2026W44", "2026-w44", "2026年第44周"])
def test_iso_weeks(text):
    p = parse_week(text, TODAY)
    assert (p.start, p.end) == (date(2026, 10, 26), date(2026, 11, 1))
    assert p.code == "2026-W44" and "第44周" in p.label
    assert p.previous() == week_period(2026, 43)
    assert p.year_before() == week_period(2025, 44)


def test_week_53_and_the_year_before_without_one():
    p = parse_week("2026-W53", date(2027, 2, 1))
    assert p.start == date(2026, 12, 28)
    assert p.year_before() == week_period(2025, 52)


@pytest.mark.parametrize("text,message", [("2026-W54", "没有第54周"), ("2026-W00", "没有第0周"),
                                          ("2026-44", "格式不对"), ("W44", "格式不对"),
                                          ("2026-W48", "还没有到")])
def test_bad_weeks(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_week(text, TODAY)


def test_the_monday_summary_covers_the_week_before():
    assert last_complete_week(date(2026, 11, 2)) == week_period(2026, 44)   # a Monday
    assert last_complete_week(date(2026, 11, 8)) == week_period(2026, 44)   # the Sunday after


def test_ranges():
    r = date_range(date(2026, 10, 3), date(2026, 10, 9), TODAY)
    assert r.days == 7 and r.previous().end == date(2026, 10, 2)
    assert r.year_before().start == date(2025, 10, 3)
    with pytest.raises(ValidationError, match="不能晚于"):
        date_range(date(2026, 10, 9), date(2026, 10, 3), TODAY)
    with pytest.raises(ValidationError, match="还没有到"):
        date_range(date(2026, 12, 1), date(2026, 12, 3), TODAY)
    assert parse_day("2026/10/3", field="开始日期") == date(2026, 10, 3)
    with pytest.raises(ValidationError, match="开始日期“2026-02-30”不是有效日期"):
        parse_day("2026-02-30", field="开始日期")
