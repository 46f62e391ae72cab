"""Working days for the complaint clocks (rule C7) and the lunar calendar (rule P6).

Working days (rule C7)
----------------------
The complaint deadlines "fix a 重大 within 1 working day, a 一般 within 3 working
days" count Chinese working days: Monday to Friday, minus the public holidays,
plus the make-up workdays (调休) on which the country works a Saturday or Sunday.
The State Council's arrangement comes from the ``chinese_calendar`` package,
which knows a fixed range of years (it learns a new year when it is updated).
For a year it does not know, ``WorkCalendar`` counts Monday to Friday as working
days and shows a warning (``fallback_warning``) so the office can enter that
year's holidays and make-up workdays in the settings; dates the office enters
always win over the package.

The other clocks of rule C7 — contact the supervisor within 1 hour, escalate
and answer within 4 hours — run on the wall clock, nights and holidays
included: they are plain ``received + timedelta(hours=n)`` and need no calendar.

Lunar calendar (rule P6)
------------------------
Family care greets VIPs on traditional festivals and on birthdays, which many
people keep by the lunar calendar. Conversions and month lengths come from the
``lunar_python`` package; nothing here is a hand-typed table of dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache

import chinese_calendar
from lunar_python import Lunar, LunarMonth, LunarYear, Solar
from lunar_python.util import LunarUtil

from wuye_desk.domain.errors import ValidationError

# ---------------------------------------------------------------------------
# Working days (rule C7)
# ---------------------------------------------------------------------------

HOLIDAYS_FIELD = "自定义节假日"
WORKDAYS_FIELD = "自定义调休上班日"


@cache
def package_knows_year(year: int) -> bool:
    """True if the installed ``chinese_calendar`` has the official arrangement for ``year``."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def fallback_warning(years: Iterable[int]) -> str:
    """The warning the UI shows while deadlines touch years nobody has entered (rule C7).

    Empty when ``years`` is empty, so the caller can show it unconditionally.
    """
    listed = sorted(set(years))
    if not listed:
        return ""
    names = "、".join(str(y) for y in listed)
    return f"{names}年的法定节假日安排尚未收录，按周末计算，请在设置中补充"


def parse_office_dates(texts: Iterable[str], *, field: str) -> frozenset[date]:
    """Read the office's extra dates as stored in the settings ("YYYY-MM-DD", one per entry)."""
    found: set[date] = set()
    for text in texts:
        cleaned = text.strip()
        if not cleaned:
            continue
        try:
            found.add(date.fromisoformat(cleaned))
        except ValueError:
            raise ValidationError(
                f"“{cleaned}”不是有效日期，请按 2027-01-01 的格式填写（规则C7）",
                field=field, rule="C7",
            ) from None
    return frozenset(found)


