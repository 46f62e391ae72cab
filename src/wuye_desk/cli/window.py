"""`wuye-desk screenshot`: open the window on the database and save a picture of it.

For manuals and bug reports, and for proving that an installed desk finds Qt, its
plugins, fonts and translations: with QT_QPA_PLATFORM=offscreen it needs no screen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wuye_desk.cli.common import add_db_option, open_desk
from wuye_desk.domain.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("screenshot", help="打开窗口并保存截图（PNG），不需要登录")
    p.add_argument("--out", required=True, metavar="FILE.png")
    p.add_argument("--tab", default="overview", help="显示哪个页签（overview、households、visitors …）")
    p.add_argument("--size", default="1366x800", help="窗口大小，如 1366x800")
    add_db_option(p)
    p.set_defaults(func=run_screenshot)


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit() or not (
            200 <= int(width) <= 8000 and 200 <= int(height) <= 8000):
        raise ValidationError(f"窗口大小“{text}”不对，应为 宽x高，如 1366x800", field="size")
    return int(width), int(height)


def run_screenshot(args: argparse.Namespace) -> int:
    from wuye_desk.app import create_application
    from wuye_desk.ui.tabs import TABS

    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise ValidationError(f"截图文件应以 .png 结尾：{out}", field="out")
    keys = [spec.key for spec in TABS]
    if args.tab not in keys:
        raise ValidationError(f"没有页签“{args.tab}”，可选：{'、'.join(keys)}", field="tab")
    width, height = _size(args.size)
    desk = open_desk(args)
    try:
        app = create_application()
        from wuye_desk.ui.main_window import MainWindow

        window = MainWindow(desk)
        window.resize(width, height)
        window.show()
        window.show_tab(args.tab)
        for _ in range(5):
            app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            raise ValidationError(f"无法写入截图文件：{out}", field="out")
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        desk.db.dispose()
    print(f"已保存截图 {out}")
    return 0
