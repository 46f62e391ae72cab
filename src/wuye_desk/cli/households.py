"""Household archive commands: roster import/export, the registration form, demo data."""

from __future__ import annotations

import argparse
from pathlib import Path

from wuye_desk.cli.common import add_db_option, group, open_desk
from wuye_desk.domain.errors import FileRejected, ValidationError
from wuye_desk.services import demo, household_forms, roster


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = group(sub, "import", "从 Excel 导入")
    p = imp.add_parser("roster", help="导入业户名册（有任何错误行则整个文件不导入）")
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    add_db_option(p)
    p.set_defaults(func=run_import)

    exp = group(sub, "export", "导出为 Excel")
    p = exp.add_parser("roster", help="导出业户名册（与导入格式相同）")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    p.add_argument("--full-ids", action="store_true",
                   help="写入完整证件号和电话（仅管理员，会记录在操作日志中）")
    add_db_option(p)
    p.set_defaults(func=run_export)

    form = group(sub, "form", "打印表单为 PDF")
    p = form.add_parser("household", help="客户资料登记表")
    p.add_argument("--unit", required=True, help="房号，如 3-2-1502")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_db_option(p)
    p.set_defaults(func=run_form)

    p = sub.add_parser("demo", help="生成演示数据（业户、各登记簿）")
    p.add_argument("--households", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    add_db_option(p)
    p.set_defaults(func=run_demo)


def run_import(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        if args.dry_run:
            preview = roster.preview_import(desk, args.file)
            print(f"检查通过：{roster.summary(preview)}，未写入。")
            if preview.existing:
                print(f"其中 {len(preview.existing)} 户已有档案：" + "、".join(preview.existing[:10]))
        else:
            preview = roster.import_roster(desk, args.file)
            print(f"已导入 {roster.summary(preview)}。")
    except FileRejected as exc:
        print(str(exc))
        return 1
    finally:
        desk.db.dispose()
    return 0


def run_export(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        count = roster.export_roster(desk, args.out, full=args.full_ids)
    finally:
        desk.db.dispose()
    print(f"已导出 {count} 行到 {args.out}")
    return 0


def run_form(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        out = household_forms.print_household_form(desk, args.unit, args.out)
    finally:
        desk.db.dispose()
    print(f"已生成 {out}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    if args.households < 1 or args.households > 2_000_000:
        raise ValidationError("--households 应在 1 到 2000000 之间", field="户数")
    desk = open_desk(args)
    try:
        result = demo.fill(desk, households=args.households, seed=args.seed)
    finally:
        desk.db.dispose()
    print(f"已生成演示数据：{result.households} 户，{result.people} 人。")
    return 0
