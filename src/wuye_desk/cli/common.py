"""What every sub-command shares: the --db option and opening the desk."""

from __future__ import annotations

import argparse

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
