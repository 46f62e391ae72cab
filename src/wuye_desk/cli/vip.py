"""VIP commands: the register, applications, cards, services, reminders, figures."""

from __future__ import annotations

import argparse
from pathlib import Path

from wuye_desk.cli.common import add_db_option, add_period_options, with_desk
from wuye_desk.domain import units
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import squeeze
from wuye_desk.domain.vip import yuan_text
from wuye_desk.services import households, vip, vip_figures, vip_forms
from wuye_desk.services.desk import Desk


def _who(q: argparse.ArgumentParser) -> None:
    q.add_argument("--card", default="", help="卡号，如 JK2001（含已作废的旧卡号）")
    q.add_argument("--unit", default="", help="房号（与 --name 一起用）")
    q.add_argument("--name", default="", help="姓名")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("vip", help="VIP客户：档案、申请、发卡、换发、补发、撤销、服务、提醒、统计")
    inner = p.add_subparsers(dest="vip_what", metavar="操作", required=True)

    q = inner.add_parser("list", help="VIP客户名单及卡状态")
    q.add_argument("--status", default="", help="有效 / 即将到期 / 已过期 / 已撤销 / 待发卡")
    q.add_argument("--level", default="", help="集团领导级 / 政府官员级 / 其他级")
    q.add_argument("--search", default="", help="姓名、房号、卡号、电话")
    q.set_defaults(func=run_list)

    q = inner.add_parser("apply", help="登记VIP申请（须经批准；规则P1、P3）")
    q.add_argument("--unit", required=True, help="房号")
    q.add_argument("--name", required=True, help="姓名（须是档案中该户的成员）")
    q.add_argument("--level", required=True, help="集团领导级 / 政府官员级 / 其他级")
    q.add_argument("--qualification", required=True, help="入选理由")
    q.add_argument("--approved-by", required=True, help="批准人")
    q.add_argument("--applied-on", default="", help="申请日期 YYYY-MM-DD（默认今天）")
    q.add_argument("--approved-on", default="", help="批准日期 YYYY-MM-DD（默认今天）")
    q.add_argument("--phone", default="")
    q.add_argument("--birthday", default="", help="生日，如 1962-08-15；农历加 --lunar")
    q.add_argument("--lunar", action="store_true", help="生日是农历")
    q.add_argument("--assistant", default="", help="客户助理")
    q.add_argument("--preferences", default="", help="喜好与习惯")
    q.set_defaults(func=run_apply)

    q = inner.add_parser("issue", help="发放VIP卡（卡号自动生成），并可打印VIP客户登记表")
    _who(q)
    q.add_argument("--form", type=Path, metavar="FILE.pdf", help="同时生成VIP客户登记表")
    q.set_defaults(func=run_issue)

    q = inner.add_parser("renew", help="到期换发新卡（须重新审核资格；规则P4）")
    _who(q)
    q.add_argument("--checked-by", required=True, help="资格复核人")
    q.add_argument("--level", default="", help="新的级别（默认不变）")
    q.set_defaults(func=run_renew)

    q = inner.add_parser("replace", help="补发丢失的卡：新卡号，旧卡作废（规则P4）")
    _who(q)
    q.add_argument("--note", default="")
    q.set_defaults(func=run_replace)

    q = inner.add_parser("revoke", help="撤销VIP资格（规则P5）")
    _who(q)
    q.add_argument("--reason", required=True, help="恶意拖欠物业管理费 / 损害集团利益")
    q.add_argument("--note", default="", help="撤销说明（必填）")
    q.set_defaults(func=run_revoke)

    q = inner.add_parser("service", help="登记一次VIP服务（规则P6）")
    _who(q)
    q.add_argument("--kind", required=True,
                   help="优先服务 / 优惠服务 / 咨询服务 / 亲情服务 / 紧急现金援助 / 增值服务")
    q.add_argument("--detail", default="", help="服务内容（必填）")
    q.add_argument("--amount", default="", help="紧急现金援助金额（元）")
    q.add_argument("--by", default="", help="服务人（默认当前操作员）")
    q.set_defaults(func=run_service)

    q = inner.add_parser("show", help="VIP档案：卡的历史、家庭成员、服务记录")
    _who(q)
    q.set_defaults(func=run_show)

    q = inner.add_parser("form", help="打印VIP客户登记表（PDF）")
    _who(q)
    q.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    q.set_defaults(func=run_form)

    q = inner.add_parser("status", help="某户的VIP卡状态（其他登记簿显示的标记）")
    q.add_argument("--unit", required=True)
    q.set_defaults(func=run_status)

    q = inner.add_parser("reminders", help="即将到期的卡、生日（农历换算为公历）和节日")
    q.add_argument("--days", type=int, default=None, help="生日、节日看未来几天（默认按设置）")
    q.set_defaults(func=run_reminders)

    q = inner.add_parser("figures", help="VIP统计：发卡、到期、撤销、服务、现金援助、客户细分")
    add_period_options(q)
    q.set_defaults(func=run_figures)

    for parser in inner.choices.values():
        add_db_option(parser)


