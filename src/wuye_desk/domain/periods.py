"""Report periods: a month ("2026-10"), an ISO week ("2026-W44") or a date range.

Pure functions with Chinese messages for what a clerk may type: a malformed
month, a month or week that has not begun yet, a range the wrong way round.
Month-end reports compare a period with the one before and the same period a
year earlier (rule R1); those are computed here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from wuye_desk.domain.errors import ValidationError

PeriodKind = Literal["month", "week", "range"]


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        """"2026年10月", "2026年第44周（10月26日—11月1日）", "2026年10月3日至2026年10月9日"."""
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return (f"{year}年第{week}周（{self.start.month}月{self.start.day}日—"
                    f"{self.end.month}月{self.end.day}日）")
        return f"{_day(self.start)}至{_day(self.end)}"

    @property
    def short(self) -> str:
        """"2026年10月", "2026年第44周", "10月3日—10月9日" (table headers)."""
        if self.kind == "month":
            return self.label
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}年第{week}周"
        return f"{self.start.month}月{self.start.day}日—{self.end.month}月{self.end.day}日"

    @property
    def code(self) -> str:
        """"2026-10", "2026-W44", "2026-10-03_2026-10-09" (file names)."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The month or week before; a range of the same length just before it."""
        if self.kind == "month":
            return month_period(*_shift_month(self.start.year, self.start.month, -1))
        if self.kind == "week":
            return week_period_of(self.start - timedelta(days=7))
        return Period("range", self.start - timedelta(days=self.days),
                      self.start - timedelta(days=1))

    def year_before(self) -> Period:
        """The same month (or ISO week, or dates) a year earlier."""
        if self.kind == "month":
            return month_period(self.start.year - 1, self.start.month)
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            if week > _weeks_in(year - 1):
                week = _weeks_in(year - 1)
            return week_period(year - 1, week)
        return Period("range", _year_earlier(self.start), _year_earlier(self.end))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _year_earlier(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _weeks_in(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


def recent_months(today: date, count: int = 12) -> list[str]:
    """This month and the ones before it, newest first, as "2026-11"."""
    out = []
    y, m = today.year, today.month
    for _ in range(count):
        out.append(f"{y}-{m:02d}")
        y, m = _shift_month(y, m, -1)
    return out


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    ny, nm = _shift_month(year, month, 1)
    return Period("month", first, date(ny, nm, 1) - timedelta(days=1))


def week_period(year: int, week: int) -> Period:
    monday = date.fromisocalendar(year, week, 1)
    return Period("week", monday, monday + timedelta(days=6))


def week_period_of(day: date) -> Period:
    year, week, _ = day.isocalendar()
    return week_period(year, week)


def month_of(day: date) -> Period:
    return month_period(day.year, day.month)


def last_complete_week(today: date) -> Period:
    """The week before the one `today` is in: the Monday summary's week (rule C10)."""
    return week_period_of(today - timedelta(days=7))


_MONTH = re.compile(r"(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?")
_WEEK = re.compile(r"(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})|(\d{4})\s*年\s*第\s*(\d{1,2})\s*周")


def parse_month(text: str, today: date, *, field: str = "月份") -> Period:
    """"2026-10", "2026/10", "2026年10月" → that month; not one that has not begun."""
    typed = (text or "").strip()
    match = _MONTH.fullmatch(typed)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        raise ValidationError(f"月份“{typed}”格式不对，应为 YYYY-MM，如 2026-10", field=field)
    period = month_period(int(match.group(1)), int(match.group(2)))
    if period.start > today:
        raise ValidationError(f"{period.label}还没有到，不能出报表（今天是{_day(today)}）",
                              field=field)
    return period


def parse_week(text: str, today: date, *, field: str = "周") -> Period:
    """"2026-W44", "2026W44", "2026年第44周" → that ISO week (Monday to Sunday)."""
    typed = (text or "").strip()
    match = _WEEK.fullmatch(typed)
    if not match:
        raise ValidationError(f"周“{typed}”格式不对，应为 YYYY-Www，如 2026-W44", field=field)
    year = int(match.group(1) or match.group(3))
    week = int(match.group(2) or match.group(4))
    if year < 1900 or not 1 <= week <= _weeks_in(year):
        raise ValidationError(f"{year}年没有第{week}周（该年共{_weeks_in(year)}周）", field=field)
    period = week_period(year, week)
    if period.start > today:
        raise ValidationError(f"{period.label}还没有到，不能出周报（今天是{_day(today)}）",
                              field=field)
    return period


def parse_day(text: str, *, field: str) -> date:
    typed = (text or "").strip()
    cleaned = typed.replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-")
    try:
        y, m, d = (int(p) for p in cleaned.split("-"))
        return date(y, m, d)
    except (ValueError, TypeError):
        raise ValidationError(f"{field}“{typed}”不是有效日期，应为 YYYY-MM-DD", field=field) from None


def date_range(start: date, end: date, today: date) -> Period:
    """Any range of days up to today; the start not after the end."""
    if start > end:
        raise ValidationError("开始日期不能晚于结束日期", field="开始日期")
    if start > today:
        raise ValidationError(f"开始日期{_day(start)}还没有到", field="开始日期")
    if (end - start).days > 366 * 5:
        raise ValidationError("日期范围最长5年", field="结束日期")
    return Period("range", start, end)
