"""Backup names and which backups rotation keeps (7 daily, 4 weekly, 12 monthly)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wuye_desk.domain.backups import (
    BEFORE_UPGRADE,
    backup_name,
    backup_prefix,
    backups_to_keep,
    parse_backup_name,
    rotation,
)

KEEP = {"daily": 7, "weekly": 4, "monthly": 12}


def _by_name(times: list[datetime]) -> dict[str, datetime]:
    return {f"b{i}": t for i, t in enumerate(times)}


def _kept_times(times: list[datetime], **keep: int) -> set[datetime]:
    named = _by_name(times)
    return {named[n] for n in backups_to_keep(named, **(keep or KEEP))}


def test_name_round_trips_and_orders_by_time() -> None:
    prefix = backup_prefix("wuye-desk", "前台 1号机")
    name = backup_name(prefix, datetime(2026, 11, 18, 10, 0, 5, 123))
    assert name.file_name == "wuye-desk_前台-1号机_20261118-100005.sqlite3"
    assert parse_backup_name(name.file_name) == name
    second = backup_name(prefix, datetime(2026, 11, 18, 10, 0, 5), number=2, kind=BEFORE_UPGRADE)
    parsed = parse_backup_name(second.file_name)
    assert parsed is not None and parsed.number == 2 and parsed.kind == BEFORE_UPGRADE
    assert not parsed.rotated


def test_prefix_has_one_separator_whatever_the_names() -> None:
    prefix = backup_prefix("my_db", "pc_01/../x")
    assert prefix.count("_") == 1 and "/" not in prefix
    parsed = parse_backup_name(backup_name(prefix, datetime(2026, 1, 2, 3, 4, 5)).file_name)
    assert parsed is not None and parsed.prefix == prefix


def test_other_files_are_not_backups() -> None:
    for other in ("notes.txt", "wuye-desk.sqlite3", "x_20261340-100000.sqlite3",
                  "x_20261118-100000.sqlite3.partial", "x_20261118-100000.db"):
        assert parse_backup_name(other) is None


def test_a_year_of_daily_backups_keeps_7_daily_4_weekly_12_monthly() -> None:
    start = datetime(2025, 1, 1, 18, 0)
    times = [start + timedelta(days=i) for i in range(400)]  # up to 2026-02-04 (a Wednesday)
    kept = sorted(_kept_times(times), reverse=True)
    newest = times[-1]
    # the last 7 days
    assert kept[:7] == [newest - timedelta(days=i) for i in range(7)]
    # the newest of each of the last 4 ISO weeks: this week's is today's (already kept),
    # then the Sundays closing the 3 weeks before it
    sundays = {d for d in kept if d.weekday() == 6}
    assert {date(2026, 2, 1), date(2026, 1, 25), date(2026, 1, 18)} <= {d.date() for d in sundays}
    # the newest of each of the last 12 months: month ends back to 2025-03-31
    month_ends = {d.date() for d in kept if (d + timedelta(days=1)).day == 1}
    assert month_ends == {date(2026, 1, 31)} | {
        date(2025, m, 30 if m in (4, 6, 9, 11) else 31) for m in range(3, 13)}
    assert len(kept) == len(set(kept)) <= 7 + 4 + 12
    # the oldest kept is the end of the twelfth month back
    assert min(kept).date() == date(2025, 3, 31)


def test_several_backups_a_day_keep_the_newest_of_the_day() -> None:
    day = datetime(2026, 11, 18)
    times = [day.replace(hour=h) for h in (8, 12, 17)]
    times += [day.replace(day=17, hour=h) for h in (9, 19)]
    kept = _kept_times(times)
    assert kept == {day.replace(hour=17), day.replace(day=17, hour=19)}


def test_a_long_holiday_does_not_age_out_every_backup() -> None:
    before = [datetime(2026, 1, 1 + i, 18) for i in range(10)]
    after = [datetime(2026, 3, 1, 18)]  # a month and a half later, one new backup
    kept = _kept_times(before + after)
    # days are counted over days that have backups: 6 from before the holiday stay
    assert {t for t in kept if t < datetime(2026, 2, 1)} >= set(before[-6:])


def test_the_newest_backup_is_kept_even_when_every_count_is_zero() -> None:
    times = [datetime(2026, 5, d) for d in range(1, 9)]
    assert _kept_times(times, daily=0, weekly=0, monthly=0) == {times[-1]}
    assert backups_to_keep({}, **KEEP) == set()


def test_rotation_touches_only_our_regular_backups() -> None:
    ours = backup_prefix("wuye-desk", "pc1")
    theirs = backup_prefix("wuye-desk", "pc2")
    names = [backup_name(ours, datetime(2024, 1, 1) + timedelta(days=i)).file_name
             for i in range(60)]
    names += [backup_name(theirs, datetime(2024, 1, 1) + timedelta(days=i)).file_name
              for i in range(60)]
    upgrade = backup_name(ours, datetime(2024, 1, 2, 1), kind=BEFORE_UPGRADE).file_name
    names += [upgrade, "readme.txt"]
    doomed = rotation(names, ours, daily=7, weekly=4, monthly=12)
    assert doomed and all(n.startswith(ours + "_") for n in doomed)
    assert upgrade not in doomed and "readme.txt" not in doomed
    assert len(set(names) - set(doomed)) > 60


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))


@settings(max_examples=300, deadline=None)
@given(times=st.lists(moments, min_size=1, max_size=120, unique=True),
       daily=st.integers(0, 10), weekly=st.integers(0, 6), monthly=st.integers(0, 14))
def test_rotation_properties_hold_for_any_dates(times: list[datetime], daily: int, weekly: int,
                                                monthly: int) -> None:
    kept = _kept_times(times, daily=daily, weekly=weekly, monthly=monthly)
    newest = max(times)
    assert newest in kept
    assert len(kept) <= max(1, daily + weekly + monthly)
    periods: dict[str, Callable[[datetime], Any]] = {
        "day": lambda t: t.date(),
        "week": lambda t: tuple(t.isocalendar())[:2],
        "month": lambda t: (t.year, t.month),
    }
    for kind, count in (("day", daily), ("week", weekly), ("month", monthly)):
        period = periods[kind]
        # the newest backup of each of the `count` most recent periods is kept
        recent = sorted({period(t) for t in times}, reverse=True)[:count]
        for p in recent:
            assert max(t for t in times if period(t) == p) in kept
    # nothing is kept that is not the newest of its day
    for t in kept:
        assert t == max(u for u in times if u.date() == t.date())
    # keeping more never keeps less
    more = _kept_times(times, daily=daily + 1, weekly=weekly + 1, monthly=monthly + 1)
    assert kept <= more