def _find(desk: Desk, args: argparse.Namespace) -> int:
    if squeeze(args.card):
        return vip.find_card(desk, args.card)
    if not squeeze(args.unit) or not squeeze(args.name):
        raise ValidationError("请用 --card 卡号，或 --unit 房号 加 --name 姓名 指定VIP客户",
                              field="卡号")
    unit = units.parse_unit(args.unit)
    name = " ".join(args.name.split())
    for vip_id, _label in vip.holders(desk, f"{unit.display} {name}", limit=50):
        view = vip.get_vip(desk, vip_id)
        if view.unit == unit.display and view.name == name:
            return vip_id
    raise ValidationError(f"{unit.display} {name}没有VIP档案", field="姓名")


def run_list(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        query = vip.list_query(desk, vip.VipFilter(args.status, args.level, args.search))
        after = None
        shown = 0
        while True:
            page = query.page(after)
            for row in page.rows:
                print("  ".join(str(v) for v in row.values))
                shown += 1
            if page.after is None:
                break
            after = page.after
        print(f"共 {shown} 位VIP客户")
        return 0
    return int(with_desk(args, work))


def run_apply(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        found = households.find_by_unit(desk, args.unit)
        if found is None:
            raise ValidationError(f"档案中没有{units.parse_unit(args.unit).display}这户（规则P1）",
                                  field="房号", rule="P1")
        vip_id = vip.apply(desk, vip.VipInput(
            household_id=found.id, name=args.name, level=args.level, phone=args.phone,
            birthday_kind="农历" if args.lunar else "公历", birthday=args.birthday,
            preferences=args.preferences, assistant=args.assistant,
            qualification=args.qualification, applied_on=args.applied_on or None,
            approved_by=args.approved_by, approved_on=args.approved_on or None))
        print(f"已登记VIP申请（档案号 {vip_id}）；发卡：wuye-desk vip issue --unit {args.unit} "
              f"--name {args.name}")
        return 0
    return int(with_desk(args, work))


def run_issue(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        done = vip.issue_card(desk, _find(desk, args))
        print(f"已发卡 {done.number}，有效期至 {done.valid_to:%Y-%m-%d}")
        if args.form:
            print(f"已生成 {vip_forms.print_vip_form(desk, done.vip_id, args.form)}")
        return 0
    return int(with_desk(args, work))


def run_renew(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        done = vip.renew_card(desk, _find(desk, args), args.checked_by, args.level)
        print(f"已换发新卡 {done.number}（原卡 {done.voided}），有效期至 {done.valid_to:%Y-%m-%d}")
        return 0
    return int(with_desk(args, work))


def run_replace(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        done = vip.replace_lost_card(desk, _find(desk, args), args.note)
        print(f"已补发新卡 {done.number}，原卡 {done.voided} 作废；有效期至 {done.valid_to:%Y-%m-%d}")
        return 0
    return int(with_desk(args, work))


def run_revoke(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        number = vip.revoke_card(desk, _find(desk, args), args.reason, args.note)
        print(f"已撤销VIP卡 {number}")
        return 0
    return int(with_desk(args, work))


def run_service(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        vip.log_service(desk, _find(desk, args), args.kind, args.detail, amount=args.amount,
                        given_by=args.by)
        print("已登记VIP服务")
        return 0
    return int(with_desk(args, work))


def run_show(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        v = vip.get_vip(desk, _find(desk, args))
        print(f"{v.badge}  {v.level}  {v.name}  {v.unit}")
        print(f"申请 {v.applied_on}  批准 {v.approved_by} {v.approved_on}  客户助理 {v.assistant}")
        if v.birthday:
            print(f"生日 {v.birthday.text}（下次 {v.next_birthday}）")
        for f in v.family:
            born = f"{f.birthday.text}（下次 {f.next_birthday}）" if f.birthday else ""
            print(f"  家属 {f.relation} {f.name} {born}")
        for c in v.cards:
            print(f"  卡 {c.number} {c.reason} {c.issued_on}–{c.valid_to} {c.status} {c.end_reason}")
        for s in v.services:
            amount = f" {yuan_text(s.amount_fen)}" if s.amount_fen else ""
            print(f"  服务 {s.given_at:%Y-%m-%d %H:%M} {s.kind}{amount} {s.detail}（{s.given_by}）")
        return 0
    return int(with_desk(args, work))


def run_form(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        print(f"已生成 {vip_forms.print_vip_form(desk, _find(desk, args), args.out)}")
        return 0
    return int(with_desk(args, work))


def run_status(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        found = households.find_by_unit(desk, args.unit)
        if found is None:
            raise ValidationError(f"档案中没有{units.parse_unit(args.unit).display}这户",
                                  field="房号")
        print(vip.card_status_for_household(desk, found.id) or "不是VIP客户")
        return 0
    return int(with_desk(args, work))


def run_reminders(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        if args.days is None:
            lines = [line.text for line in vip.overview_lines(desk)]
        else:
            today = desk.now().date()
            g = vip.greetings(desk, args.days)
            lines = [c.text(today) for c in vip.expiring_cards(desk, args.days)]
            lines += [b.text for b in g.birthdays]
            lines += [f"{on:%m月%d日} {name}：向{g.vip_count}位VIP客户及家属致以节日问候"
                      for on, name in g.festivals]
        print("\n".join(lines) if lines else "近期没有VIP提醒。")
        return 0
    return int(with_desk(args, work))


def run_figures(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        figures = vip_figures.vip_figures(desk, args.start, args.end)
        print(f"{figures.start} 至 {figures.end}")
        for line in figures.lines() + vip_figures.segments(desk).lines():
            print(line)
        return 0
    return int(with_desk(args, work))
