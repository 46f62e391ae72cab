"""The command line: the GUI by default, sub-commands for batch work.

Each area registers its own sub-commands (one module each); every one calls the
same services the window does, prints a clear Chinese error and exits non-zero
on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wuye_desk import __version__
from wuye_desk.cli import common
from wuye_desk.domain.errors import DeskError

# Each module has register(subparsers) and sets args.func.
AREAS: list[str] = [
    "wuye_desk.cli.core",
    "wuye_desk.cli.settings_cmd",
    "wuye_desk.cli.trust",
    "wuye_desk.cli.households",
    "wuye_desk.cli.visitors",
    "wuye_desk.cli.mail",
    "wuye_desk.cli.vip",
    "wuye_desk.cli.complaints",
    "wuye_desk.cli.keys",
    "wuye_desk.cli.window",
    "wuye_desk.cli.reports",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wuye-desk", description="物业管理处前台软件（不带子命令时打开窗口）")
    parser.add_argument("--version", action="version", version=f"wuye-desk {__version__}")
    common.add_db_option(parser)
    parser.add_argument("--lang", choices=["zh", "en"], default=None,
                        help="窗口语言，只用于这一次（zh 中文，en English）；默认按本机设置")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    import importlib

    for name in AREAS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        from wuye_desk import language

        language.use_for_this_run(args.lang)
    if not getattr(args, "func", None):
        from wuye_desk.app import run_gui

        return run_gui(getattr(args, "db", None))
    try:
        return int(args.func(args) or 0)
    except DeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
