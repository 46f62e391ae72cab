"""Mail desk commands: sign in, waiting items, notices, pickup, public notice, returns, forms,
figures (rules M1–M6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wuye_desk.cli.common import add_db_option, add_period_options, date_arg, open_desk
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import mail, mail_figures, mail_forms
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail import MailFilter, PickupInput, SignInInput


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("mail", help="邮件登记：签收、待领、通知、领取、公示、退回、打印、统计")
    inner = p.add_subparsers(dest="mail_what", metavar="操作", required=True)

    q = inner.add_parser("sign-in", help="登记一件邮件（运单号、房号）")
    q.add_argument("tracking", help="运单号")
    q.add_argument("--unit", default="", help="房号，如 3-2-1502")
    q.add_argument("--kind", default="", help="挂号信/特快专递/快递包裹/报纸杂志/其他")
    q.add_argument("--carrier", default="", help="快递公司（能从运单号识别时可不填）")
    q.add_argument("--position", default="", help="存放位置")
    q.add_argument("--damage", default="", help="破损情况")
    q.add_argument("--addressee", default="", help="收件人")
    q.add_argument("--undeliverable", action="store_true", help="无法投递（须写 --remark）")
    q.add_argument("--remark", default="")
    add_db_option(q)
    q.set_defaults(func=run_sign_in)

    q = inner.add_parser("waiting", help="待领取的邮件，最早的在前")
    q.add_argument("--view", default=mail.VIEW_WAITING, choices=list(mail.VIEWS))
    q.add_argument("--search", default="", help="运单号、房号、姓名")
    q.add_argument("--limit", type=int, default=200)
    add_db_option(q)
    q.set_defaults(func=run_waiting)

    q = inner.add_parser("to-tell", help="还没有通知的业户及档案电话")
    add_db_option(q)
    q.set_defaults(func=run_to_tell)

    q = inner.add_parser("notice", help="记录已通知某户，并可打印领取通知单")
    q.add_argument("--unit", required=True)
    q.add_argument("--method", required=True, help="电话/短信/微信/通知单")
    q.add_argument("--slip", type=Path, metavar="FILE.pdf", help="同时生成领取通知单")
    add_db_option(q)
    q.set_defaults(func=run_notice)

    q = inner.add_parser("pickup", help="领取：取件码、运单号或房号；查验证件")
    q.add_argument("scan", help="取件码（QJ…）、运单号或房号")
    q.add_argument("--name", required=True, help="领取人姓名")
    q.add_argument("--proxy", action="store_true", help="代领")
    q.add_argument("--id-type", default="居民身份证")
    q.add_argument("--id-number", default="", help="领取人证件号码")
    q.add_argument("--sheet", type=Path, metavar="FILE.pdf", help="同时生成邮件签收表")
    add_db_option(q)
    q.set_defaults(func=run_pickup)

    q = inner.add_parser("public-notice", help="把逾期一个月未领的邮件列入公示，并生成公示")
    q.add_argument("--out", type=Path, metavar="FILE.pdf")
    add_db_option(q)
    q.set_defaults(func=run_public_notice)

    q = inner.add_parser("return", help="把应退回的邮件（无法投递、公示期满）退回邮局")
    q.add_argument("--postal-clerk", default="", help="邮局经办人（必填）")
    q.add_argument("--note", default="")
    q.add_argument("--list", type=Path, metavar="FILE.pdf", help="同时生成退回邮局清单")
    add_db_option(q)
    q.set_defaults(func=run_return)

    q = inner.add_parser("register", help="打印某天的邮件签收表")
    q.add_argument("--day", type=date_arg, help="YYYY-MM-DD，默认今天")
    q.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_db_option(q)
    q.set_defaults(func=run_register)

    q = inner.add_parser("figures", help="邮件统计：收到、领取、平均领取天数、未领、退回")
    add_period_options(q)
    add_db_option(q)
    q.set_defaults(func=run_figures)


def run_sign_in(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        done = mail.sign_in(desk, SignInInput(
            tracking_no=args.tracking, unit=args.unit, kind=args.kind, carrier=args.carrier,
            position=args.position, damage=args.damage, addressee=args.addressee,
            undeliverable=args.undeliverable, remark=args.remark))
    finally:
        desk.db.dispose()
    print(f"已登记 {done.tracking_no}  {done.unit_display}  {done.carrier} {done.kind}")
    return 0


def run_waiting(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        q = mail.list_query(desk, MailFilter(view=args.view, text=args.search))
        rows = q.page(None, max(1, args.limit)).rows
        total = q.count()
    finally:
        desk.db.dispose()
    if not rows:
        print("没有邮件。")
        return 0
    print(f"{args.view} {total} 件：")
    for r in rows:
        print("  ".join(str(v) for v in r.values if v != ""))
    if total > len(rows):
        print(f"……另有 {total - len(rows)} 件未列出（--limit）")
    return 0


def run_to_tell(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        todo = mail.households_to_tell(desk)
    finally:
        desk.db.dispose()
    if not todo:
        print("所有待领邮件都已通知业户。")
    for h in todo:
        print(f"{h.unit_display}  {h.name}  {h.items}件  最早{h.oldest:%m-%d %H:%M}  "
              f"{mail.phones_text(h.phones)}")
    return 0


def _household_id(desk: Desk, unit: str) -> int:
    from wuye_desk.services import households

    found = households.find_by_unit(desk, unit)
    if found is None:
        raise ValidationError(f"档案中没有房号为{unit}的业户", field="房号")
    return found.id


def run_notice(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        done = mail.record_notice(desk, _household_id(desk, args.unit), args.method)
        out = mail_forms.print_notice_slip(desk, done.notice_id, args.slip) if args.slip else None
    finally:
        desk.db.dispose()
    print(f"已记录通知：{done.unit_display} {done.items}件，取件码 {done.code}")
    if out:
        print(f"已生成 {out}")
    return 0


def run_pickup(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        found = mail.pickup_set(desk, args.scan)
        done = mail.hand_out(desk, [i.id for i in found.items], PickupInput(
            args.name, "代领" if args.proxy else "本人", args.id_type, args.id_number))
        out = (mail_forms.print_pickup_sheet(desk, done.pickup_id, args.sheet)
               if args.sheet else None)
    finally:
        desk.db.dispose()
    print(f"已领取 {found.unit_display} {done.items}件，领取人 {done.collector}，证件 {done.id_masked}")
    if out:
        print(f"已生成 {out}（请领取人签名）")
    return 0


def run_public_notice(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        n = mail.post_public_notice(desk)
        out = mail_forms.print_public_notice(desk, args.out) if args.out else None
    finally:
        desk.db.dispose()
    print(f"新列入公示 {n} 件")
    if out:
        print(f"已生成 {out}")
    return 0


def run_return(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        items = mail.due_for_return(desk)
        if not items:
            print("没有应退回邮局的邮件。")
            return 0
        done = mail.return_items(desk, [i.id for i in items], args.postal_clerk, args.note)
        out = mail_forms.print_return_list(desk, done.return_id, args.list) if args.list else None
    finally:
        desk.db.dispose()
    print(f"已退回邮局 {done.items} 件")
    if out:
        print(f"已生成 {out}（请邮局经办人签名）")
    return 0


def run_register(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        out = mail_forms.print_day_register(desk, args.day or desk.now().date(), args.out)
    finally:
        desk.db.dispose()
    print(f"已生成 {out}")
    return 0


def run_figures(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        f = mail_figures.mail_figures(desk, args.start, args.end)
    finally:
        desk.db.dispose()
    print(f"{f.start} 至 {f.end}")
    for line in f.lines():
        print(line)
    for title, group in (("按类别", f.by_kind), ("按楼栋", f.by_building)):
        print(title + "：")
        for key, c in group.items():
            print(f"  {key}  收到{c.received} 领取{c.handed_out} 退回{c.returned} 未领{c.unclaimed}")
    return 0
