"""Working days for the complaint clocks (rule C7) and the lunar calendar (rule P6)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lunar_python import LunarMonth, Solar

from wuye_desk.domain.calendar import (
    LunarDate,
    WorkCalendar,
    fallback_warning,
    festivals,
    lunar_to_solar,
    next_lunar_anniversary,
    next_solar_anniversary,
    package_knows_year,
    solar_to_lunar,
    upcoming_festivals,
)
from wuye_desk.domain.errors import ValidationError

CAL = WorkCalendar()
END_OF_DAY = time.max

needs_unknown_2027 = pytest.mark.skipif(
    package_knows_year(2027),
    reason="the installed chinese_calendar already knows 2027; the fallback needs an unknown year",
)


# --- working days (rule C7) ----------------------------------------------------


def test_rule_C7_agrees_with_the_package_on_every_day_of_2026() -> None:
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert CAL.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_rule_C7_national_day_2026_moves_a_three_workday_deadline() -> None:
    # The package's arrangement for 2026: 1-7 October off, Saturday 10 October worked.
    for d in range(1, 8):
        assert not chinese_calendar.is_workday(date(2026, 10, d))
    assert chinese_calendar.is_workday(date(2026, 10, 8))
    assert date(2026, 10, 10).weekday() == 5 and chinese_calendar.is_workday(date(2026, 10, 10))

    received = datetime(2026, 9, 30, 10, 0)  # Wednesday, the eve of the holiday
    # 8 Oct (Thu) = 1, 9 Oct (Fri) = 2, 10 Oct (make-up Saturday) = 3
    assert CAL.add_workdays(received, 3) == datetime(2026, 10, 10, 10, 0)
    assert CAL.add_workdays(received, 1) == datetime(2026, 10, 8, 10, 0)
    assert CAL.workdays_between(received.date(), date(2026, 10, 10)) == 3


def test_rule_C7_mid_autumn_2026_moves_a_three_workday_deadline() -> None:
    for d in (25, 26, 27):
        assert not chinese_calendar.is_workday(date(2026, 9, d))
    received = datetime(2026, 9, 24, 15, 30)  # Thursday
    assert CAL.add_workdays(received, 3) == datetime(2026, 9, 30, 15, 30)


def test_rule_C7_make_up_saturday_counts_as_a_working_day() -> None:
    saturday = date(2026, 2, 28)
    assert saturday.weekday() == 5
    assert chinese_calendar.is_workday(saturday)
    assert CAL.is_workday(saturday)
    # a 重大 received Friday afternoon is due on the make-up Saturday, not Monday
    assert CAL.add_workdays(datetime(2026, 2, 27, 16, 0), 1) == datetime(2026, 2, 28, 16, 0)


def test_rule_C7_spring_festival_2026() -> None:
    for d in range(15, 24):
        assert not CAL.is_workday(date(2026, 2, d)), d
    assert CAL.is_workday(date(2026, 2, 14))  # make-up Saturday before the holiday
    received = datetime(2026, 2, 13, 10, 0)  # Friday
    # 14 Feb (Sat, worked) = 1, holiday 15-23, 24 Feb = 2, 25 Feb = 3
    assert CAL.add_workdays(received, 3) == datetime(2026, 2, 25, 10, 0)


def test_rule_C7_ordinary_weeks() -> None:
    assert CAL.add_workdays(datetime(2026, 11, 17, 10, 0), 3) == datetime(2026, 11, 20, 10, 0)
    assert CAL.add_workdays(datetime(2026, 11, 20, 16, 0), 1) == datetime(2026, 11, 23, 16, 0)
    assert CAL.add_workdays(datetime(2026, 11, 17, 10, 0), 0) == datetime(2026, 11, 17, 10, 0)


def test_rule_C7_received_on_a_holiday_is_due_at_the_end_of_the_nth_working_day() -> None:
    received = datetime(2026, 10, 3, 15, 0)  # Saturday inside the National Day holiday
    assert CAL.add_workdays(received, 3) == datetime.combine(date(2026, 10, 10), END_OF_DAY)
    assert CAL.add_workdays(received, 1) == datetime.combine(date(2026, 10, 8), END_OF_DAY)
    assert CAL.add_workdays(received, 0) == datetime(2026, 10, 8, 0, 0)
    saturday = datetime(2026, 11, 21, 9, 0)
    assert CAL.add_workdays(saturday, 3) == datetime.combine(date(2026, 11, 25), END_OF_DAY)


def test_rule_C7_negative_count_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        CAL.add_workdays(datetime(2026, 11, 17, 10, 0), -1)


def test_rule_C7_workdays_between() -> None:
    assert CAL.workdays_between(date(2026, 11, 17), date(2026, 11, 17)) == 0
    assert CAL.workdays_between(date(2026, 11, 20), date(2026, 11, 23)) == 1  # Fri → Mon
    assert CAL.workdays_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
    assert CAL.workdays_between(date(2026, 10, 10), date(2026, 9, 30)) == -3


@given(
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)),
    n=st.integers(min_value=0, max_value=12),
)
def test_rule_C7_deadline_is_n_working_days_after_receipt(start: datetime, n: int) -> None:
    deadline = CAL.add_workdays(start, n)
    assert deadline >= start
    if CAL.is_workday(start.date()):
        assert deadline.time() == start.time()
        assert CAL.workdays_between(start.date(), deadline.date()) == n
    elif n > 0:
        assert deadline.time() == END_OF_DAY
        assert CAL.workdays_between(start.date(), deadline.date()) == n
    if n > 0:
        assert CAL.is_workday(deadline.date())


@needs_unknown_2027
def test_rule_C7_2027_falls_back_to_weekends_with_a_warning() -> None:
    assert CAL.is_known_year(2026)
    assert not CAL.is_known_year(2027)
    new_year = date(2027, 1, 1)  # a Friday; the package does not know it is a holiday
    assert new_year.weekday() == 4
    assert CAL.is_workday(new_year)
    assert not CAL.is_workday(date(2027, 1, 2))  # Saturday
    assert CAL.add_workdays(datetime(2026, 12, 31, 10, 0), 1) == datetime(2027, 1, 1, 10, 0)

    assert CAL.unknown_years(date(2026, 12, 28), date(2027, 1, 8)) == [2027]
    assert CAL.unknown_years(date(2026, 1, 1), date(2026, 12, 31)) == []
    assert fallback_warning(CAL.unknown_years(date(2026, 12, 28), date(2027, 1, 8))) == (
        "2027年的法定节假日安排尚未收录，按周末计算，请在设置中补充"
    )


def test_rule_C7_fallback_warning_text() -> None:
    assert fallback_warning([]) == ""
    assert fallback_warning([2028, 2027, 2028]) == (
        "2027、2028年的法定节假日安排尚未收录，按周末计算，请在设置中补充"
    )


@needs_unknown_2027
def test_rule_C7_office_holiday_in_2027_is_honoured() -> None:
    cal = WorkCalendar(extra_holidays=[date(2027, 1, 1)], extra_workdays=[date(2027, 2, 20)])
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.add_workdays(datetime(2026, 12, 31, 10, 0), 1) == datetime(2027, 1, 4, 10, 0)
    assert cal.is_workday(date(2027, 2, 20))  # a Saturday the office works
    # the office has taken 2027 in hand: no more warning
    assert cal.is_known_year(2027)
    assert cal.unknown_years(date(2026, 12, 28), date(2027, 1, 8)) == []


def test_rule_C7_office_dates_override_the_package() -> None:
    cal = WorkCalendar(extra_holidays=[date(2026, 11, 18)], extra_workdays=[date(2026, 10, 5)])
    assert not cal.is_workday(date(2026, 11, 18))
    assert cal.is_workday(date(2026, 10, 5))
    assert CAL.is_workday(date(2026, 11, 18)) and not CAL.is_workday(date(2026, 10, 5))


def test_rule_C7_a_day_cannot_be_both_holiday_and_workday() -> None:
    with pytest.raises(ValidationError) as err:
        WorkCalendar(extra_holidays=[date(2027, 1, 1)], extra_workdays=[date(2027, 1, 1)])
    assert "2027-01-01" in err.value.message
    assert err.value.rule == "C7"


def test_rule_C7_office_dates_from_settings() -> None:
    cal = WorkCalendar.from_settings([" 2027-01-01 ", ""], ["2027-02-20"])
    assert cal.extra_holidays == {date(2027, 1, 1)}
    assert cal.extra_workdays == {date(2027, 2, 20)}
    for bad in ("2027/1/1", "2027-02-30", "元旦", "20270101x"):
        with pytest.raises(ValidationError) as err:
            WorkCalendar.from_settings([bad], [])
        assert err.value.field == "自定义节假日"
        assert bad in err.value.message
    with pytest.raises(ValidationError) as err:
        WorkCalendar.from_settings([], ["下周六"])
    assert err.value.field == "自定义调休上班日"


# --- lunar calendar (rule P6) --------------------------------------------------


def test_rule_P6_mid_autumn_2026() -> None:
    assert lunar_to_solar(2026, 8, 15) == date(2026, 9, 25)
    assert (date(2026, 9, 25), "中秋节") in festivals(2026)


def test_rule_P6_spring_festival_2027() -> None:
    assert lunar_to_solar(2027, 1, 1) == date(2027, 2, 6)
    assert (date(2027, 2, 6), "春节") in festivals(2027)


def test_rule_P6_new_years_eve_when_the_twelfth_month_has_29_days() -> None:
    # 腊月 of lunar 2025 has 29 days (the package says so), so 除夕 is 腊月廿九
    assert LunarMonth.fromYm(2025, 12).getDayCount() == 29
    assert (date(2026, 2, 16), "除夕") in festivals(2026)
    assert solar_to_lunar(date(2026, 2, 16)) == LunarDate(2025, 12, 29)
    assert solar_to_lunar(date(2026, 2, 16)).text == "腊月廿九"
    # and the 2026 one, in solar 2027
    assert LunarMonth.fromYm(2026, 12).getDayCount() == 29
    assert (date(2027, 2, 5), "除夕") in festivals(2027)


def test_rule_P6_new_years_eve_when_the_twelfth_month_has_30_days() -> None:
    assert LunarMonth.fromYm(2022, 12).getDayCount() == 30
    assert (date(2023, 1, 21), "除夕") in festivals(2023)
    assert solar_to_lunar(date(2023, 1, 21)).text == "腊月三十"


def test_rule_P6_festivals_of_2026_sorted() -> None:
    found = festivals(2026)
    assert found == sorted(found)
    assert [name for _, name in found] == [
        "元旦", "腊八节", "除夕", "春节", "元宵节", "妇女节", "劳动节", "儿童节",
        "端午节", "七夕", "中秋节", "国庆节", "重阳节",
    ]
    assert found[0] == (date(2026, 1, 1), "元旦")
    assert (date(2026, 6, 19), "端午节") in found


@pytest.mark.parametrize("year", range(2020, 2036))
def test_rule_P6_festivals_agree_with_the_package(year: int) -> None:
    package_name = {"七夕": "七夕节", "元旦": "元旦节"}
    for day, name in festivals(year):
        assert day.year == year
        solar = Solar.fromYmd(day.year, day.month, day.day)
        named = solar.getFestivals() + solar.getLunar().getFestivals()
        assert package_name.get(name, name) in named, (day, name)
    names = [name for _, name in festivals(year)]
    for name in ("春节", "元宵节", "端午节", "七夕", "中秋节", "重阳节", "除夕", "元旦", "国庆节"):
        assert names.count(name) == 1, (year, name)


def test_rule_P6_upcoming_festivals() -> None:
    assert upcoming_festivals(date(2026, 9, 20), 14) == [
        (date(2026, 9, 25), "中秋节"), (date(2026, 10, 1), "国庆节"),
    ]
    assert upcoming_festivals(date(2026, 9, 25), 0) == [(date(2026, 9, 25), "中秋节")]
    assert upcoming_festivals(date(2026, 9, 26), 4) == []
    across = upcoming_festivals(date(2026, 12, 25), 42)  # through 5 February 2027
    assert [name for _, name in across] == ["元旦", "腊八节", "除夕"]
    assert across[0] == (date(2027, 1, 1), "元旦")
    assert across[-1] == (date(2027, 2, 5), "除夕")
    with pytest.raises(ValueError):
        upcoming_festivals(date(2026, 1, 1), -1)


def test_rule_P6_impossible_lunar_dates_are_refused() -> None:
    assert LunarMonth.fromYm(2026, 2).getDayCount() == 29
    cases = {
        (2026, 2, 30, False): "农历2026年二月只有29天，没有三十",
        (2026, 6, 1, True): "农历2026年没有闰六月",
        (2025, 5, 1, True): "农历2025年没有闰五月",
        (2026, 13, 1, False): "农历没有13月",
        (2026, 0, 1, False): "农历没有0月",
        (2026, 1, 0, False): "农历没有0日",
        (2026, 1, 31, False): "农历没有31日",
        (1800, 1, 1, False): "农历年份1800超出范围",
    }
    for (year, month, day, leap), message in cases.items():
        with pytest.raises(ValidationError) as err:
            lunar_to_solar(year, month, day, leap)
        assert message in err.value.message
        assert err.value.field == "农历日期"


def test_rule_P6_leap_month_dates() -> None:
    assert lunar_to_solar(2025, 6, 8, leap=True) == date(2025, 8, 1)
    assert lunar_to_solar(2025, 6, 8) == date(2025, 7, 2)
    assert solar_to_lunar(date(2025, 8, 1)) == LunarDate(2025, 6, 8, leap=True)
    assert solar_to_lunar(date(2025, 8, 1)).text == "闰六月初八"


def test_rule_P6_solar_to_lunar() -> None:
    lunar = solar_to_lunar(date(2026, 11, 23))
    assert lunar == LunarDate(2026, 10, 15)
    assert lunar.text == "十月十五" and str(lunar) == "十月十五"
    # before 春节 the lunar year is still the previous one
    assert solar_to_lunar(date(2026, 1, 10)) == LunarDate(2025, 11, 22)
    assert solar_to_lunar(date(2026, 1, 10)).text == "冬月廿二"
    assert solar_to_lunar(date(2026, 2, 17)).text == "正月初一"


def test_rule_P6_lunar_birthday_this_year() -> None:
    # a VIP born on 八月十五 is greeted on 2026-09-25 this year
    assert next_lunar_anniversary(8, 15, date(2026, 1, 1)) == date(2026, 9, 25)
    assert next_lunar_anniversary(8, 15, date(2026, 9, 25)) == date(2026, 9, 25)
    assert next_lunar_anniversary(8, 15, date(2026, 9, 26)) == lunar_to_solar(2027, 8, 15)
    # in January before 春节 the birthday in 腊月 is still ahead in the old lunar year
    assert next_lunar_anniversary(12, 8, date(2026, 1, 10)) == lunar_to_solar(2025, 12, 8)
    assert next_lunar_anniversary(1, 1, date(2026, 1, 10)) == date(2026, 2, 17)


def test_rule_P6_lunar_birthday_on_the_thirtieth_in_a_short_month() -> None:
    # 二月 of lunar 2026 has 29 days: a 二月三十 birthday is kept on 廿九
    assert next_lunar_anniversary(2, 30, date(2026, 1, 1)) == lunar_to_solar(2026, 2, 29)
    # 正月 of lunar 2026 has 30 days: kept on the day itself
    assert LunarMonth.fromYm(2026, 1).getDayCount() == 30
    assert next_lunar_anniversary(1, 30, date(2026, 2, 1)) == lunar_to_solar(2026, 1, 30)


def test_rule_P6_lunar_birthday_in_a_leap_month_is_kept_in_the_ordinary_month() -> None:
    # born 2025 闰六月初八: greeted on 六月初八 (month=6) every year
    assert next_lunar_anniversary(6, 8, date(2026, 1, 1)) == lunar_to_solar(2026, 6, 8)


def test_rule_P6_lunar_birthday_nonsense_refused() -> None:
    for month, day in ((13, 1), (0, 5), (6, 31), (6, 0)):
        with pytest.raises(ValidationError) as err:
            next_lunar_anniversary(month, day, date(2026, 1, 1))
        assert err.value.field == "农历日期"


def test_rule_P6_solar_birthday_on_29_february() -> None:
    assert next_solar_anniversary(2, 29, date(2026, 3, 1)) == date(2027, 2, 28)
    assert next_solar_anniversary(2, 29, date(2028, 1, 1)) == date(2028, 2, 29)
    assert next_solar_anniversary(11, 23, date(2026, 11, 23)) == date(2026, 11, 23)
    assert next_solar_anniversary(11, 23, date(2026, 11, 24)) == date(2027, 11, 23)
    for month, day in ((2, 30), (4, 31), (13, 1), (0, 1)):
        with pytest.raises(ValidationError) as err:
            next_solar_anniversary(month, day, date(2026, 1, 1))
        assert err.value.field == "公历日期"
