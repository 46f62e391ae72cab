"""Month-end commands: the registers as Excel (export, import) and the PDF reports."""

from __future__ import annotations

import argparse
from pathlib import Path

from wuye_desk.cli.common import add_db_option, group, open_desk
from wuye_desk.domain import periods
from wuye_desk.domain.errors import FileRejected, ValidationError
from wuye_desk.services import period_reports, registers
from wuye_desk.services.desk import Desk


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    exp = group(sub, "export", "导出为 Excel")
    p = exp.add_parser("registers", help="导出某月的全部登记表（每个登记表一个 Excel 文件）")
    p.add_argument("--month", required=True, help="月份，如 2026-10")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="保存到的文件夹")
    add_db_option(p)
    p.set_defaults(func=run_export_month)

    p = exp.add_parser("register", help="导出一个登记表（某月或任意日期范围）")
    p.add_argument("name", help="登记表名称，如 visitors、goods-passes、households")
    p.add_argument("--month", help="月份，如 2026-10（或用 --from/--to）")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    p.add_argument("--full-ids", action="store_true",
                   help="写入完整证件号和电话（仅管理员，会记录在操作日志中）")
    add_db_option(p)
    p.set_defaults(func=run_export_one)

    imp = group(sub, "import", "从 Excel 导入")
    p = imp.add_parser("register", help="导入一个登记表（有任何错误行则整个文件不导入）")
    p.add_argument("name", help="登记表名称，如 visitors")
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    add_db_option(p)
    p.set_defaults(func=run_import)

    rep = group(sub, "report", "生成 PDF 报告")
    p = rep.add_parser("monthly", help="月度工作报告")
    p.add_argument("--month", required=True, help="月份，如 2026-10")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_db_option(p)
    p.set_defaults(func=run_monthly)

    p = rep.add_parser("weekly", help="每周投诉汇总（默认上一周）")
    p.add_argument("--week", help="ISO 周，如 2026-W44（默认：上一周）")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_db_option(p)
    p.set_defaults(func=run_weekly)


def _pdf(path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"报告应保存为 .pdf 文件：{path.name}", field="保存位置")
    return path


def _range(desk: Desk, args: argparse.Namespace) -> periods.Period:
    today = desk.now().date()
    if args.month:
        if args.date_from or args.date_to:
            raise ValidationError("--month 与 --from/--to 只能选一种", field="日期")
        return periods.parse_month(args.month, today)
    if not args.date_from or not args.date_to:
        raise ValidationError("请给出 --month，或同时给出 --from 和 --to", field="日期")
    return periods.date_range(periods.parse_day(args.date_from, field="开始日期"),
                              periods.parse_day(args.date_to, field="结束日期"), today)


def run_export_month(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        period = periods.parse_month(args.month, desk.now().date())
        done = registers.export_month(desk, period, args.out)
    finally:
        desk.db.dispose()
    for e in done:
        print(f"{e.register.title}：{e.rows} 行 → {e.path}")
    return 0


def run_export_one(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        reg = registers.get_register(args.name)
        done = registers.export_register(desk, reg, _range(desk, args), args.out,
                                         full=args.full_ids)
    finally:
        desk.db.dispose()
    print(f"{done.register.title}：{done.rows} 行 → {done.path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        result = registers.import_register(desk, args.name, args.file, dry_run=args.dry_run)
    except FileRejected as exc:
        print(str(exc))
        return 1
    finally:
        desk.db.dispose()
    if args.dry_run:
        print(f"检查通过：{result.register.title} {result.rows} 行，未写入。")
    else:
        print(f"已导入{result.register.title}：{result.written} 条（{result.rows} 行）。")
    return 0


def run_monthly(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        period = periods.parse_month(args.month, desk.now().date())
        out = period_reports.build_monthly(desk, period, _pdf(args.out))
    finally:
        desk.db.dispose()
    print(f"已生成 {out}")
    return 0


def run_weekly(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        today = desk.now().date()
        period = (periods.parse_week(args.week, today) if args.week
                  else periods.last_complete_week(today))
        out = period_reports.build_weekly(desk, period, _pdf(args.out))
    finally:
        desk.db.dispose()
    print(f"已生成 {out}")
    return 0
