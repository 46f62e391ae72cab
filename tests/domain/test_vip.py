"""The VIP rules as plain Python (rules P2, P4, P5, P6)."""

from datetime import date

import pytest

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.vip import (
    EXPIRED,
    Birthday,
    CalendarKind,
    CardStatus,
    Person,
    RevokeReason,
    ServiceKind,
    VipLevel,
    card_number,
    check_aid_amount,
    check_prefix,
    next_sequence,
    parse_birthday,
    read_card_number,
    shown_status,
    upcoming_birthdays,
    upcoming_greetings,
    valid_until,
)

TODAY = date(2026, 11, 18)


def test_P2_card_number_is_prefix_level_digit_and_three_digit_sequence():
    assert card_number("JK", VipLevel.OTHER, 1) == "JK2001"
    assert card_number("JK", VipLevel.GROUP_LEADER, 12) == "JK0012"
    assert card_number("JK", VipLevel.OFFICIAL, 999) == "JK1999"
    assert [level.digit for level in VipLevel] == [0, 1, 2]
    assert VipLevel.parse("1") is VipLevel.OFFICIAL and VipLevel.parse("政府") is VipLevel.OFFICIAL
    with pytest.raises(ValueError):
        card_number("JK", VipLevel.OTHER, 1000)


def test_P2_the_next_number_is_past_the_highest_ever_used_so_none_is_reused():
    assert next_sequence([], VipLevel.OTHER) == 1
    # 001 was voided, 002 revoked: the freed numbers are not handed out again
    assert next_sequence([1, 2, 3], VipLevel.OTHER) == 4
    assert next_sequence([5], VipLevel.OTHER) == 6


def test_P2_a_level_whose_999_numbers_are_used_is_refused_with_the_reason():
    with pytest.raises(ValidationError) as exc:
        next_sequence([999], VipLevel.OFFICIAL)
    assert "政府官员级" in exc.value.message and "已全部用完" in exc.value.message
    assert exc.value.rule == "P2"


@pytest.mark.parametrize("typed", ["", "JK", "JK3001", "JK2000", "JK20011", "JKABC1", "京K2001"])
def test_P2_a_card_number_typed_wrong_is_refused(typed):
    with pytest.raises(ValidationError):
        read_card_number(typed)


def test_P2_a_card_number_is_read_loosely():
    assert read_card_number(" jk 2001 ") == "JK2001"
    assert read_card_number("ＪＫ２００１") == "JK2001"


@pytest.mark.parametrize("typed", ["J", "JKL", "J1", "", "金卡"])
def test_P2_the_prefix_is_two_letters(typed):
    with pytest.raises(ValidationError):
        check_prefix(typed)
    assert check_prefix(" ab ") == "AB"


def test_P4_a_card_is_valid_three_years_and_void_after():
    assert valid_until(date(2023, 11, 18)) == date(2026, 11, 17)
    assert valid_until(date(2024, 2, 29)) == date(2027, 2, 27)  # 28 Feb is the anniversary
    assert shown_status("有效", date(2026, 11, 17), TODAY) == EXPIRED
    assert shown_status("有效", date(2026, 11, 18), TODAY) == "有效"
    assert shown_status(CardStatus.REVOKED.value, date(2020, 1, 1), TODAY) == "已撤销"


def test_P5_only_arrears_or_harm_to_the_group_revoke_a_card():
    assert RevokeReason.parse("欠费") is RevokeReason.ARREARS
    assert RevokeReason.parse("损害公司利益") is RevokeReason.HARM
    for other in ("态度不好", "搬家", "投诉太多"):
        with pytest.raises(ValidationError):
            RevokeReason.parse(other)


def test_P6_service_kinds_include_every_service_of_the_rule():
    assert {k.value for k in ServiceKind} == {"优先服务", "优惠服务", "咨询服务", "亲情服务",
                                              "紧急现金援助", "增值服务"}
    assert ServiceKind.parse("上门收费") is ServiceKind.VALUE_ADDED


def test_P6_cash_aid_is_paid_within_the_limit_in_fen():
    assert check_aid_amount("500", 2000) == 50000
    assert check_aid_amount("１，９９９.５元", 2000) == 199950
    assert check_aid_amount(2000, 2000) == 200000
    with pytest.raises(ValidationError) as exc:
        check_aid_amount("2000.01", 2000)
    assert "超过限额2000元" in exc.value.message and exc.value.rule == "P6"


