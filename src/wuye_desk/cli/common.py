"""What every sub-command shares: the --db option and opening the desk."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from wuye_desk.services.backups import backup_before_migrate
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="路径或URL", default=argparse.SUPPRESS,
        help="数据库文件或 SQLAlchemy URL（默认：环境变量 WUYE_DESK_DB，否则用户数据目录）")


def open_desk(args: argparse.Namespace) -> Desk:
    """The command line works as the system operator (administrator rights).
    An existing database is backed up before a schema upgrade changes it."""
    return Desk(open_database(getattr(args, "db", None), before_migrate=backup_before_migrate))


def with_desk(args: argparse.Namespace, work: Callable[[Desk], int | None]) -> int:
    """Run `work` on the desk of --db, the database closed afterwards whatever happens;
    its return value (None as 0) is the exit code."""
    desk = open_desk(args)
    try:
        return int(work(desk) or 0)
    finally:
        desk.db.dispose()


def group(sub: argparse._SubParsersAction, name: str, help_text: str):  # type: ignore[no-untyped-def,type-arg]
    """A shared sub-command with its own sub-commands (`import roster`, `import register` …).

    Several areas add to the same group; the first to ask creates it. The groups
    are kept on the parser they belong to (an id() could be reused by a later parser).
    """
    groups: dict[str, argparse._SubParsersAction] = sub.__dict__.setdefault(  # type: ignore[type-arg]
        "_wuye_groups", {})
    if name not in groups:
        parser = sub.add_parser(name, help=help_text)
        groups[name] = parser.add_subparsers(dest=f"{name}_what", metavar="对象", required=True)
    return groups[name]


def date_arg(text: str) -> date:
    """--day 2026-10-03 → a date; argparse shows the Chinese message on error."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def add_period_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """--from and --to (both days counted), as args.start and args.end."""
    parser.add_argument("--from", dest="start", type=date_arg, required=required,
                        metavar="YYYY-MM-DD", help="起始日期（含）")
    parser.add_argument("--to", dest="end", type=date_arg, required=required,
                        metavar="YYYY-MM-DD", help="截止日期（含）")


def month_arg(text: str):  # type: ignore[no-untyped-def]
    """--month 2026-10 → (2026, 10); argparse shows the Chinese message on error."""
    import re

    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"月份“{text}”格式不对，应为 YYYY-MM，如 2026-10")
    return int(m.group(1)), int(m.group(2))
