"""Backup files: how they are named and which ones rotation keeps.

A backup is named after the database, the computer that made it and the time:
`wuye-desk_前台1_20261118-100000.sqlite3`, so several desks may share one
backup folder (a USB disk, a share) without one desk's rotation removing another
desk's backups. Backups taken before a schema upgrade carry `_before-upgrade`
and are never removed by rotation.

Rotation keeps the newest backup of each of the last N days that have a backup,
of each of the last N ISO weeks and of each of the last N months (counted over
the periods that have backups, so a long holiday with the PC switched off does
not age every backup out), and always the newest backup of all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

SUFFIX = ".sqlite3"
BEFORE_UPGRADE = "before-upgrade"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"(?P<prefix>.+)_(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?:_(?P<kind>[a-z-]+))?"
    + re.escape(SUFFIX)
)
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class BackupName:
    prefix: str  # database and computer: "wuye-desk_前台1"
    taken_at: datetime
    number: int  # 1, or 2.. for a second backup within the same second
    kind: str  # "" for a regular backup, BEFORE_UPGRADE before a schema upgrade

    @property
    def file_name(self) -> str:
        counter = f"-{self.number}" if self.number > 1 else ""
        kind = f"_{self.kind}" if self.kind else ""
        return f"{self.prefix}_{self.taken_at.strftime(_STAMP)}{counter}{kind}{SUFFIX}"

    @property
    def rotated(self) -> bool:
        """Whether rotation may remove it (backups before an upgrade are kept)."""
        return self.kind == ""


def backup_prefix(database_stem: str, computer: str) -> str:
    """`<database>_<computer>` with anything a file system might refuse replaced by '-'."""
    parts = [_UNSAFE.sub("-", part).strip("-_.") or "x" for part in (database_stem, computer)]
    return "_".join(part.replace("_", "-") for part in parts)


def backup_name(prefix: str, taken_at: datetime, *, number: int = 1, kind: str = "") -> BackupName:
    return BackupName(prefix, taken_at.replace(microsecond=0), number, kind)


def parse_backup_name(file_name: str) -> BackupName | None:
    """The parts of a backup's file name, or None for any other file."""
    match = _NAME.fullmatch(file_name)
    if not match:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return BackupName(match["prefix"], taken_at, int(match["n"] or 1), match["kind"] or "")


def _periods() -> list[Callable[[datetime], Hashable]]:
    return [
        lambda t: t.date(),
        lambda t: tuple(t.isocalendar())[:2],
        lambda t: (t.year, t.month),
    ]


def backups_to_keep(taken: Mapping[str, datetime], *, daily: int, weekly: int,
                    monthly: int) -> set[str]:
    """Which of the backups (name -> time taken) rotation keeps; the rest may go."""
    newest_first = sorted(taken, key=lambda name: (taken[name], name), reverse=True)
    keep: set[str] = set(newest_first[:1])
    for count, period_of in zip((daily, weekly, monthly), _periods(), strict=True):
        seen: set[Hashable] = set()
        for name in newest_first:
            if len(seen) >= count:
                break
            period = period_of(taken[name])
            if period not in seen:
                seen.add(period)
                keep.add(name)
    return keep


def rotation(names: Iterable[str], prefix: str, *, daily: int, weekly: int,
             monthly: int) -> list[str]:
    """The file names in a folder that rotation removes: only regular backups of
    this database and computer, never anything else found there."""
    ours = {}
    for file_name in names:
        parsed = parse_backup_name(file_name)
        if parsed is not None and parsed.prefix == prefix and parsed.rotated:
            ours[file_name] = parsed.taken_at
    keep = backups_to_keep(ours, daily=daily, weekly=weekly, monthly=monthly)
    return sorted(set(ours) - keep)
