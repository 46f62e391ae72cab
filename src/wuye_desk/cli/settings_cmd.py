"""`wuye-desk settings list|set`: the office's settings from the command line."""

from __future__ import annotations

import argparse

from wuye_desk.cli.common import add_db_option, open_desk
from wuye_desk.services import office_settings
from wuye_desk.settings import REGISTRY


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("settings", help="查看或修改管理处设置")
    inner = p.add_subparsers(dest="settings_what", metavar="操作", required=True)
    ls = inner.add_parser("list", help="列出所有设置")
    add_db_option(ls)
    ls.set_defaults(func=run_list)
    st = inner.add_parser("set", help="修改一项设置")
    st.add_argument("key")
    st.add_argument("value")
    add_db_option(st)
    st.set_defaults(func=run_set)


def run_list(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        values = office_settings.get_all(desk)
    finally:
        desk.db.dispose()
    for key, setting in REGISTRY.items():
        print(f"{key} = {values[key]!r}    # {setting.label}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        office_settings.put_many(desk, {args.key: args.value})
    finally:
        desk.db.dispose()
    print(f"已修改 {args.key}")
    return 0