@pytest.mark.parametrize("typed", ["", "0", "-5", "abc", "1.234", "1e3", "五百", "NaN"])
def test_P6_a_nonsense_aid_amount_is_refused(typed):
    with pytest.raises(ValidationError):
        check_aid_amount(typed, 2000)


def test_P6_lunar_birthdays_are_read_in_every_way_a_clerk_writes_them():
    b = parse_birthday("农历", "八月十五", today=TODAY)
    assert b == Birthday(CalendarKind.LUNAR, 8, 15)
    assert parse_birthday("公历", "农历1962年腊月廿三", today=TODAY) == \
        Birthday(CalendarKind.LUNAR, 12, 23, 1962)
    assert parse_birthday("农历", "闰四月初八", today=TODAY).leap
    assert parse_birthday("阴历", "1960-10-02", today=TODAY).text == "农历1960年十月初二"
    assert parse_birthday("公历", "8月15日", today=TODAY) == Birthday(CalendarKind.SOLAR, 8, 15)
    assert parse_birthday("公历", "", today=TODAY) is None


def test_P6_a_lunar_date_that_does_not_exist_is_refused():
    # 2026's 二月 has 29 days; 2025 has no 闰四月 (its leap month is 闰六月)
    for typed in ("2026-02-30", "2025-闰04-08", "13-01", "08-31", "十三月初一"):
        with pytest.raises(ValidationError) as exc:
            parse_birthday("农历", typed, today=TODAY)
        assert exc.value.field == "生日"


@pytest.mark.parametrize("typed", ["02-30", "1962-13-01", "2030-01-01", "1800-01-01", "abc",
                                   "闰02-01", "32"])
def test_P6_a_solar_birthday_that_does_not_exist_is_refused(typed):
    with pytest.raises(ValidationError):
        parse_birthday("公历", typed, today=TODAY)


def test_P6_a_lunar_birthday_falls_on_this_years_solar_date():
    # 十月十三 of lunar 2026 is 21 November 2026
    b = Birthday(CalendarKind.LUNAR, 10, 13, 1960)
    assert b.next_date(TODAY) == date(2026, 11, 21)
    # after it has passed, next year's: 十月十三 of lunar 2027
    assert b.next_date(date(2026, 11, 22)) > date(2027, 10, 1)
    assert Birthday(CalendarKind.SOLAR, 2, 29).next_date(TODAY) == date(2027, 2, 28)


def test_P6_upcoming_birthdays_and_festivals_in_the_window():
    people = [Person(1, "张三", "JK2001", "李梅", "配偶", Birthday(CalendarKind.LUNAR, 10, 13)),
              Person(1, "张三", "JK2001", "张三", "", Birthday(CalendarKind.SOLAR, 8, 15)),
              Person(2, "王五", "JK2002", "王五", "", Birthday(CalendarKind.SOLAR, 11, 18))]
    found = upcoming_birthdays(people, TODAY, 7)
    assert [(r.on, r.person.name) for r in found] == [(date(2026, 11, 18), "王五"),
                                                      (date(2026, 11, 21), "李梅")]
    assert "11月21日生日（农历十月十三）" in found[1].text and "张三（JK2001）的配偶李梅" in found[1].text
    assert (date(2026, 9, 25), "中秋节") in upcoming_greetings(date(2026, 9, 20), 7)
    assert upcoming_greetings(TODAY, 7) == []


def test_P6_a_birthday_is_stored_and_read_back():
    for b in (Birthday(CalendarKind.LUNAR, 4, 8, 2020, True), Birthday(CalendarKind.SOLAR, 6, 12)):
        assert Birthday.from_stored(b.stored()) == b
    assert Birthday.from_stored("") is None


def test_P6_a_birthday_shown_in_words_reads_back_the_same():
    for b in (Birthday(CalendarKind.LUNAR, 4, 8, 2020, True), Birthday(CalendarKind.LUNAR, 12, 30),
              Birthday(CalendarKind.LUNAR, 1, 1, 1962)):
        assert parse_birthday("农历", b.text, today=TODAY) == b


def test_P6_the_fast_lunar_anniversary_agrees_with_the_calendar_module():
    from datetime import timedelta

    from wuye_desk.domain.calendar import next_lunar_anniversary

    days = [date(2026, 1, 1) + timedelta(days=d) for d in range(0, 800, 97)]
    for today in days:
        for month in range(1, 13):
            for day in (1, 30):
                expected = next_lunar_anniversary(month, day, today)
                assert Birthday(CalendarKind.LUNAR, month, day).next_date(today) == expected