class WorkCalendar:
    """Which days are working days, and deadlines counted in working days (rule C7).

    ``extra_holidays`` and ``extra_workdays`` are the office's own entries: they
    override the package (a local day off, a year the package does not know yet).
    """

    def __init__(self, extra_holidays: Iterable[date] = (), extra_workdays: Iterable[date] = ()):
        self.extra_holidays = frozenset(extra_holidays)
        self.extra_workdays = frozenset(extra_workdays)
        both = sorted(self.extra_holidays & self.extra_workdays)
        if both:
            raise ValidationError(
                f"{both[0].isoformat()} 不能既是节假日又是调休上班日（规则C7）",
                field=HOLIDAYS_FIELD, rule="C7",
            )
        self._office_years = frozenset(d.year for d in self.extra_holidays)

    @classmethod
    def from_settings(
        cls, extra_holidays: Iterable[str], extra_workdays: Iterable[str]
    ) -> WorkCalendar:
        """Build the calendar from the settings' text lists (settings.EXTRA_HOLIDAYS and
        settings.EXTRA_WORKDAYS)."""
        return cls(parse_office_dates(extra_holidays, field=HOLIDAYS_FIELD),
                   parse_office_dates(extra_workdays, field=WORKDAYS_FIELD))

    # -- days ---------------------------------------------------------------

    def is_known_year(self, year: int) -> bool:
        """True if the year's holidays are known: the package has them, or the office
        has entered holidays for that year (having done what the warning asks)."""
        return package_knows_year(year) or year in self._office_years

    def unknown_years(self, start: date, end: date) -> list[int]:
        """The years from ``start`` to ``end`` (either order, inclusive) counted by weekends only."""
        low, high = sorted((start.year, end.year))
        return [y for y in range(low, high + 1) if not self.is_known_year(y)]

    def is_workday(self, d: date) -> bool:
        """True if ``d`` is a working day (rule C7: make-up workdays count, holidays do not)."""
        if isinstance(d, datetime):
            d = d.date()
        if d in self.extra_holidays:
            return False
        if d in self.extra_workdays:
            return True
        if package_knows_year(d.year):
            return bool(chinese_calendar.is_workday(d))
        return d.weekday() < 5  # fallback: weekends only, see fallback_warning

    def next_workday(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d += timedelta(days=1)
        while not self.is_workday(d):
            d += timedelta(days=1)
        return d

    # -- counting -------------------------------------------------------------

    def add_workdays(self, start: datetime, n: int) -> datetime:
        """The deadline ``n`` working days after ``start`` (rule C7).

        The clock runs through every working day and stands still on rest days:

        * received on a working day: the same clock time on the n-th working
          day after the day of receipt — Tue 10:00 + 3 = Fri 10:00; Fri 16:00
          + 1 = Mon 16:00 (the weekend does not count);
        * received on a rest day (weekend, holiday): the clock starts at 00:00
          of the next working day, so the deadline is the end of the n-th
          working day counting that day as the first (returned as 23:59:59.999999
          of that day; overdue means ``now > deadline``). Received on Saturday,
          3 working days: end of Wednesday.

        ``n`` = 0 gives the moment the clock starts.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        day = start.date()
        if self.is_workday(day):
            for _ in range(n):
                day = self.next_workday(day)
            return datetime.combine(day, start.timetz())
        day = self.next_workday(day)
        if n == 0:
            return datetime.combine(day, time(0, 0), tzinfo=start.tzinfo)
        for _ in range(n - 1):
            day = self.next_workday(day)
        return datetime.combine(day, time.max, tzinfo=start.tzinfo)

    def workdays_between(self, a: date, b: date) -> int:
        """Working days ``d`` with ``a < d <= b`` — how many working days after ``a`` day ``b`` is.

        Negative when ``b`` is before ``a``. For a receipt on a working day,
        ``workdays_between(received.date(), add_workdays(received, n).date()) == n``.
        """
        if isinstance(a, datetime):
            a = a.date()
        if isinstance(b, datetime):
            b = b.date()
        if b < a:
            return -self.workdays_between(b, a)
        return sum(1 for i in range(1, (b - a).days + 1) if self.is_workday(a + timedelta(days=i)))


# ---------------------------------------------------------------------------
# Lunar calendar (rule P6)
# ---------------------------------------------------------------------------

LUNAR_FIELD = "农历日期"
SOLAR_FIELD = "公历日期"
LUNAR_YEARS = range(1900, 2101)  # what a clerk may enter; the package itself reaches further


@dataclass(frozen=True)
class LunarDate:
    year: int  # the lunar year (starts at 春节, not on 1 January)
    month: int  # 1..12
    day: int  # 1..30
    leap: bool = False  # in the leap month (闰月) that follows month ``month``

    @property
    def month_text(self) -> str:
        """The month as people say it: 十月, 闰六月, 正月, 冬月, 腊月."""
        return f"{'闰' if self.leap else ''}{LunarUtil.MONTH[self.month]}月"

    @property
    def day_text(self) -> str:
        """The day as people say it: 初一 … 三十."""
        return str(LunarUtil.DAY[self.day])

    @property
    def text(self) -> str:
        """The date as people say it: "十月十四", "闰六月初八", "腊月廿九"."""
        return self.month_text + self.day_text

    def __str__(self) -> str:
        return self.text


def _month_days(year: int, month: int, leap: bool = False) -> int:
    return int(LunarMonth.fromYm(year, -month if leap else month).getDayCount())


def _solar(lunar_year: int, month: int, day: int, leap: bool = False) -> date:
    s = Lunar.fromYmd(lunar_year, -month if leap else month, day).getSolar()
    return date(s.getYear(), s.getMonth(), s.getDay())


def _check_month_day(month: int, day: int) -> None:
    if not 1 <= month <= 12:
        raise ValidationError(f"农历没有{month}月，月份应为1至12", field=LUNAR_FIELD)
    if not 1 <= day <= 30:
        raise ValidationError(f"农历没有{day}日，日期应为初一至三十", field=LUNAR_FIELD)


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date:
    """The solar date of a lunar date; ValidationError if that lunar date does not exist.

    Checked against the package's month data first, because a 三十 in a 29-day
    month or a leap month the year does not have must be refused, never rolled over.
    """
    if year not in LUNAR_YEARS:
        first, last = LUNAR_YEARS[0], LUNAR_YEARS[-1]
        raise ValidationError(f"农历年份{year}超出范围，应在{first}至{last}之间", field=LUNAR_FIELD)
    _check_month_day(month, day)
    name = LunarDate(year, month, 1, leap).month_text
    if leap and LunarYear.fromYear(year).getLeapMonth() != month:
        raise ValidationError(f"农历{year}年没有{name}", field=LUNAR_FIELD)
    days = _month_days(year, month, leap)
    if day > days:
        raise ValidationError(
            f"农历{year}年{name}只有{days}天，没有{LunarDate(year, month, day).day_text}",
            field=LUNAR_FIELD)
    return _solar(year, month, day, leap)


def solar_to_lunar(d: date) -> LunarDate:
    """The lunar date of a solar date."""
    lunar = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    month = lunar.getMonth()
    return LunarDate(lunar.getYear(), abs(month), lunar.getDay(), month < 0)


def next_lunar_anniversary(month: int, day: int, after: date) -> date:
    """The first solar date on or after ``after`` that is lunar ``month``/``day`` (rule P6).

    Rules, as the office keeps lunar birthdays:
    * the anniversary falls in the ordinary month ``month``, never in a leap
      month — someone born in 闰四月 passes month=4 and is greeted in 四月;
    * a 三十 in a year whose month has only 29 days is kept on 廿九, the last
      day of that month.
    """
    _check_month_day(month, day)
    this_year = solar_to_lunar(after).year
    for lunar_year in (this_year, this_year + 1):
        candidate = _solar(lunar_year, month, min(day, _month_days(lunar_year, month)))
        if candidate >= after:
            return candidate
    raise AssertionError("unreachable: the next lunar year always starts after `after`")


def next_solar_anniversary(month: int, day: int, after: date) -> date:
    """The first date on or after ``after`` that is ``month``/``day``; 2月29日 falls on 2月28日
    in common years (rule P6)."""
    try:
        date(2000, month, day)  # a leap year: accepts every real month/day
    except ValueError:
        raise ValidationError(f"没有{month}月{day}日这一天", field=SOLAR_FIELD) from None
    for year in (after.year, after.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year
            candidate = date(year, 2, 28)
        if candidate >= after:
            return candidate
    raise AssertionError("unreachable: next year's anniversary is always after `after`")


# The festivals on which family care sends greetings (rule P6). These are the
# definitions of the festivals; their dates come from the package every year.
LUNAR_FESTIVALS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "春节"),
    (1, 15, "元宵节"),
    (5, 5, "端午节"),
    (7, 7, "七夕"),
    (8, 15, "中秋节"),
    (9, 9, "重阳节"),
    (12, 8, "腊八节"),
)
NEW_YEARS_EVE = "除夕"  # the last day of the lunar year: 腊月廿九 or 三十
SOLAR_FESTIVALS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (3, 8, "妇女节"),
    (5, 1, "劳动节"),
    (6, 1, "儿童节"),
    (10, 1, "国庆节"),
)


@lru_cache(maxsize=64)
def _festivals(year: int) -> tuple[tuple[date, str], ...]:
    found = [(date(year, m, d), name) for m, d, name in SOLAR_FESTIVALS]
    # A solar year holds the end of one lunar year and the start of the next.
    for lunar_year in (year - 1, year):
        found += [(_solar(lunar_year, m, d), name) for m, d, name in LUNAR_FESTIVALS]
        # 除夕 is the day before the next 春节, whatever the length of 腊月 (or a 闰腊月).
        found.append((_solar(lunar_year + 1, 1, 1) - timedelta(days=1), NEW_YEARS_EVE))
    return tuple(sorted({f for f in found if f[0].year == year}))


def festivals(year: int) -> list[tuple[date, str]]:
    """The festivals of solar ``year`` for greetings (rule P6), sorted by date."""
    return list(_festivals(year))


def upcoming_festivals(today: date, days: int) -> list[tuple[date, str]]:
    """Festivals from ``today`` through ``today + days`` (both included), sorted (rule P6)."""
    if days < 0:
        raise ValueError("days must not be negative")
    end = today + timedelta(days=days)
    years = range(today.year, end.year + 1)
    return [f for y in years for f in _festivals(y) if today <= f[0] <= end]
