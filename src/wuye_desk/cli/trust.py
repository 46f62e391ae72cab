"""`wuye-desk backup`, `restore` and `operator …`: backups and the people at the desk."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from wuye_desk.cli.common import add_db_option, open_desk
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import backups, operators
from wuye_desk.store.database import resolve_url

_ROLES = "、".join(role.value for role in Role)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser("backup", help="立即备份数据库（并按保留规则清理旧备份）")
    backup.add_argument("--to", metavar="文件夹", type=Path,
                        help="备份到这个文件夹（默认：本机设置的备份文件夹）")
    add_db_option(backup)
    backup.set_defaults(func=run_backup)

    restore = sub.add_parser("restore", help="用备份文件替换数据库（原数据库另存，不会删除）")
    restore.add_argument("file", metavar="备份文件", type=Path)
    add_db_option(restore)
    restore.set_defaults(func=run_restore)

    op = sub.add_parser("operator", help="操作员：添加、列表、重设密码、停用")
    op_sub = op.add_subparsers(dest="operator_command", metavar="操作", required=True)
    add = op_sub.add_parser("add", help="添加操作员（首次登录时须修改密码）")
    add.add_argument("login", metavar="登录名")
    add.add_argument("name", metavar="姓名")
    add.add_argument("--role", required=True, metavar="角色", help=f"{_ROLES}")
    add.add_argument("--password", metavar="初始密码",
                     help="不给出时从标准输入读取（交互时不回显）")
    add.set_defaults(func=run_operator_add)
    listing = op_sub.add_parser("list", help="列出所有操作员")
    listing.set_defaults(func=run_operator_list)
    reset = op_sub.add_parser("reset-password", help="为忘记密码的操作员设新密码")
    reset.add_argument("login", metavar="登录名")
    reset.add_argument("--password", metavar="新密码", help="不给出时从标准输入读取")
    reset.set_defaults(func=run_operator_reset)
    deactivate = op_sub.add_parser("deactivate", help="停用操作员（记录仍保留其姓名）")
    deactivate.add_argument("login", metavar="登录名")
    deactivate.set_defaults(func=run_operator_deactivate)
    for parser in (add, listing, reset, deactivate):
        add_db_option(parser)


def run_backup(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        result = backups.backup_now(desk.db, folder=args.to)
    finally:
        desk.db.dispose()
    print(f"已备份到：{result.path}（{result.size / 1024 / 1024:.1f} MB，已通过完整性检查）")
    if result.removed:
        print(f"按保留规则删除了 {len(result.removed)} 份旧备份")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    url = resolve_url(getattr(args, "db", None))
    if make_url(url).get_backend_name() != "sqlite":
        raise backups.BackupError(backups.POSTGRES_MESSAGE)
    result = backups.restore_backup(url, args.file)
    print(f"已用备份 {result.restored_from} 恢复数据库 {result.database}")
    if result.kept_as:
        print(f"被替换的数据库已另存为：{result.kept_as}")
    else:
        print("原来没有数据库文件，没有替换任何文件")
    return 0


def _password(args: argparse.Namespace, label: str) -> str:
    if args.password is not None:
        return str(args.password)
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"{label}：")
        if getpass.getpass(f"再输入一次{label}：") != first:
            raise ValidationError("两次输入的密码不一样", field=label)
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise ValidationError(f"请给出{label}：用 --password，或从标准输入提供", field=label)
    return line.rstrip("\r\n")


def run_operator_add(args: argparse.Namespace) -> int:
    password = _password(args, "初始密码")
    desk = open_desk(args)
    try:
        info = operators.create_operator(desk, args.login, args.name, args.role, password)
    finally:
        desk.db.dispose()
    print(f"已添加操作员 {info.login}（{info.name}，{info.role.value}）；首次登录时须修改密码")
    return 0


def run_operator_list(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        rows = operators.list_operators(desk)
    finally:
        desk.db.dispose()
    if not rows:
        print("还没有操作员（首次启动窗口时建立管理员）")
        return 0
    print("登录名\t姓名\t角色\t状态")
    for row in rows:
        state = "在用" if row.active else "已停用"
        if row.active and row.must_change_password:
            state += "（须改密码）"
        print(f"{row.login}\t{row.name}\t{row.role.value}\t{state}")
    return 0


def run_operator_reset(args: argparse.Namespace) -> int:
    password = _password(args, "新密码")
    desk = open_desk(args)
    try:
        operators.reset_password(desk, args.login, password)
    finally:
        desk.db.dispose()
    print(f"已为 {args.login.strip()} 设置新密码；下次登录时须修改")
    return 0


def run_operator_deactivate(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        operators.deactivate(desk, args.login)
    finally:
        desk.db.dispose()
    print(f"已停用操作员 {args.login.strip()}（其经手的记录保持不变）")
    return 0
