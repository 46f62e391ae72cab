"""Visitor desk commands: who is still inside, the ID-number purge, exits, slips, figures."""

from __future__ import annotations

import argparse
from pathlib import Path

from wuye_desk.cli.common import add_db_option, add_period_options, open_desk
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.visitors import stay_text
from wuye_desk.services import goods_passes, visitor_figures, visitor_forms, visitors, watchlist


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("visitor", help="访客登记：在访名单、证件号遮挡、离开登记、打印、统计")
    inner = p.add_subparsers(dest="visitor_what", metavar="操作", required=True)

    q = inner.add_parser("inside", help="仍在访（未登记离开）的访客，停留最久的在前")
    q.add_argument("--limit", type=int, default=500)
    add_db_option(q)
    q.set_defaults(func=run_inside)

    q = inner.add_parser("purge", help="遮挡超过保留期的访客证件号（并清除数据库文件中的旧数据）")
    add_db_option(q)
    q.set_defaults(func=run_purge)

    q = inner.add_parser("exit", help="登记访客离开（扫描或输入登记单号）")
    q.add_argument("serial", help="登记单号，如 FK261118000123")
    q.add_argument("--not-signed", action="store_true", help="上联没有被访人签字")
    q.add_argument("--not-returned", action="store_true", help="上联未交回（须写 --note）")
    q.add_argument("--note", default="")
    add_db_option(q)
    q.set_defaults(func=run_exit)

    q = inner.add_parser("slip", help="打印访客登记单（PDF）")
    q.add_argument("serial")
    q.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_db_option(q)
    q.set_defaults(func=run_slip)

    q = inner.add_parser("pass", help="打印携物出入门证（PDF）")
    q.add_argument("serial", help="出入门证单号，如 WP261118000045")
    q.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_db_option(q)
    q.set_defaults(func=run_pass)

    q = inner.add_parser("watch", help="访客关注名单：列出、加入、移出")
    q.add_argument("action", choices=["list", "add", "end"], help="list 列出 / add 加入 / end 移出")
    q.add_argument("--name", default="", help="姓名")
    q.add_argument("--id-type", default="居民身份证", help="证件类型")
    q.add_argument("--id-number", default="", help="证件号码")
    q.add_argument("--note", default="", help="关注原因（加入时必填）")
    q.add_argument("--entry", type=int, help="要移出的记录号（见 list）")
    add_db_option(q)
    q.set_defaults(func=run_watch)

    q = inner.add_parser("figures", help="访客统计：每日、每小时、拒绝、平均停留、夜间、出入门证")
    add_period_options(q)
    add_db_option(q)
    q.set_defaults(func=run_figures)


def run_inside(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        rows = visitors.still_inside(desk, limit=args.limit)
        total = visitors.count_inside(desk)
    finally:
        desk.db.dispose()
    if not rows:
        print("没有在访的访客。")
        return 0
    print(f"在访访客 {total} 人次（停留最久的在前）：")
    for r in rows:
        mark = "  [已过下班时间]" if r.after_closing else ""
        print(f"{r.serial}  {r.arrived_at:%m-%d %H:%M}  停留{stay_text(r.stay_minutes):<8} "
              f"{r.visitor_name}（{r.people}人）→ {r.host_place} {r.host_name}{mark}")
    if total > len(rows):
        print(f"……另有 {total - len(rows)} 人次未列出（--limit）")
    return 0


def run_purge(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        result = visitors.purge_expired_ids(desk)
    finally:
        desk.db.dispose()
    print(result.text)
    return 0


def run_exit(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        view = visitors.record_exit(desk, args.serial, host_signed=not args.not_signed,
                                    slip_returned=not args.not_returned, note=args.note)
    finally:
        desk.db.dispose()
    assert view.left_at is not None and view.stay_minutes is not None
    print(f"已登记离开：{view.visitor_name}，{view.left_at:%H:%M} 离开，"
          f"停留{stay_text(view.stay_minutes)}")
    return 0


def run_slip(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        view = visitors.find_by_serial(desk, args.serial)
        out = visitor_forms.print_visit_slip(desk, view.id, args.out)
    finally:
        desk.db.dispose()
    print(f"已生成 {out}")
    return 0


def run_pass(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        out = visitor_forms.print_goods_pass(desk, goods_passes.find_by_serial(desk, args.serial),
                                             args.out)
    finally:
        desk.db.dispose()
    print(f"已生成 {out}")
    return 0


def run_watch(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        if args.action == "add":
            entry = watchlist.add_watch(desk, name=args.name, id_type=args.id_type,
                                        id_number=args.id_number, note=args.note)
            print(f"已加入关注名单（记录号 {entry}）")
        elif args.action == "end":
            if args.entry is None:
                raise ValidationError("请用 --entry 指定要移出的记录号", field="记录号")
            watchlist.end_watch(desk, args.entry)
            print(f"已移出关注名单（记录号 {args.entry}）")
        else:
            entries = watchlist.watch_entries(desk)
            if not entries:
                print("关注名单为空。")
            for e in entries:
                print(f"{e.id:>4}  {e.name or '—':<6} {e.id_number or '—':<20} {e.note}")
    finally:
        desk.db.dispose()
    return 0


def run_figures(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        figures = visitor_figures.visit_figures(desk, args.start, args.end)
    finally:
        desk.db.dispose()
    print(f"{figures.start} 至 {figures.end}")
    for line in figures.lines():
        if line:
            print(line)
    for day, count in figures.per_day:
        print(f"  {day}  {count}")
    return 0
